// Post tools for moderators: soft-delete and restore posts, one or many at a time (moving posts is
// splitPosts in ./threads.ts). Members stop seeing a deleted post; staff see it greyed with who
// deleted it and why. Thread replies and last post, forum messages and last post, and the author's
// message count follow in the same transaction, with one log line per post.
import "server-only";
import { and, asc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { posts, threads } from "@/db/schema";
import type { Tx } from "@/db/tx";
import type { Viewer } from "../permissions";
import { ok, refuse, type Result } from "../result";
import { postUrl } from "../urls";
import { applyContributions, contributions, recountThread } from "./counters";
import { postIdsSchema, reasonSchema } from "./inputs";
import { logModAction } from "./log-entry";
import { lockThreadRows, parseInput, staffActor } from "./threads";

export type PostModerationResult = Result<{ message: string; postIds: number[]; url: string }>;

const postsInput = z.object({ postIds: postIdsSchema, reason: reasonSchema });

const plural = (n: number) => (n === 1 ? "1 post" : `${n} posts`);

/** Locks the posts' threads (in id order), then the posts; null when some post does not exist. */
async function lockPosts(tx: Tx, postIds: number[]) {
  const threadIds = (
    await tx
      .selectDistinct({ threadId: posts.threadId })
      .from(posts)
      .where(inArray(posts.id, postIds))
  ).map((r) => r.threadId);
  const locked = await lockThreadRows(tx, threadIds);
  const rows = await tx
    .select({
      id: posts.id,
      threadId: posts.threadId,
      position: posts.position,
      deletedAt: posts.deletedAt,
      firstPostId: threads.firstPostId,
    })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(inArray(posts.id, postIds))
    .orderBy(asc(posts.threadId), asc(posts.position))
    .for("update", { of: posts });
  if (rows.length !== postIds.length || rows.some((r) => !locked.has(r.threadId))) return null;
  return { rows, threads: locked };
}

async function changePosts(
  viewer: Viewer,
  input: { postIds: unknown; reason: unknown },
  deleting: boolean,
): Promise<PostModerationResult> {
  const parsed = parseInput(postsInput, input);
  if (!parsed.ok) return parsed;
  const actor = staffActor(viewer, "moderatePosts");
  if (!actor.ok) return actor;
  const { postIds, reason } = parsed.data;

  return db.transaction(async (tx) => {
    const locked = await lockPosts(tx, postIds);
    if (!locked)
      return refuse(
        postIds.length === 1
          ? "This post does not exist any more."
          : "Some of those posts do not exist any more.",
      );
    if (deleting && locked.rows.some((p) => p.id === p.firstPostId)) {
      return refuse(
        "The first post of a thread cannot be deleted on its own: delete the thread instead.",
      );
    }
    const changing = locked.rows.filter((p) =>
      deleting ? p.deletedAt === null : p.deletedAt !== null,
    );
    if (changing.length === 0)
      return refuse(
        deleting
          ? postIds.length === 1
            ? "This post is already deleted."
            : "Those posts are already deleted."
          : postIds.length === 1
            ? "This post is not deleted."
            : "Those posts are not deleted.",
      );

    const threadIds = [...new Set(changing.map((p) => p.threadId))];
    const ids = changing.map((p) => p.id);
    const before = await contributions(tx, threadIds);
    await tx
      .update(posts)
      .set(
        deleting
          ? { deletedAt: sql`now()`, deletedById: actor.actorId, deleteReason: reason }
          : { deletedAt: null, deletedById: null, deleteReason: null },
      )
      .where(
        and(
          inArray(posts.id, ids),
          deleting ? isNull(posts.deletedAt) : isNotNull(posts.deletedAt),
        ),
      );
    for (const threadId of threadIds) await recountThread(tx, threadId);
    await applyContributions(tx, before, await contributions(tx, threadIds));
    for (const post of changing) {
      const thread = locked.threads.get(post.threadId)!;
      await logModAction(tx, {
        actorId: actor.actorId,
        action: deleting ? "post.delete" : "post.restore",
        targetType: "post",
        targetId: post.id,
        targetLabel: `Post #${post.position} in “${thread.title}”`,
        reason,
        details: { threadId: thread.id },
      });
    }
    const skipped = locked.rows.length - changing.length;
    const message =
      `${plural(changing.length)} ${deleting ? "deleted" : "restored"}.` +
      (skipped
        ? ` ${plural(skipped)} ${skipped === 1 ? "was" : "were"} already ${deleting ? "deleted" : "visible"}.`
        : "");
    return ok({ message, postIds: ids, url: postUrl(changing[0]!.id) });
  });
}

/** Soft-deletes posts (not a thread's first post: delete the thread instead). Posts already
 * deleted are left as they are. */
export function deletePosts(
  viewer: Viewer,
  postIds: unknown,
  reason?: unknown,
): Promise<PostModerationResult> {
  return changePosts(viewer, { postIds, reason }, true);
}

/** Restores soft-deleted posts. The reason, if any, goes to the log. */
export function restorePosts(
  viewer: Viewer,
  postIds: unknown,
  reason?: unknown,
): Promise<PostModerationResult> {
  return changePosts(viewer, { postIds, reason }, false);
}
