// Thread tools for moderators: lock, stick, rename, move, delete and restore, delete for good, merge
// and split. Each one parses its input, asks lib/permissions, then in one transaction locks the rows
// it changes, writes, keeps every counter exact (./counters.ts) and writes one moderator log line.
// A refused request writes nothing and logs nothing.
import "server-only";
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { forums, posts, reactions, threads, users } from "@/db/schema";
import type { Tx } from "@/db/tx";
import { titleSchema } from "../forum/posting-rules";
import { can, isSignedIn, isStaff, type Viewer } from "../permissions";
import { ok, refuse, type Result } from "../result";
import { forumUrl, slugify, threadUrl } from "../urls";
import {
  appendPosts,
  applyContributions,
  contributions,
  recountThread,
  renumberPositions,
} from "./counters";
import {
  firstIssue,
  forumIdSchema,
  postIdsSchema,
  reasonSchema,
  threadIdSchema,
  threadRefSchema,
} from "./inputs";
import { carryWatches } from "../watching/watch";
import { redirectMergedThread } from "../forum/thread-redirects";
import { logModAction } from "./log-entry";

export type ThreadModerationResult = Result<{ message: string; threadId: number; url: string }>;

export const THREAD_GONE = "This thread does not exist any more.";

type StaffRule = "moderateThreads" | "moderatePosts" | "hardDeleteThread";

/** Why lib/permissions said no, in words for the moderator's form. The decision is made there. */
function moderationRefusal(viewer: Viewer, rule: StaffRule): string {
  if (!isSignedIn(viewer)) return "Sign in as a moderator to do that.";
  if (viewer.isBanned) return "Your account is banned: you cannot moderate.";
  if (rule === "hardDeleteThread" && isStaff(viewer))
    return "Only administrators can delete threads permanently.";
  return "Only moderators and administrators can do that.";
}

/** The acting staff member's id, or the refusal. */
export function staffActor(viewer: Viewer, rule: StaffRule): Result<{ actorId: string }> {
  if (!can(viewer, rule) || !viewer.id) return refuse(moderationRefusal(viewer, rule));
  return ok({ actorId: viewer.id });
}

export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
): Result<{ data: z.output<T> }> {
  const parsed = schema.safeParse(input);
  return parsed.success ? ok({ data: parsed.data }) : refuse(firstIssue(parsed.error));
}

interface LockedThread {
  id: number;
  forumId: number;
  title: string;
  slug: string;
  isLocked: boolean;
  isSticky: boolean;
  deletedAt: Date | null;
}

/** Locks threads in id order (every action does, so two never wait on each other in a circle). */
export async function lockThreadRows(tx: Tx, ids: number[]): Promise<Map<number, LockedThread>> {
  const rows = await tx
    .select({
      id: threads.id,
      forumId: threads.forumId,
      title: threads.title,
      slug: threads.slug,
      isLocked: threads.isLocked,
      isSticky: threads.isSticky,
      deletedAt: threads.deletedAt,
    })
    .from(threads)
    .where(inArray(threads.id, [...new Set(ids)]))
    .orderBy(asc(threads.id))
    .for("update");
  return new Map(rows.map((r) => [r.id, r]));
}

async function lockThreadRow(tx: Tx, id: number): Promise<LockedThread | null> {
  return (await lockThreadRows(tx, [id])).get(id) ?? null;
}

const done = (message: string, thread: { id: number; slug: string }): ThreadModerationResult =>
  ok({ message, threadId: thread.id, url: threadUrl(thread) });
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The common frame: parse, check the rule, then run the change in one transaction. */
async function moderate<T extends z.ZodType>(
  viewer: Viewer,
  rule: StaffRule,
  schema: T,
  input: unknown,
  change: (tx: Tx, data: z.output<T>, actorId: string) => Promise<ThreadModerationResult>,
): Promise<ThreadModerationResult> {
  const parsed = parseInput(schema, input);
  if (!parsed.ok) return parsed;
  const actor = staffActor(viewer, rule);
  if (!actor.ok) return actor;
  return db.transaction((tx) => change(tx, parsed.data, actor.actorId));
}

// ---------------------------------------------------------------------------------------------
// Lock, unlock, stick, unstick

export interface ThreadInput {
  threadId: unknown;
  reason?: unknown;
}
const threadInput = z.object({ threadId: threadIdSchema, reason: reasonSchema });

interface FlagChange {
  column: "isLocked" | "isSticky";
  value: boolean;
  action: string;
  already: string;
  message: string;
}

function setFlag(
  viewer: Viewer,
  input: ThreadInput,
  change: FlagChange,
): Promise<ThreadModerationResult> {
  return moderate(
    viewer,
    "moderateThreads",
    threadInput,
    input,
    async (tx, { threadId, reason }, actorId) => {
      const thread = await lockThreadRow(tx, threadId);
      if (!thread) return refuse(THREAD_GONE);
      if (thread[change.column] === change.value) return done(change.already, thread);
      await tx
        .update(threads)
        .set({ [change.column]: change.value })
        .where(eq(threads.id, thread.id));
      await logModAction(tx, {
        actorId,
        action: change.action,
        targetType: "thread",
        targetId: thread.id,
        targetLabel: thread.title,
        reason,
      });
      return done(change.message, thread);
    },
  );
}

export function lockThread(viewer: Viewer, input: ThreadInput): Promise<ThreadModerationResult> {
  return setFlag(viewer, input, {
    column: "isLocked",
    value: true,
    action: "thread.lock",
    already: "This thread is already locked.",
    message: "The thread is locked: members can no longer reply.",
  });
}

export function unlockThread(viewer: Viewer, input: ThreadInput): Promise<ThreadModerationResult> {
  return setFlag(viewer, input, {
    column: "isLocked",
    value: false,
    action: "thread.unlock",
    already: "This thread is not locked.",
    message: "The thread is unlocked: members can reply again.",
  });
}

export function stickThread(viewer: Viewer, input: ThreadInput): Promise<ThreadModerationResult> {
  return setFlag(viewer, input, {
    column: "isSticky",
    value: true,
    action: "thread.stick",
    already: "This thread is already sticky.",
    message: "The thread is sticky: it shows first in its forum.",
  });
}

export function unstickThread(viewer: Viewer, input: ThreadInput): Promise<ThreadModerationResult> {
  return setFlag(viewer, input, {
    column: "isSticky",
    value: false,
    action: "thread.unstick",
    already: "This thread is not sticky.",
    message: "The thread is no longer sticky.",
  });
}

// ---------------------------------------------------------------------------------------------
// Rename, move

const renameInput = z.object({
  threadId: threadIdSchema,
  title: titleSchema,
  reason: reasonSchema,
});

export function renameThread(
  viewer: Viewer,
  input: ThreadInput & { title: unknown },
): Promise<ThreadModerationResult> {
  return moderate(
    viewer,
    "moderateThreads",
    renameInput,
    input,
    async (tx, { threadId, title, reason }, actorId) => {
      const thread = await lockThreadRow(tx, threadId);
      if (!thread) return refuse(THREAD_GONE);
      if (thread.title === title) return done("The thread already has this title.", thread);
      const slug = slugify(title);
      await tx.update(threads).set({ title, slug }).where(eq(threads.id, thread.id));
      await logModAction(tx, {
        actorId,
        action: "thread.rename",
        targetType: "thread",
        targetId: thread.id,
        targetLabel: title,
        reason,
        details: { from: thread.title, to: title },
      });
      return done("The thread is renamed.", { id: thread.id, slug });
    },
  );
}

const moveInput = z.object({
  threadId: threadIdSchema,
  forumId: forumIdSchema,
  reason: reasonSchema,
});

/** Moves a thread to another forum: both forums' thread and message counts and last posts follow. */
export function moveThread(
  viewer: Viewer,
  input: ThreadInput & { forumId: unknown },
): Promise<ThreadModerationResult> {
  return moderate(
    viewer,
    "moderateThreads",
    moveInput,
    input,
    async (tx, { threadId, forumId, reason }, actorId) => {
      const thread = await lockThreadRow(tx, threadId);
      if (!thread) return refuse(THREAD_GONE);
      const [to] = await tx
        .select({ id: forums.id, title: forums.title })
        .from(forums)
        .where(eq(forums.id, forumId));
      if (!to) return refuse("This forum does not exist.");
      if (to.id === thread.forumId) return refuse(`This thread is already in ${to.title}.`);
      const [from] = await tx
        .select({ id: forums.id, title: forums.title })
        .from(forums)
        .where(eq(forums.id, thread.forumId));

      const before = await contributions(tx, [thread.id]);
      await tx.update(threads).set({ forumId: to.id }).where(eq(threads.id, thread.id));
      await applyContributions(tx, before, await contributions(tx, [thread.id]));
      await logModAction(tx, {
        actorId,
        action: "thread.move",
        targetType: "thread",
        targetId: thread.id,
        targetLabel: thread.title,
        reason,
        details: {
          fromForumId: thread.forumId,
          fromForum: from?.title ?? null,
          toForumId: to.id,
          toForum: to.title,
        },
      });
      return done(`The thread was moved to ${to.title}.`, thread);
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Delete, restore, delete permanently

/** Soft delete: members no longer see the thread; staff see it greyed with who deleted it and why. */
export function deleteThread(viewer: Viewer, input: ThreadInput): Promise<ThreadModerationResult> {
  return moderate(
    viewer,
    "moderateThreads",
    threadInput,
    input,
    async (tx, { threadId, reason }, actorId) => {
      const thread = await lockThreadRow(tx, threadId);
      if (!thread) return refuse(THREAD_GONE);
      if (thread.deletedAt) return refuse("This thread is already deleted.");
      const before = await contributions(tx, [thread.id]);
      await tx
        .update(threads)
        .set({ deletedAt: sql`now()`, deletedById: actorId, deleteReason: reason })
        .where(eq(threads.id, thread.id));
      await applyContributions(tx, before, await contributions(tx, [thread.id]));
      await logModAction(tx, {
        actorId,
        action: "thread.delete",
        targetType: "thread",
        targetId: thread.id,
        targetLabel: thread.title,
        reason,
      });
      return done("The thread is deleted: only staff can see it now.", thread);
    },
  );
}

export function restoreThread(viewer: Viewer, input: ThreadInput): Promise<ThreadModerationResult> {
  return moderate(
    viewer,
    "moderateThreads",
    threadInput,
    input,
    async (tx, { threadId, reason }, actorId) => {
      const thread = await lockThreadRow(tx, threadId);
      if (!thread) return refuse(THREAD_GONE);
      if (!thread.deletedAt) return refuse("This thread is not deleted.");
      const before = await contributions(tx, [thread.id]);
      await tx
        .update(threads)
        .set({ deletedAt: null, deletedById: null, deleteReason: null })
        .where(eq(threads.id, thread.id));
      await applyContributions(tx, before, await contributions(tx, [thread.id]));
      await logModAction(tx, {
        actorId,
        action: "thread.restore",
        targetType: "thread",
        targetId: thread.id,
        targetLabel: thread.title,
        reason,
      });
      return done("The thread is restored: members can see it again.", thread);
    },
  );
}

/** Administrators only: removes the thread with its posts (and their reactions, quotes links,
 * alerts and reports, by cascade). Counters and reaction scores follow. Cannot be undone. */
export function hardDeleteThread(
  viewer: Viewer,
  input: ThreadInput,
): Promise<ThreadModerationResult> {
  return moderate(
    viewer,
    "hardDeleteThread",
    threadInput,
    input,
    async (tx, { threadId, reason }, actorId) => {
      const thread = await lockThreadRow(tx, threadId);
      if (!thread) return refuse(THREAD_GONE);
      const [forum] = await tx
        .select({ slug: forums.slug })
        .from(forums)
        .where(eq(forums.id, thread.forumId));
      const [{ postCount } = { postCount: 0 }] = await tx
        .select({ postCount: count() })
        .from(posts)
        .where(eq(posts.threadId, thread.id));
      // Reactions to these posts go with them, and with them what they added to reaction scores.
      const scores = await tx
        .select({ authorId: posts.authorId, score: sql<number>`count(*)::int` })
        .from(reactions)
        .innerJoin(posts, eq(posts.id, reactions.postId))
        .where(
          and(
            eq(posts.threadId, thread.id),
            inArray(reactions.kind, ["like", "love", "haha", "wow"]),
          ),
        )
        .groupBy(posts.authorId);

      const before = await contributions(tx, [thread.id]);
      await tx.delete(threads).where(eq(threads.id, thread.id));
      await applyContributions(tx, before, await contributions(tx, []));
      for (const { authorId, score } of scores
        .filter((s) => s.authorId)
        .sort((a, b) => a.authorId!.localeCompare(b.authorId!))) {
        await tx
          .update(users)
          .set({ reactionScore: sql`greatest(${users.reactionScore} - ${score}, 0)` })
          .where(eq(users.id, authorId!));
      }
      await logModAction(tx, {
        actorId,
        action: "thread.hard_delete",
        targetType: "thread",
        targetId: thread.id,
        targetLabel: thread.title,
        reason,
        details: { forumId: thread.forumId, posts: postCount },
      });
      return ok({
        message: `The thread “${thread.title}” and its ${plural(postCount, "post")} were deleted permanently.`,
        threadId: thread.id,
        url: forum ? forumUrl(forum) : "/",
      });
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Merge, split

const mergeInput = z.object({
  sourceId: threadIdSchema,
  targetId: threadRefSchema,
  reason: reasonSchema,
});

/** Appends every post of the source thread to the target, in order, after the target's last post,
 * then removes the (now empty) source thread. Post ids do not change, so quotes and permalinks
 * (/posts/ID) lead to the posts in their new place. */
export function mergeThreads(
  viewer: Viewer,
  input: { sourceId: unknown; targetId: unknown; reason?: unknown },
): Promise<ThreadModerationResult> {
  return moderate(
    viewer,
    "moderateThreads",
    mergeInput,
    input,
    async (tx, { sourceId, targetId, reason }, actorId) => {
      if (sourceId === targetId) return refuse("Choose another thread to merge this one into.");
      const locked = await lockThreadRows(tx, [sourceId, targetId]);
      const source = locked.get(sourceId);
      const target = locked.get(targetId);
      if (!source) return refuse(THREAD_GONE);
      if (!target) return refuse("The thread to merge into does not exist.");
      if (source.deletedAt || target.deletedAt)
        return refuse("Deleted threads cannot be merged: restore them first.");

      const before = await contributions(tx, [source.id, target.id]);
      const moved = await appendPosts(tx, source.id, target.id);
      await carryWatches(tx, source.id, target.id);
      await redirectMergedThread(tx, source.id, target.id);
      await tx.delete(threads).where(eq(threads.id, source.id));
      await recountThread(tx, target.id);
      // The source forum loses a thread (it is gone from `after`); messages follow their posts.
      await applyContributions(tx, before, await contributions(tx, [target.id]));
      await logModAction(tx, {
        actorId,
        action: "thread.merge",
        targetType: "thread",
        targetId: target.id,
        targetLabel: target.title,
        reason,
        details: {
          sourceId: source.id,
          sourceTitle: source.title,
          sourceForumId: source.forumId,
          posts: moved,
        },
      });
      return done(
        `${plural(moved, "post")} from “${source.title}” were merged into “${target.title}”.`,
        target,
      );
    },
  );
}

const splitToNewThread = z.object({
  postIds: postIdsSchema,
  newTitle: titleSchema,
  reason: reasonSchema,
});
const splitToThread = z.object({
  postIds: postIdsSchema,
  targetThreadId: threadRefSchema,
  reason: reasonSchema,
});

export type SplitInput = { postIds: unknown; reason?: unknown } & (
  | { newTitle: unknown; targetThreadId?: undefined }
  | { targetThreadId: unknown; newTitle?: undefined }
);

/** Moves the chosen posts of one thread, in their order, into a new thread in the same forum or to
 * the end of another thread. The thread they leave is renumbered 1, 2, 3… so both stay contiguous;
 * first and last posts, reply counts and forum counts follow. */
export async function splitPosts(
  viewer: Viewer,
  input: SplitInput,
): Promise<ThreadModerationResult> {
  // The two shapes get their own messages: the title's rules, or the thread reference's.
  const toNewThread = input.newTitle !== undefined;
  const schema = toNewThread ? splitToNewThread : splitToThread;
  return moderate(viewer, "moderateThreads", schema, input, async (tx, data, actorId) => {
    const { postIds, reason } = data;
    const newTitle = toNewThread ? (data as z.output<typeof splitToNewThread>).newTitle : null;
    const targetId = toNewThread ? null : (data as z.output<typeof splitToThread>).targetThreadId;

    // Which thread the posts are in decides which rows to lock; checked again once they are locked.
    const found = await tx
      .selectDistinct({ threadId: posts.threadId })
      .from(posts)
      .where(inArray(posts.id, postIds));
    if (found.length === 0) return refuse("Those posts do not exist any more.");
    if (found.length > 1) return refuse("Choose posts from one thread at a time.");
    const sourceId = found[0]!.threadId;
    if (targetId === sourceId) return refuse("Choose another thread to move the posts to.");
    const locked = await lockThreadRows(tx, targetId ? [sourceId, targetId] : [sourceId]);
    const source = locked.get(sourceId);
    if (!source) return refuse(THREAD_GONE);
    const target = targetId ? locked.get(targetId) : null;
    if (targetId && !target) return refuse("The thread to move the posts to does not exist.");
    if (source.deletedAt || target?.deletedAt)
      return refuse("Posts cannot be moved out of or into a deleted thread: restore it first.");

    const chosen = await tx
      .select({
        id: posts.id,
        authorId: posts.authorId,
        authorName: posts.authorName,
        createdAt: posts.createdAt,
      })
      .from(posts)
      .where(and(eq(posts.threadId, source.id), inArray(posts.id, postIds)))
      .orderBy(asc(posts.position))
      .for("update");
    if (chosen.length !== postIds.length)
      return refuse("Some of those posts do not exist any more or have moved.");
    const [{ total } = { total: 0 }] = await tx
      .select({ total: count() })
      .from(posts)
      .where(eq(posts.threadId, source.id));
    if (chosen.length >= total)
      return refuse(
        "Leave at least one post in this thread: to move all of them, merge the thread instead.",
      );

    const before = await contributions(tx, target ? [source.id, target.id] : [source.id]);
    let destination: { id: number; slug: string; title: string };
    if (target) {
      destination = target;
    } else {
      const opening = chosen[0]!;
      const [created] = await tx
        .insert(threads)
        .values({
          forumId: source.forumId,
          title: newTitle!,
          slug: slugify(newTitle!),
          authorId: opening.authorId,
          authorName: opening.authorName,
          createdAt: opening.createdAt,
        })
        .returning({ id: threads.id, slug: threads.slug, title: threads.title });
      destination = created!;
    }
    await appendPosts(
      tx,
      source.id,
      destination.id,
      chosen.map((p) => p.id),
    );
    await renumberPositions(tx, source.id);
    const sourceFirst = await recountThread(tx, source.id);
    await recountThread(tx, destination.id);
    // When the opening post moved out, the thread's starter is whoever wrote its first post now.
    if (sourceFirst)
      await tx
        .update(threads)
        .set({ authorId: sourceFirst.authorId, authorName: sourceFirst.authorName })
        .where(eq(threads.id, source.id));
    await applyContributions(tx, before, await contributions(tx, [source.id, destination.id]));
    await logModAction(tx, {
      actorId,
      action: "thread.split",
      targetType: "thread",
      targetId: source.id,
      targetLabel: source.title,
      reason,
      details: {
        postIds: chosen.map((p) => p.id),
        toThreadId: destination.id,
        toThreadTitle: destination.title,
        newThread: !target,
      },
    });
    return done(`${plural(chosen.length, "post")} moved to “${destination.title}”.`, destination);
  });
}
