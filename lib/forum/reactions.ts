// Reactions as on XenForo: one per member per post; choosing another replaces it, choosing the same
// again removes it. Like, Love, Haha and Wow add to the author's reaction score; Sad and Angry do not.
import "server-only";
import { forumAccessColumns, withForum } from "./forum-access";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { forums, posts, reactions, threads, users, type ReactionKind } from "@/db/schema";
import { alertForReaction } from "../alerts/create";
import { can, type Viewer } from "../permissions";
import { postingRefusal } from "../permissions/posting";
import { memberUrl } from "../urls";
import { ok, refuse, type Result } from "../result";
import { REACTIONS } from "./reaction-kinds";

const scoreOf = (kind: ReactionKind | null | undefined) =>
  REACTIONS.find((r) => r.kind === kind)?.score ?? 0;
export const isReactionKind = (value: unknown): value is ReactionKind =>
  REACTIONS.some((r) => r.kind === value);

export type ReactionResult = Result<{ reaction: ReactionKind | null }>;

export async function toggleReaction(
  viewer: Viewer,
  postId: number,
  kind: ReactionKind,
): Promise<ReactionResult> {
  if (!viewer.id) return refuse(postingRefusal(viewer, "react"));
  const userId = viewer.id;
  return db.transaction(async (tx) => {
    // The post row lock serialises toggles on one post, so counts and scores cannot drift.
    const [row] = await tx
      .select({
        id: posts.id,
        authorId: posts.authorId,
        deletedAt: posts.deletedAt,
        approvalState: posts.approvalState,
        thread: { isLocked: threads.isLocked, deletedAt: threads.deletedAt },
        forum: forumAccessColumns,
      })
      .from(posts)
      .innerJoin(threads, eq(threads.id, posts.threadId))
      .innerJoin(forums, eq(forums.id, threads.forumId))
      .where(eq(posts.id, postId))
      .for("update", { of: posts });
    const post = row && withForum(row);
    // A post waiting for approval is invisible to others, so it cannot be reacted to either.
    if (!post || post.deletedAt || post.thread.deletedAt || post.approvalState !== "approved")
      return refuse("This post does not exist any more.");
    if (!can(viewer, "react", post)) {
      return refuse(
        post.authorId === userId
          ? "You cannot react to your own post."
          : postingRefusal(viewer, "react"),
      );
    }
    const [existing] = await tx
      .select({ kind: reactions.kind })
      .from(reactions)
      .where(and(eq(reactions.postId, postId), eq(reactions.userId, userId)));
    const next = existing?.kind === kind ? null : kind;
    if (!existing && next) await tx.insert(reactions).values({ postId, userId, kind: next });
    else if (existing && next)
      await tx
        .update(reactions)
        .set({ kind: next, createdAt: sql`now()` })
        .where(and(eq(reactions.postId, postId), eq(reactions.userId, userId)));
    else if (existing)
      await tx
        .delete(reactions)
        .where(and(eq(reactions.postId, postId), eq(reactions.userId, userId)));

    const countDelta = (next ? 1 : 0) - (existing ? 1 : 0);
    const scoreDelta = scoreOf(next) - scoreOf(existing?.kind);
    if (countDelta)
      await tx
        .update(posts)
        .set({ reactionCount: sql`${posts.reactionCount} + ${countDelta}` })
        .where(eq(posts.id, postId));
    if (scoreDelta && post.authorId)
      await tx
        .update(users)
        .set({ reactionScore: sql`${users.reactionScore} + ${scoreDelta}` })
        .where(eq(users.id, post.authorId));
    if (Boolean(next) !== Boolean(existing))
      await alertForReaction(tx, {
        postId,
        actorId: userId,
        authorId: post.authorId,
        reacted: next !== null,
      });
    return ok({ reaction: next });
  });
}

export interface PostReactions {
  /** kind → count, in REACTIONS order, only kinds someone chose. */
  counts: { kind: ReactionKind; count: number }[];
  /** Who reacted, newest first, with what. */
  reactors: { name: string; url: string; kind: ReactionKind; isViewer: boolean }[];
  viewerReaction: ReactionKind | null;
}

/** The reactions of a page's posts, in one query. */
export async function reactionsForPosts(
  postIds: number[],
  viewerId: string | null,
): Promise<Map<number, PostReactions>> {
  const result = new Map<number, PostReactions>();
  if (postIds.length === 0) return result;
  const rows = await db
    .select({
      postId: reactions.postId,
      kind: reactions.kind,
      userId: users.id,
      number: users.number,
      name: users.name,
    })
    .from(reactions)
    .innerJoin(users, eq(users.id, reactions.userId))
    .where(inArray(reactions.postId, postIds))
    .orderBy(asc(reactions.postId), sql`${reactions.createdAt} desc`);
  for (const row of rows) {
    let entry = result.get(row.postId);
    if (!entry)
      result.set(row.postId, (entry = { counts: [], reactors: [], viewerReaction: null }));
    const isViewer = row.userId === viewerId;
    if (isViewer) entry.viewerReaction = row.kind;
    entry.reactors.push({ name: row.name, url: memberUrl(row), kind: row.kind, isViewer });
  }
  for (const entry of result.values()) {
    entry.counts = REACTIONS.map((r) => ({
      kind: r.kind,
      count: entry.reactors.filter((x) => x.kind === r.kind).length,
    })).filter((c) => c.count > 0);
    // XenForo lists the viewer first ("You, Razor and 3 others").
    entry.reactors.sort((a, b) => Number(b.isViewer) - Number(a.isViewer));
  }
  return result;
}
