// Reads for the integration tests (not a test file itself): every counter the app keeps next to a
// recount from the rows, moderator log lines, and alerts.
import { count, desc, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { alerts, modLog } from "@/db/schema";

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

/** A member's message count compared with their visible posts. */
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

/** Moderator log lines about one target (a thread, a post, a report, a member), oldest first. */
export async function logLines(targetType: string, targetId: number | string) {
  return db
    .select()
    .from(modLog)
    .where(sql`${modLog.targetType} = ${targetType} and ${modLog.targetId} = ${String(targetId)}`)
    .orderBy(modLog.id);
}

/** Every alert a member has, newest first, as (kind, actor, post). */
export async function alertsOf(member: { id: string }) {
  return db
    .select({ kind: alerts.kind, actorId: alerts.actorId, postId: alerts.postId })
    .from(alerts)
    .where(eq(alerts.userId, member.id))
    .orderBy(desc(alerts.id));
}

export async function alertsAbout(postId: number) {
  return db
    .select({ userId: alerts.userId, kind: alerts.kind })
    .from(alerts)
    .where(eq(alerts.postId, postId));
}
