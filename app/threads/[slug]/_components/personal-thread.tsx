"use client";

// The thread page's personal parts, on a page rendered once for everyone: each takes what the server
// knew (nothing, for the shared rendering; the reader's own state, on a page rendered for them) and
// prefers the personal answer (GET /api/personal) once it has arrived.
import Link from "next/link";
import { usePersonal } from "@/app/_components/personal/store";
import type { ReplyBox } from "@/lib/personal/types";
import { threadReplyUrl } from "@/lib/urls";
import { IgnoredPost } from "./ignored-post";
import { ReplyForm } from "./on-demand";
import { WatchButton } from "./watch-button";

/** A post by a member the reader ignores is folded away until they ask to see it (hidden, never
 * left out: see IgnoredPost). */
export function IgnoredWhen({
  ignored,
  authorId,
  postId,
  children,
}: {
  ignored: boolean;
  authorId: string | null;
  postId: number;
  children: React.ReactNode;
}) {
  const answer = usePersonal();
  const ignoring = answer ? authorId !== null && answer.ignored.includes(authorId) : ignored;
  return (
    <IgnoredPost postId={postId} ignoring={ignoring}>
      {children}
    </IgnoredPost>
  );
}

export function WatchArea({ threadId, watching }: { threadId: number; watching: boolean | null }) {
  const thread = usePersonal()?.thread;
  const shown =
    thread && thread.id === threadId ? (thread.canWatch ? thread.watching : null) : watching;
  if (shown === null) return null;
  return (
    <div className="my-3">
      <WatchButton key={`${threadId}-${shown}`} threadId={threadId} watching={shown} />
    </div>
  );
}

/** The reply box for those who may reply; for others, why not (and, for guests, where to sign in).
 * Guests' text is hidden while a member's browser waits for its answer (the hint cookie), so a
 * member never sees "Sign in" flash by. */
export function ReplyArea({
  thread,
  server,
  signedIn,
}: {
  thread: { id: number; slug: string; url: string; isLocked: boolean };
  server: ReplyBox;
  signedIn: boolean;
}) {
  const answer = usePersonal();
  const mine = answer?.thread?.id === thread.id ? answer.thread : null;
  const state: ReplyBox = mine ?? server;
  const guest = answer ? answer.viewer === null : !signedIn;
  // Drawn from the personal answer, scripts run: the reply route. Drawn on the server (a page
  // rendered for this reader), scripts may be off: the server action, which posts without them.
  if (state.canReply)
    return (
      <ReplyForm
        threadId={thread.id}
        idempotencyKey={state.replyKey}
        via={mine ? "route" : "action"}
      />
    );
  return (
    <>
      {/* Without scripts a member's page is the one drawn for everyone: the plain reply page. */}
      <noscript>
        <p className="mb-2">
          <a href={threadReplyUrl(thread)}>Reply to this thread</a> (signed-in members)
        </p>
      </noscript>
      <RefusalText thread={thread} state={state} guest={guest} pending={!answer} />
    </>
  );
}

function RefusalText({
  thread,
  state,
  guest,
  pending,
}: {
  thread: { url: string; isLocked: boolean };
  state: ReplyBox;
  guest: boolean;
  pending: boolean;
}) {
  return (
    <p className={`text-slate-700 ${pending ? "guest-links" : ""}`}>
      {thread.isLocked && <span aria-hidden="true">🔒 </span>}
      {state.replyRefusal}
      {guest && (
        <>
          {" "}
          <Link href={`/login?callbackUrl=${encodeURIComponent(thread.url)}`}>
            Sign in to reply
          </Link>
        </>
      )}
    </p>
  );
}
