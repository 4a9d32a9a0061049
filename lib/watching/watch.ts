// Watching a thread: a reply in it alerts the watcher (lib/alerts/create.ts). Members watch by hand
// (the thread page's Watch button) or automatically when they start or reply to a thread, unless they
// turned that off in their account settings.
import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { threads, threadWatches, users } from "@/db/schema";
import type { DbOrTx } from "@/db/tx";
import { threadShownTo } from "../moderation/visibility";
import { can, type Viewer } from "../permissions";
import { ok, refuse, type Result } from "../result";
import { rowId } from "../row-id";

export type WatchResult = Result<{ watching: boolean }>;

const threadIdSchema = rowId();
const SIGN_IN = "Sign in to watch threads.";
const GONE = "This thread does not exist any more.";

export async function isWatching(viewerId: string | null, threadId: number): Promise<boolean> {
  if (!viewerId) return false;
  const [row] = await db
    .select({ threadId: threadWatches.threadId })
    .from(threadWatches)
    .where(and(eq(threadWatches.userId, viewerId), eq(threadWatches.threadId, threadId)))
    .limit(1);
  return row !== undefined;
}

/** Starts watching a thread the viewer can read (a deleted thread, or one still waiting for
 * approval that is not theirs, cannot be watched). Watching twice is not an error. */
export async function watchThread(viewer: Viewer, threadId: unknown): Promise<WatchResult> {
  if (!can(viewer, "keepReadingState") || !viewer.id) return refuse(SIGN_IN);
  const id = threadIdSchema.safeParse(threadId);
  if (!id.success) return refuse(GONE);
  const [thread] = await db
    .select({ id: threads.id })
    .from(threads)
    .where(and(eq(threads.id, id.data), isNull(threads.deletedAt), threadShownTo(viewer.id)))
    .limit(1);
  if (!thread) return refuse(GONE);
  await db
    .insert(threadWatches)
    .values({ userId: viewer.id, threadId: thread.id })
    .onConflictDoNothing();
  return ok({ watching: true });
}

/** Stops watching. Allowed whatever became of the thread, so nothing can keep a member watching. */
export async function unwatchThread(viewer: Viewer, threadId: unknown): Promise<WatchResult> {
  if (!can(viewer, "keepReadingState") || !viewer.id) return refuse(SIGN_IN);
  const id = threadIdSchema.safeParse(threadId);
  if (!id.success) return refuse(GONE);
  await db
    .delete(threadWatches)
    .where(and(eq(threadWatches.userId, viewer.id), eq(threadWatches.threadId, id.data)));
  return ok({ watching: false });
}

export async function unwatchAllThreads(viewer: Viewer): Promise<Result<{ count: number }>> {
  if (!can(viewer, "keepReadingState") || !viewer.id) return refuse(SIGN_IN);
  const removed = await db
    .delete(threadWatches)
    .where(eq(threadWatches.userId, viewer.id))
    .returning({ threadId: threadWatches.threadId });
  return ok({ count: removed.length });
}

/** In the transaction that publishes a member's post: they now watch its thread, if their
 * "Watch threads I start or reply to" setting is on. */
export async function autoWatch(tx: DbOrTx, userId: string, threadId: number): Promise<void> {
  await tx.execute(sql`
    insert into ${threadWatches} (user_id, thread_id)
    select ${users.id}, ${threadId} from ${users} where ${users.id} = ${userId} and ${users.autoWatch}
    on conflict do nothing`);
}

/** A merge removes the source thread: its watchers keep following the conversation in the target. */
export async function carryWatches(
  tx: DbOrTx,
  fromThreadId: number,
  toThreadId: number,
): Promise<void> {
  await tx.execute(sql`
    insert into ${threadWatches} (user_id, thread_id)
    select ${threadWatches.userId}, ${toThreadId} from ${threadWatches} where ${threadWatches.threadId} = ${fromThreadId}
    on conflict do nothing`);
}
