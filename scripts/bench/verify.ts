// Recounts every denormalised counter from the rows, with the app's definitions
// (lib/moderation/counters.ts): a thread counts for its forum while it is not deleted; a post counts
// while it is neither deleted nor waiting for approval (or rejected), inside a thread that counts.
// The first post is the one at the lowest position; the last is the counted post at the highest
// (the first when none counts); a forum's last post is the last post of its most recently active
// visible thread. Reaction scores: like, love, haha and wow count 1, sad and angry 0.
import type { Sql } from "postgres";

export interface Check {
  name: string;
  /** What a difference usually means, for the report. */
  hint?: string;
  /** Rows that disagree. */
  bad: number;
  /** A few of them, for the report. */
  sample: unknown[];
}

const COUNTED = `p.deleted_at is null and p.approval_state = 'approved'`;

const CHECKS: { name: string; sql: string; hint?: string }[] = [
  {
    name: "posts: positions are 1..n in every thread",
    sql: `select thread_id, count(*) as n, min(position) as min, max(position) as max from posts group by thread_id
          having min(position) <> 1 or max(position) <> count(*)`,
  },
  {
    // last_post_at is compared to the millisecond: the app copies it from the new post through a JS Date.
    name: "threads: reply_count, first_post_id, last_post_id, last_post_at (to the ms)",
    sql: `with counted as (
            select p.thread_id, count(*) as n from posts p where ${COUNTED} group by p.thread_id),
          first as (
            select distinct on (thread_id) thread_id, id, (${COUNTED}) as is_counted, created_at from posts p order by thread_id, position),
          last as (
            select distinct on (thread_id) thread_id, id, created_at from posts p where ${COUNTED} order by thread_id, position desc)
          select t.id, t.reply_count, coalesce(c.n, 0) - f.is_counted::int as replies,
                 t.first_post_id, f.id as first_id, t.last_post_id, coalesce(l.id, f.id) as last_id,
                 t.last_post_at, coalesce(l.created_at, f.created_at) as last_at
          from threads t
          join first f on f.thread_id = t.id
          left join counted c on c.thread_id = t.id
          left join last l on l.thread_id = t.id
          where t.reply_count <> coalesce(c.n, 0) - f.is_counted::int
             or t.first_post_id is distinct from f.id
             or t.last_post_id is distinct from coalesce(l.id, f.id)
             or date_trunc('milliseconds', t.last_post_at) is distinct from date_trunc('milliseconds', coalesce(l.created_at, f.created_at))`,
  },
  {
    name: "threads: every thread has posts",
    sql: `select t.id from threads t where not exists (select 1 from posts p where p.thread_id = t.id)`,
  },
  {
    name: "forums: thread_count, message_count",
    sql: `select f.id, f.thread_count, coalesce(a.threads, 0) as threads, f.message_count, coalesce(b.messages, 0) as messages
          from forums f
          left join (select forum_id, count(*) as threads from threads where deleted_at is null group by forum_id) a on a.forum_id = f.id
          left join (select t.forum_id, count(*) as messages from posts p join threads t on t.id = p.thread_id
                     where t.deleted_at is null and ${COUNTED} group by t.forum_id) b on b.forum_id = f.id
          where f.thread_count <> coalesce(a.threads, 0) or f.message_count <> coalesce(b.messages, 0)`,
  },
  {
    name: "forums: last_post_id (last post of the most recently active visible thread)",
    hint:
      "createReply sets the forum's last post to the reply it just wrote, while a recount (refreshForumLastPosts in lib/moderation/counters.ts) " +
      "takes the last post of the thread with the latest last_post_at. last_post_at is the transaction's start time (now()), so two replies " +
      "committing in the other order in one forum leave the two definitions disagreeing: a race in the app, not in the bench.",
    sql: `select f.id, f.last_post_id, x.last_post_id as expected
          from forums f left join lateral (
            select t.last_post_id from threads t where t.forum_id = f.id and t.deleted_at is null
            order by t.last_post_at desc, t.id desc limit 1) x on true
          where f.last_post_id is distinct from x.last_post_id`,
  },
  {
    name: "users: message_count",
    sql: `select u.number, u.message_count, coalesce(a.n, 0) as counted
          from users u left join (
            select p.author_id, count(*) as n from posts p join threads t on t.id = p.thread_id
            where t.deleted_at is null and ${COUNTED} group by p.author_id) a on a.author_id = u.id
          where u.message_count <> coalesce(a.n, 0)`,
  },
  {
    name: "users: reaction_score",
    sql: `select u.number, u.reaction_score, coalesce(a.score, 0) as score
          from users u left join (
            select p.author_id, count(*) as score from reactions r join posts p on p.id = r.post_id
            where r.kind in ('like', 'love', 'haha', 'wow') group by p.author_id) a on a.author_id = u.id
          where u.reaction_score <> coalesce(a.score, 0)`,
  },
  {
    name: "posts: reaction_count",
    sql: `select p.id, p.reaction_count, coalesce(a.n, 0) as reactions
          from posts p left join (select post_id, count(*) as n from reactions group by post_id) a on a.post_id = p.id
          where p.reaction_count <> coalesce(a.n, 0)`,
  },
  {
    name: "reactions: none on one's own post",
    sql: `select r.post_id, r.user_id from reactions r join posts p on p.id = r.post_id where p.author_id = r.user_id`,
  },
  {
    name: "references: posts → threads and authors, threads → forums, reactions → posts and members",
    sql: `select 'post ' || p.id as row from posts p where not exists (select 1 from threads t where t.id = p.thread_id)
             or (p.author_id is not null and not exists (select 1 from users u where u.id = p.author_id))
          union all select 'thread ' || t.id from threads t where not exists (select 1 from forums f where f.id = t.forum_id)
          union all select 'reaction ' || r.post_id from reactions r where not exists (select 1 from posts p where p.id = r.post_id)
             or not exists (select 1 from users u where u.id = r.user_id)`,
  },
  {
    name: "quotes: each quotes an earlier post of its own thread, named in its source",
    sql: `select q.post_id, q.quoted_post_id from post_quotes q
          join posts p on p.id = q.post_id join posts o on o.id = q.quoted_post_id
          where o.thread_id <> p.thread_id or o.position >= p.position
             or position((' quote ' || o.id || ' ') in p.source) = 0`,
  },
];

export async function verifyCounters(sql: Sql): Promise<Check[]> {
  const results: Check[] = [];
  for (const check of CHECKS) {
    const rows = (await sql.unsafe(
      `select count(*) over () as bad, x.* from (${check.sql}) x limit 5`,
    )) as unknown as Record<string, unknown>[];
    const bad = rows.length ? Number(rows[0]!.bad) : 0;
    results.push({
      name: check.name,
      hint: check.hint,
      bad,
      sample: rows.map(({ bad: _bad, ...rest }) => rest),
    });
  }
  return results;
}

export function describeChecks(checks: Check[]): string[] {
  return checks.map((c) =>
    c.bad === 0
      ? `ok    ${c.name}`
      : `WRONG ${c.name}: ${c.bad} rows differ, e.g. ${JSON.stringify(c.sample.slice(0, 3))}${c.hint ? `\n      (${c.hint})` : ""}`,
  );
}
