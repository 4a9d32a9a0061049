"use client";

// A list rendered once for everyone (forum pages), made personal in the browser: bold titles and
// "Jump to first unread" for the member's unread threads, threads by members they ignore hidden,
// and member-only buttons. Each takes what the server knew (nothing, for the shared rendering; the
// member's own state, for a page rendered for them) and prefers the personal answer once it is here.
//
// Each is an island on pages served without Next's runtime (app/_islands; ./islands.ts wraps them):
// those that are given server HTML keep it in the page and hide it rather than leave it out, as the
// islands inside it (a Mark read button, dates) are hydrated on their own and HTML drawn again
// would be dead.
import { useLayoutEffect, useRef } from "react";
import { JumpToUnread, titleWeight, UnreadCue } from "../reading/unread-marks";
import { usePersonal } from "./store";

/** The thread's "jump to first unread" address while it is unread for this reader, else null. */
function useUnread(threadId: number, serverUnreadUrl: string | null): string | null {
  const answer = usePersonal();
  if (!answer) return serverUnreadUrl;
  return answer.unread[threadId] ?? null;
}

export function ThreadTitle({
  threadId,
  unreadUrl,
  className = "",
  children,
}: {
  threadId: number;
  unreadUrl: string | null;
  className?: string;
  children: React.ReactNode;
}) {
  const unread = useUnread(threadId, unreadUrl) !== null;
  return (
    <h2 className={`${className} ${titleWeight(unread)}`}>
      <UnreadCue unread={unread} />
      {children}
    </h2>
  );
}

/** "Jump to first unread · " before the thread's byline, while it is unread. */
export function UnreadJump({
  threadId,
  unreadUrl,
  title,
}: {
  threadId: number;
  unreadUrl: string | null;
  title: string;
}) {
  const href = useUnread(threadId, unreadUrl);
  if (!href) return null;
  return (
    <>
      <JumpToUnread href={href} title={title} /> ·{" "}
    </>
  );
}

/** Hides the rows of the list it holds that are by, or involve, a member the reader ignores: each
 * row names its members in `data-authors` (./row-authors.ts). Staff are never ignored: the
 * answer's list holds plain members only.
 *
 * The rows are server HTML that this never draws (a `<li>` stays its list's child, and the islands
 * in it stay live), so they are hidden in place, as they were left out before: out of sight, out of
 * the accessibility tree and out of the list's count. Again whenever the list is drawn anew (a
 * client-side navigation on a page with Next's runtime), before it is painted. */
export function IgnoredRows({ children }: { children: React.ReactNode }) {
  const ignored = usePersonal()?.ignored;
  const list = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    for (const row of list.current?.querySelectorAll<HTMLElement>("[data-authors]") ?? []) {
      const authors = row.dataset.authors!.split(" ");
      row.hidden = ignored !== undefined && authors.some((id) => ignored.includes(id));
    }
  }, [ignored, children]);
  return (
    <div ref={list} className="contents">
      {children}
    </div>
  );
}

/** Shown once the personal answer names a signed-in member (or the server already knew one). The
 * children are always in the page, hidden from guests. `className` is the wrapper's (by default
 * `display: contents`, so the children are laid out as the wrapper's parent's own). */
export function MembersOnly({
  signedIn = false,
  className = "contents",
  children,
}: {
  signedIn?: boolean;
  className?: string;
  children: React.ReactNode;
}) {
  const answer = usePersonal();
  const member = answer ? answer.viewer !== null : signedIn;
  return (
    <div hidden={!member} className={className}>
      {children}
    </div>
  );
}
