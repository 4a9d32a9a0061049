// Shared by the moderation integration tests (threads.test.ts, posts.test.ts): members, forums and
// threads of their own, and every counter the app keeps compared with a recount from the rows.
import { randomUUID } from "node:crypto";
import { count, inArray, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { categories, forums, modLog, threads, users } from "@/db/schema";
import type { Viewer } from "../permissions";
import { createReply, createThread } from "../forum/posting";

let n = 0;
const unique = () => `${process.pid}x${++n}x${Math.random().toString(36).slice(2, 6)}`;

// What these tests made, removed again afterwards: the test files share one database, and others
// count its forums and administrators.
const made = { users: [] as string[], categories: [] as number[], forums: [] as number[] };

export async function cleanUp(): Promise<void> {
  if (made.forums.length) await db.delete(threads).where(inArray(threads.forumId, made.forums));
  if (made.forums.length) await db.delete(forums).where(inArray(forums.id, made.forums));
  if (made.categories.length)
    await db.delete(categories).where(inArray(categories.id, made.categories));
  if (made.users.length) {
    await db.delete(modLog).where(inArray(modLog.actorId, made.users));
    await db.delete(users).where(inArray(users.id, made.users));
  }
}

export async function makeMember(
  role: "member" | "moderator" | "admin" = "member",
  name = `mod${unique()}`,
): Promise<Viewer> {
  const [row] = await db.insert(users).values({ name, role }).returning();
  made.users.push(row!.id);
  return { id: row!.id, number: row!.number, name: row!.name, role: row!.role, isBanned: false };
}

/** Two fresh forums, so forum counters start from zero and other test files cannot disturb them. */
export async function makeForums() {
  const [category] = await db
    .insert(categories)
    .values({ title: `Moderation tests ${unique()}` })
    .returning();
  made.categories.push(category!.id);
  const rows = await db
    .insert(forums)
    .values([
      { categoryId: category!.id, slug: `mod-a-${unique()}`, title: "Moderation A" },
      { categoryId: category!.id, slug: `mod-b-${unique()}`, title: "Moderation B" },
    ])
    .returning();
  made.forums.push(...rows.map((f) => f.id));
  return { a: rows[0]!, b: rows[1]! };
}

/** A thread with an opening post and one reply per further message, each by its own member (the
 * posting rate limit is per member). Returns the thread id and post ids in order. */
export async function makeThread(
  forumId: number,
  messages: string[],
  title = `Thread ${unique()}`,
) {
  const opener = await makeMember();
  const first = await createThread(opener, {
    forumId,
    title,
    message: messages[0] ?? "Opening post",
    idempotencyKey: randomUUID(),
  });
  if (!first.ok) throw new Error(first.error);
  const postIds = [first.postId];
  for (const message of messages.slice(1)) {
    const reply = await createReply(await makeMember(), {
      threadId: first.threadId,
      message,
      idempotencyKey: randomUUID(),
    });
    if (!reply.ok) throw new Error(reply.error);
    postIds.push(reply.postId);
  }
  return { threadId: first.threadId, postIds, opener, title };
}

const COUNTED = sql`p.deleted_at is null and p.approval_state = 'approved'`;

/** Every counter of a thread compared with a recount: replies and last post count only visible
 * posts; positions are 1…n without gaps. */
export async function threadMatchesRecount(threadId: number) {
  const [check] = await db.execute<Record<string, boolean>>(sql`
    select
      t.reply_count = (select count(*) from posts p where p.thread_id = t.id and ${COUNTED} and p.id <> t.first_post_id) as replies,
      t.first_post_id = (select id from posts where thread_id = t.id order by position limit 1) as first_post,
      t.last_post_id = coalesce((select id from posts p where p.thread_id = t.id and ${COUNTED} order by position desc limit 1), t.first_post_id) as last_post,
      -- to the millisecond: the app carries post times through JavaScript dates
      date_trunc('milliseconds', t.last_post_at) = (select date_trunc('milliseconds', created_at) from posts where id = t.last_post_id) as last_post_at,
      (select count(*) = count(distinct position) and min(position) = 1 and max(position) = count(*) from posts where thread_id = t.id) as positions
    from threads t where t.id = ${threadId}`);
  return check;
}

/** A forum's thread and message counts and last post compared with a recount. */
export async function forumMatchesRecount(forumId: number) {
  const [check] = await db.execute<Record<string, boolean>>(sql`
    select
      f.thread_count = (select count(*) from threads where forum_id = f.id and deleted_at is null) as threads,
      f.message_count = (select count(*) from posts p join threads t on t.id = p.thread_id where t.forum_id = f.id and t.deleted_at is null and ${COUNTED}) as messages,
      f.last_post_id is not distinct from (select last_post_id from threads where forum_id = f.id and deleted_at is null order by last_post_at desc, id desc limit 1) as last_post
    from forums f where f.id = ${forumId}`);
  return check;
}

/** A member's message count compared with their visible posts (members made by makeMember only). */
export async function memberMatchesRecount(userId: string) {
  const [check] = await db.execute<{ messages: boolean }>(sql`
    select u.message_count = (select count(*) from posts p join threads t on t.id = p.thread_id where p.author_id = u.id and t.deleted_at is null and ${COUNTED}) as messages
    from users u where u.id = ${userId}`);
  return check;
}

export const ALL_MATCH_THREAD = {
  replies: true,
  first_post: true,
  last_post: true,
  last_post_at: true,
  positions: true,
};
export const ALL_MATCH_FORUM = { threads: true, messages: true, last_post: true };

export async function logCount(): Promise<number> {
  const [row] = await db.select({ n: count() }).from(modLog);
  return row!.n;
}

export async function logLines(targetType: string, targetId: number | string) {
  return db
    .select()
    .from(modLog)
    .where(sql`${modLog.targetType} = ${targetType} and ${modLog.targetId} = ${String(targetId)}`)
    .orderBy(modLog.id);
}
