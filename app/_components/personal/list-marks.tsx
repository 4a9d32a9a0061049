"use client";

// A list rendered once for everyone (forum pages), made personal in the browser: bold titles and
// "Jump to first unread" for the member's unread threads, threads by members they ignore left out,
// and member-only buttons. Each takes what the server knew (nothing, for the shared rendering; the
// member's own state, for a page rendered for them) and prefers the personal answer once it is here.
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

/** Leaves out what a member the reader ignores started or wrote, or what involves them (a reaction
 * by or to them: pass both ids). Staff are never ignored: the answer's list holds plain members only. */
export function UnlessIgnored({
  authorId,
  children,
}: {
  authorId: string | null | readonly (string | null)[];
  children: React.ReactNode;
}) {
  const ignored = usePersonal()?.ignored;
  const ids = typeof authorId === "string" || authorId === null ? [authorId] : authorId;
  if (ignored && ids.some((id) => id !== null && ignored.includes(id))) return null;
  return <>{children}</>;
}

/** Shown once the personal answer names a signed-in member (or the server already knew one). */
export function MembersOnly({
  signedIn = false,
  children,
}: {
  signedIn?: boolean;
  children: React.ReactNode;
}) {
  const answer = usePersonal();
  const member = answer ? answer.viewer !== null : signedIn;
  return member ? <>{children}</> : null;
}
