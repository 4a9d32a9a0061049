"use client";

import Link from "next/link";
import { memberUrl } from "@/lib/urls";
import { usePersonal } from "../personal/store";
import { signOutAction } from "./actions";
import { AlertsBell } from "./alerts-bell";
import { InboxLink } from "./inbox-link";

const iconLink = "inline-flex items-center gap-2";

/** Sign in / Sign up for guests; the member's name, bell and account links once the personal answer
 * names them. Until it arrives, a browser with the member hint cookie hides the guest links (an
 * inline script marks <html data-member> before the first paint, see app/layout.tsx) and keeps
 * their room, so a member never sees "Sign in" flash by. */
export function AccountNav({ className }: { className: string }) {
  const answer = usePersonal();
  const viewer = answer?.viewer;
  if (!viewer) {
    return (
      <span className={answer ? "contents" : "guest-links contents"}>
        <Link href="/login" className={className}>
          Sign in
        </Link>
        <Link
          href="/register"
          className="rounded bg-white/15 px-3 py-1 font-semibold text-white hover:bg-white/25 hover:no-underline"
        >
          Sign up
        </Link>
      </span>
    );
  }
  return (
    <>
      {viewer.number !== null && (
        <Link
          href={memberUrl({ number: viewer.number, name: viewer.name })}
          className="font-semibold text-white"
        >
          {viewer.name}
        </Link>
      )}
      <InboxLink unread={answer.inbox} className={className} />
      <AlertsBell unread={answer.alerts} className={className} />
      {/* Icons from `sm` up, so a staff member's header fits one row at 1280 px; named in words. */}
      <Link href="/watched" className={`${className} ${iconLink}`} title="Watched threads">
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 fill-current">
          <path d="M10 4C5.5 4 2.3 7.4 1 10c1.3 2.6 4.5 6 9 6s7.7-3.4 9-6c-1.3-2.6-4.5-6-9-6Zm0 9.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7Zm0-2a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3Z" />
        </svg>
        <span className="sm:sr-only">Watched threads</span>
      </Link>
      <Link href="/account" className={`${className} ${iconLink}`} title="Account settings">
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 fill-current">
          <path d="M8.6 1.5h2.8l.4 2.3 1.4.6 1.9-1.4 2 2-1.4 1.9.6 1.4 2.3.4v2.8l-2.3.4-.6 1.4 1.4 1.9-2 2-1.9-1.4-1.4.6-.4 2.3H8.6l-.4-2.3-1.4-.6-1.9 1.4-2-2 1.4-1.9-.6-1.4-2.3-.4V8.6l2.3-.4.6-1.4-1.4-1.9 2-2 1.9 1.4 1.4-.6.4-2.3ZM10 13a3 3 0 1 0 0-6 3 3 0 0 0 0 6Z" />
        </svg>
        <span className="sm:sr-only">Account settings</span>
      </Link>
      <form action={signOutAction}>
        <button type="submit" className={`${className} cursor-pointer`}>
          Sign out
        </button>
      </form>
    </>
  );
}
