"use client";

// "2 new replies · Show them": posts written since the page loaded, on any instance (live updates).
// The status region is always in the page so screen readers announce the count when it appears.
import Link from "next/link";
import { useNewPosts } from "@/app/_components/personal/live-store";
import { postUrl } from "@/lib/urls";

export function NewReplies({ threadId }: { threadId: number }) {
  const fresh = useNewPosts(threadId);
  const first = fresh[0];
  return (
    <div role="status" className="sticky bottom-2 z-10 flex justify-center">
      {first !== undefined && (
        <p className="my-3 rounded-full border border-sky-300 bg-sky-50 px-4 py-2 text-sm shadow">
          {fresh.length === 1 ? "1 new reply" : `${fresh.length} new replies`} ·{" "}
          <Link href={postUrl(first)} className="font-semibold">
            Show {fresh.length === 1 ? "it" : "them"}
          </Link>
        </p>
      )}
    </div>
  );
}
