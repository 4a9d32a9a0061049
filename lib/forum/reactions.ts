// Reactions as on XenForo: one per member per post; choosing another replaces it, choosing the same
// again removes it. Like, Love, Haha and Wow add to the author's reaction score; Sad and Angry do not.
import "server-only";
import { postTargetColumns, withForum } from "./forum-access";
import { asc, eq, inArray, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { runPrepared } from "@/db/tx";
import { forums, posts, reactions, threads, users, type ReactionKind } from "@/db/schema";
import { can, type Viewer } from "../permissions";
import type { Alongside } from "../permissions/load-viewer";
import { postingRefusal } from "../permissions/posting";
import { memberUrl } from "../urls";
import { REQUEST_RATES } from "../limits/request-rates";
import { ok, refuse, type Result } from "../result";
import { REACTIONS } from "./reaction-kinds";

export const isReactionKind = (value: unknown): value is ReactionKind =>
  REACTIONS.some((r) => r.kind === value);

/** A refusal about `rate` is the member reacting too fast (the write route answers 429). */
export type ReactionResult = Result<{ reaction: ReactionKind | null }, "rate">;

/** The kinds that add to the author's reaction score, as the Postgres array the procedure takes. */
const SCORING_KINDS = `{${REACTIONS.filter((r) => r.score > 0)
  .map((r) => r.kind)
  .join(",")}}`;

function buildTargetStatement() {
  return db
    .select(postTargetColumns)
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .innerJoin(forums, eq(forums.id, threads.forumId))
    .where(eq(posts.id, sql.placeholder("post")))
    .prepare("reaction_target");
}
/** Built once: building a statement with Drizzle costs more Node CPU than Postgres spends on it. */
let targetStatement: ReturnType<typeof buildTargetStatement> | undefined;

/** What lib/permissions judges a reaction by: the post, its thread and its forum's rules. */
export type ReactionTarget = Awaited<
  ReturnType<ReturnType<typeof buildTargetStatement>["execute"]>
>[number];

/** A ReactionTarget as JSON (its times as text). */
interface ReactionTargetJson extends Omit<ReactionTarget, "deletedAt" | "thread"> {
  deletedAt: string | null;
  thread: { isLocked: boolean; deletedAt: string | null };
}

/** The reaction's post, read in the statement that loads the member (lib/permissions/load-viewer.ts):
 * the write route spares a round trip. Hand what it read to toggleReaction with reactionTargetOf. */
export function reactionTargetAlongside(postId: number): Alongside {
  return {
    shape: "reaction-target",
    sql: () => sql`(select json_build_object(
        'id', ${posts.id}, 'authorId', ${posts.authorId}, 'deletedAt', ${posts.deletedAt},
        'approvalState', ${posts.approvalState},
        'thread', json_build_object('isLocked', ${threads.isLocked}, 'deletedAt', ${threads.deletedAt}),
        'forum', json_build_object('viewRule', ${forums.viewRule},
          'startThreadRule', ${forums.startThreadRule}, 'replyRule', ${forums.replyRule}))
      from ${posts}
      join ${threads} on ${threads.id} = ${posts.threadId}
      join ${forums} on ${forums.id} = ${threads.forumId}
      where ${posts.id} = ${sql.placeholder("reactionPost")})`,
    values: { reactionPost: postId },
  };
}

/** What reactionTargetAlongside read (null: no such post), as toggleReaction takes it. */
export function reactionTargetOf(json: unknown): ReactionTarget | null {
  if (!json) return null;
  const row = json as ReactionTargetJson;
  const when = (text: string | null) => (text === null ? null : new Date(text));
  return {
    ...row,
    deletedAt: when(row.deletedAt),
    thread: { ...row.thread, deletedAt: when(row.thread.deletedAt) },
  };
}

/** Toggles the member's reaction. `known.target`: the post as read already, with the member
 * (reactionTargetAlongside); otherwise it is read here. */
export async function toggleReaction(
  viewer: Viewer,
  postId: number,
  kind: ReactionKind,
  known?: { target: ReactionTarget | null },
): Promise<ReactionResult> {
  if (!viewer.id) return refuse(postingRefusal(viewer, "react"));
  const userId = viewer.id;
  // Read without a lock, to let lib/permissions decide before anything is written. What can change
  // in between and matters (the post deleted, sent back to approval, its thread deleted) is checked
  // again under the post's lock by parley_toggle_reaction; the rest (the forum's rules, a thread
  // moved) is as if the member had clicked a moment earlier.
  const row = known
    ? known.target
    : (await (targetStatement ??= buildTargetStatement()).execute({ post: postId }))[0];
  const post = row && withForum(row);
  // A post waiting for approval is invisible to others, so it cannot be reacted to either.
  if (!post || post.deletedAt || post.thread.deletedAt || post.approvalState !== "approved")
    return refuse(GONE);
  if (!can(viewer, "react", post)) {
    return refuse(
      post.authorId === userId
        ? "You cannot react to your own post."
        : postingRefusal(viewer, "react"),
    );
  }
  // One round trip: the member's rate, the lock, the reaction, the post's count, the author's score
  // and their alert (db/migrations/0024_reaction_toggle.sql, and 0026 for the rate). A CALL, not a
  // select, so db/connect never retries it as a read: it writes. Sent to postgres.js as a prepared
  // statement, parsed once per connection.
  const [toggled] = await runPrepared<{
    gone: boolean;
    reaction: ReactionKind | null;
    retry_after_ms: number | null;
  }>(db, TOGGLE_SQL, [
    postId,
    userId,
    kind,
    SCORING_KINDS,
    `${RATE_KEY_PREFIX}${userId}`,
    PER_MINUTE,
    MINUTE_MS,
  ]);
  if (toggled?.retry_after_ms != null) {
    const seconds = Math.max(1, Math.ceil(toggled.retry_after_ms / 1000));
    return refuse(
      `You are reacting too fast (${PER_MINUTE} a minute at most). Try again in ${seconds} seconds.`,
      "rate",
    );
  }
  if (!toggled || toggled.gone) return refuse(GONE);
  return ok({ reaction: toggled.reaction });
}

const GONE = "This post does not exist any more.";
const PER_MINUTE = REQUEST_RATES.reactionsPerMinute;
const MINUTE_MS = 60_000;
/** The rate's row in rate_limits, keyed as rate-limiter-flexible keys the other request rates. */
const RATE_KEY_PREFIX = "reaction:";
const TOGGLE_SQL =
  "call parley_toggle_reaction_within_rate($1::integer, $2::text, $3::reaction_kind, $4::reaction_kind[], $5::text, $6::integer, $7::integer, null, null, null)";

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
