"use client";

// The notice on a warned post, as XenForo shows it: everyone reads that the author was warned for
// it (the page is one rendering for everyone); the author and staff also read the reason and points,
// which only their personal answer carries.
import { usePersonal } from "@/app/_components/personal/store";

export function WarningNotice({ postId, authorName }: { postId: number; authorName: string }) {
  const warning = usePersonal()?.posts[postId]?.warning;
  return (
    <div
      role="note"
      aria-label="Warning"
      className="mb-2 rounded border border-red-200 bg-red-50 px-3 py-1.5 text-sm text-red-900"
    >
      <p className="font-semibold">{authorName} was warned for this post.</p>
      {warning && (
        <p>
          Reason: {warning.reason} ({warning.points} {warning.points === 1 ? "point" : "points"})
        </p>
      )}
    </div>
  );
}
