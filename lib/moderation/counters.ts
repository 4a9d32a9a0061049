// The counters moderation moves, kept exact inside the acting transaction. Rather than reasoning
// about each case (a deleted post in a deleted thread moved to another forum…), an action measures
// what the threads it touches add to forum and member counters before and after it writes, and
// applies the difference; thread counters and last-post pointers are recounted from their rows.
//
// What counts: a thread counts for its forum while it is not deleted and its opening post is approved; a post counts while it is
// neither deleted nor waiting for approval (or rejected), and only inside a thread that counts.
import "server-only";
import { and, asc, count, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Tx } from "@/db/tx";
import { forums, posts, threads, users } from "@/db/schema";
import { threadShownTo } from "./visibility";

/** A post that readers see and that counts in replies and message counts. */
const countedPost = and(isNull(posts.deletedAt), eq(posts.approvalState, "approved"));

export interface Contributions {
  forums: Map<number, { threads: number; messages: number }>;
  /** Counted posts per author (members only: guests and deleted members have no counter). */
  authors: Map<string, number>;
}

/** What these threads add to their forums' thread and message counts and to their authors' message counts. */
export async function contributions(tx: Tx, threadIds: number[]): Promise<Contributions> {
  const result: Contributions = { forums: new Map(), authors: new Map() };
  if (threadIds.length === 0) return result;
  // A thread whose opening post waits for approval is not in its forum's count yet.
  const rows = await tx
    .select({
      forumId: threads.forumId,
      deletedAt: threads.deletedAt,
      shown: sql<boolean>`${threadShownTo(null)}`,
    })
    .from(threads)
    .where(inArray(threads.id, threadIds));
  const forum = (id: number) =>
    result.forums.get(id) ?? result.forums.set(id, { threads: 0, messages: 0 }).get(id)!;
  for (const row of rows) forum(row.forumId).threads += row.deletedAt || !row.shown ? 0 : 1;
  const counted = await tx
    .select({ forumId: threads.forumId, authorId: posts.authorId, n: count() })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(and(inArray(posts.threadId, threadIds), isNull(threads.deletedAt), countedPost))
    .groupBy(threads.forumId, posts.authorId);
  for (const row of counted) {
    forum(row.forumId).messages += row.n;
    if (row.authorId)
      result.authors.set(row.authorId, (result.authors.get(row.authorId) ?? 0) + row.n);
  }
  return result;
}

/** Applies the change between two measurements to members and forums, then re-points the forums'
 * last posts. Rows are updated in id order, as every moderation action does, so two of them never
 * wait on each other in a circle. */
export async function applyContributions(
  tx: Tx,
  before: Contributions,
  after: Contributions,
): Promise<void> {
  const authorIds = [...new Set([...before.authors.keys(), ...after.authors.keys()])].sort();
  for (const id of authorIds) {
    const delta = (after.authors.get(id) ?? 0) - (before.authors.get(id) ?? 0);
    if (delta !== 0)
      await tx
        .update(users)
        .set({ messageCount: sql`greatest(${users.messageCount} + ${delta}, 0)` })
        .where(eq(users.id, id));
  }
  const forumIds = [...new Set([...before.forums.keys(), ...after.forums.keys()])].sort(
    (a, b) => a - b,
  );
  for (const id of forumIds) {
    const was = before.forums.get(id) ?? { threads: 0, messages: 0 };
    const now = after.forums.get(id) ?? { threads: 0, messages: 0 };
    if (was.threads !== now.threads || was.messages !== now.messages) {
      await tx
        .update(forums)
        .set({
          threadCount: sql`${forums.threadCount} + ${now.threads - was.threads}`,
          messageCount: sql`${forums.messageCount} + ${now.messages - was.messages}`,
        })
        .where(eq(forums.id, id));
    }
  }
  await refreshForumLastPosts(tx, forumIds);
}

/** A forum's last post is the last post of its most recently active visible thread. */
export async function refreshForumLastPosts(tx: Tx, forumIds: number[]): Promise<void> {
  for (const id of forumIds) {
    const [latest] = await tx
      .select({ lastPostId: threads.lastPostId })
      .from(threads)
      .where(and(eq(threads.forumId, id), isNull(threads.deletedAt), threadShownTo(null)))
      .orderBy(desc(threads.lastPostAt), desc(threads.id))
      .limit(1);
    await tx
      .update(forums)
      .set({ lastPostId: latest?.lastPostId ?? null })
      .where(eq(forums.id, id));
  }
}

/** Recounts a thread from its rows: the first post (by position), the replies that count, and the
 * last post that counts (the first post when no other does). Returns the first post. */
export async function recountThread(tx: Tx, threadId: number) {
  const [first] = await tx
    .select({
      id: posts.id,
      authorId: posts.authorId,
      authorName: posts.authorName,
      createdAt: posts.createdAt,
    })
    .from(posts)
    .where(eq(posts.threadId, threadId))
    .orderBy(asc(posts.position))
    .limit(1);
  if (!first) return null;
  const [last] = await tx
    .select({ id: posts.id, createdAt: posts.createdAt })
    .from(posts)
    .where(and(eq(posts.threadId, threadId), countedPost))
    .orderBy(desc(posts.position))
    .limit(1);
  const [{ replies } = { replies: 0 }] = await tx
    .select({ replies: count() })
    .from(posts)
    .where(and(eq(posts.threadId, threadId), countedPost, ne(posts.id, first.id)));
  const lastPost = last ?? first;
  await tx
    .update(threads)
    .set({
      replyCount: replies,
      firstPostId: first.id,
      lastPostId: lastPost.id,
      lastPostAt: lastPost.createdAt,
    })
    .where(eq(threads.id, threadId));
  return first;
}

/** Numbers a thread's posts 1, 2, 3… in their current order. Positions are unique per thread and
 * Postgres checks that row by row, so rows that move go through negative numbers first. */
export async function renumberPositions(tx: Tx, threadId: number): Promise<void> {
  await tx.execute(sql`
    update posts set position = -numbered.n
    from (select id, row_number() over (order by position) as n from posts where thread_id = ${threadId}) numbered
    where posts.id = numbered.id and posts.position <> numbered.n`);
  await tx.execute(
    sql`update posts set position = -position where thread_id = ${threadId} and position < 0`,
  );
}

/** Moves posts (all of one thread, or the chosen ones) to the end of another thread, keeping their
 * order: they take the positions after the target's last one. Returns how many moved. */
export async function appendPosts(
  tx: Tx,
  fromThreadId: number,
  toThreadId: number,
  postIds?: number[],
): Promise<number> {
  const chosen = postIds
    ? sql`and id in ${
        postIds.length
          ? sql`(${sql.join(
              postIds.map((id) => sql`${id}`),
              sql`, `,
            )})`
          : sql`(null)`
      }`
    : sql``;
  const moved = await tx.execute<{ id: number }>(sql`
    update posts set thread_id = ${toThreadId}, position = base.last + numbered.n
    from (select id, row_number() over (order by position) as n from posts where thread_id = ${fromThreadId} ${chosen}) numbered,
         (select coalesce(max(position), 0) as last from posts where thread_id = ${toThreadId}) base
    where posts.id = numbered.id
    returning posts.id`);
  return moved.length;
}
