"use client";

import Link from "next/link";
import { memberUrl } from "@/lib/urls";
import { usePersonal } from "../personal/store";
import { signOutAction } from "./actions";
import { AlertsBell } from "./alerts-bell";
import { InboxLink } from "./inbox-link";

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
      <Link href="/watched" className={className}>
        Watched threads
      </Link>
      <Link href="/account" className={className}>
        Account settings
      </Link>
      <form action={signOutAction}>
        <button type="submit" className={`${className} cursor-pointer`}>
          Sign out
        </button>
      </form>
    </>
  );
}
