// The statements of a reply's transaction (lib/forum/posting.ts createReply), as SQL text run as
// prepared statements (db/tx.ts runPrepared): a reply is the forum's most frequent write, and
// building its dozen statements with Drizzle on every request cost more Node CPU than Postgres spent
// on them (issue 12). Three round trips between BEGIN and COMMIT: the locks with the reads that
// decide whether the reply may be written; the post with the counters it moves; the forum's lock
// with its counters.
import "server-only";
import type { Tx } from "@/db/tx";
import { runPrepared } from "@/db/tx";
import type { ForumAccess } from "../permissions";
import { APPROVAL_SETTING } from "../moderation/approval";
import { POSTING } from "./posting-rules";

/** The thread a reply goes to, locked: its row orders the thread's concurrent replies, so positions
 * and counters stay exact. With its forum's rules, which lib/permissions judges it by. */
const LOCK_THREAD = `
  select t.id, t.forum_id, t.author_id, t.first_post_id, t.is_locked, t.deleted_at,
    f.view_rule, f.start_thread_rule, f.reply_rule
  from threads t join forums f on f.id = t.forum_id
  where t.id = $1
  for update of t`;

export interface ReplyThread {
  id: number;
  forumId: number;
  authorId: string | null;
  firstPostId: number | null;
  isLocked: boolean;
  deletedAt: Date | null;
  forum: ForumAccess;
}

interface ReplyThreadRow {
  id: number;
  forum_id: number;
  author_id: string | null;
  first_post_id: number | null;
  is_locked: boolean;
  deleted_at: string | null;
  view_rule: ForumAccess["viewRule"];
  start_thread_rule: ForumAccess["startThreadRule"];
  reply_rule: ForumAccess["replyRule"];
}

/**
 * A reply's locks and checks in one round trip: the thread's lock, the author's, then postingChecks,
 * sent together (postgres.js pipelines a transaction's queries sent before the first answer). Postgres
 * still runs them one after another in this order, each on a snapshot taken when it starts: the
 * checks see everything that committed while the locks were waited for, as when each was awaited.
 * The author is locked even when the thread turns out to be gone; nothing is written then.
 */
export async function lockForReply(
  tx: Tx,
  input: { threadId: number; authorId: string; key: string },
): Promise<{ thread: ReplyThread | null; checks: PostingChecks }> {
  const [[row], , checks] = await Promise.all([
    runPrepared<ReplyThreadRow>(tx, LOCK_THREAD, [input.threadId]),
    lockAuthor(tx, input.authorId),
    postingChecks(tx, input),
  ]);
  return { thread: row ? replyThreadOf(row) : null, checks };
}

function replyThreadOf(row: ReplyThreadRow): ReplyThread {
  return {
    id: row.id,
    forumId: row.forum_id,
    authorId: row.author_id,
    firstPostId: row.first_post_id,
    isLocked: row.is_locked,
    deletedAt: row.deleted_at === null ? null : new Date(row.deleted_at),
    forum: {
      viewRule: row.view_rule,
      startThreadRule: row.start_thread_rule,
      replyRule: row.reply_rule,
    },
  };
}

/** The author's row, locked: their counters change, and it queues one member's concurrent posts so
 * that the rate limit and the idempotency key below count them all. FOR NO KEY UPDATE, not FOR
 * UPDATE: other transactions' foreign-key checks on this member (an alert or a watch row naming
 * them) go through; with FOR UPDATE, two members replying to each other's watched threads
 * deadlocked (found by the bench). Thread first, then member, as the reply always took them. */
const LOCK_AUTHOR = `select 1 from users where id = $1 for no key update`;

export function lockAuthor(tx: Tx, authorId: string): Promise<unknown> {
  return runPrepared(tx, LOCK_AUTHOR, [authorId]);
}

/** What decides whether a post (a reply, or a new thread's opening post: no thread yet) is written,
 * read in one statement once the locks are ours (so its snapshot holds every post of this member
 * that committed while we waited): the post this form made already (a double click or a retry), the
 * member's posts in the last minute (the rate limit), the thread's opening post's approval state and
 * the approval setting (lib/moderation/approval.ts).
 *
 * The rate limit reads the member's newest posts, as many as the limit ($5), from posts_author_idx,
 * and counts those of the last minute. The minute is deliberately not in the inner WHERE: Postgres
 * believes the last minute holds almost no posts (its statistics are always older than that), and
 * given that condition it scanned everyone's posts of the last minute (posts_created_idx) to find
 * this member's: on a busy forum 10,000 posts per reply, 30–70 ms (issue 12). Past the limit, the
 * oldest of the newest is the one whose minute must pass before the member may post again. */
const POSTING_CHECKS = `
  select previous.id as previous_id, previous.thread_id as previous_thread_id,
    recent.n as recent_count, recent.oldest as recent_oldest,
    (select p.approval_state::text from threads t join posts p on p.id = t.first_post_id
      where t.id = $3::integer) as opening_state,
    (select s.value from settings s where s.key = $4::text) as approval_setting
  from (select count(*)::int as n, min(newest.created_at) as oldest from (
          select p.created_at from posts p where p.author_id = $1::text
          order by p.author_id, p.created_at desc nulls first, p.id desc nulls first
          limit $5::integer) newest
        where newest.created_at > now() - interval '1 minute') recent
  left join posts previous on previous.author_id = $1 and previous.idempotency_key = $2::uuid`;

export interface PostingChecks {
  previous: { id: number; threadId: number } | null;
  recent: { count: number; oldest: Date | null };
  openingState: string | null;
  approvalSetting: string | null;
}

export async function postingChecks(
  tx: Tx,
  input: { authorId: string; key: string; threadId: number | null },
): Promise<PostingChecks> {
  const [row] = await runPrepared<{
    previous_id: number | null;
    previous_thread_id: number | null;
    recent_count: number;
    recent_oldest: string | null;
    opening_state: string | null;
    approval_setting: string | null;
  }>(tx, POSTING_CHECKS, [
    input.authorId,
    input.key,
    input.threadId,
    APPROVAL_SETTING,
    POSTING.perMinute,
  ]);
  return {
    previous:
      row?.previous_id != null ? { id: row.previous_id, threadId: row.previous_thread_id! } : null,
    recent: {
      count: row?.recent_count ?? 0,
      oldest: row?.recent_oldest ? new Date(row.recent_oldest) : null,
    },
    openingState: row?.opening_state ?? null,
    approvalSetting: row?.approval_setting ?? null,
  };
}

/** An approved reply and every counter it moves but the forum's, in one statement; the thread and
 * author rows are locked already, so it takes no lock in a new order. Its position follows the
 * thread's last under the thread lock; its time is the wall clock now, not the transaction's start,
 * so a later position is never an earlier time ("last post" pointers and their recounts agree).
 * The author has posted one more message and been seen now; they watch the thread if their
 * auto-watch setting is on; the thread has one more reply, this one its last; and, when they keep
 * reading state ($7), they have read the thread up to their own post (as recordThreadRead would
 * mark it, in this statement rather than one more after the commit). */
const WRITE_REPLY = `
  with post as (
    insert into posts (thread_id, author_id, author_name, position, source, html, idempotency_key,
      approval_state, created_at)
    select $1::integer, $2::text, $3::text, coalesce(max(p.position), 0) + 1, $4::text, $5::text,
      $6::uuid, 'approved'::approval_state, clock_timestamp()
    from posts p where p.thread_id = $1::integer
    returning id, position, created_at
  ), author as (
    update users set message_count = message_count + 1, last_seen_at = now() where id = $2::text
  ), watch as (
    insert into thread_watches (user_id, thread_id)
    select u.id, $1::integer from users u where u.id = $2::text and u.auto_watch
    on conflict do nothing
  ), thread as (
    update threads set reply_count = reply_count + 1, last_post_id = post.id,
      last_post_at = post.created_at
    from post where threads.id = $1::integer
  ), read as (
    insert into thread_reads (user_id, thread_id, last_read_position, last_read_post_at)
    select $2::text, $1::integer, post.position, post.created_at from post where $7::boolean
    on conflict (user_id, thread_id) do update set
      last_read_position = greatest(thread_reads.last_read_position, excluded.last_read_position),
      last_read_post_at = greatest(thread_reads.last_read_post_at, excluded.last_read_post_at)
  )
  select id from post`;

/** The reply is announced on the live channel after it commits, by its alerts' statement
 * (lib/alerts/create.ts alertNewPost), not by the posts trigger in this transaction: see
 * migration 0028. For this transaction only. */
const ANNOUNCE_LATER = `select set_config('parley.live_post_later', 'on', true)`;

export async function writeApprovedReply(
  tx: Tx,
  input: {
    threadId: number;
    author: { id: string; name: string };
    source: string;
    html: string;
    key: string;
    /** Whether the author keeps reading state (can(viewer, "keepReadingState")). */
    markRead: boolean;
  },
): Promise<number> {
  const { threadId, author, source, html, key, markRead } = input;
  // Sent together with the write (one round trip; see lockForReply).
  const [, [post]] = await Promise.all([
    runPrepared(tx, ANNOUNCE_LATER, []),
    runPrepared<{ id: number }>(tx, WRITE_REPLY, [
      threadId,
      author.id,
      author.name,
      source,
      html,
      key,
      markRead,
    ]),
  ]);
  return post!.id;
}

/** The forum's row, locked by a statement of its own: see countInForum. */
const LOCK_FORUM = `select 1 from forums where id = $1 for no key update`;

/** A forum's last post moves to this one only if it is newer: replies in two threads of one forum
 * can commit in the other order than they were written. */
const COUNT_IN_FORUM = `
  update forums set thread_count = thread_count + $3::integer, message_count = message_count + 1,
    last_post_id = case
      when coalesce((select lp.created_at from posts lp where lp.id = forums.last_post_id),
          '-infinity'::timestamptz)
        <= (select p.created_at from posts p where p.id = $2::integer) then $2::integer
      else forums.last_post_id end
  where id = $1::integer`;

/**
 * The forum's counters and last post, last in the transaction: every post in a forum queues on its
 * row, so it is held only for the commit. Locked by a statement of its own: the update after it then
 * runs on a snapshot taken once the lock is ours, so its last-post comparison sees the post of a
 * reply that committed while we waited. (Inside one UPDATE that waited, its subquery would still use
 * the old snapshot, not find that post, and move the forum's last post backwards.) The two are sent
 * together (see lockForReply): Postgres runs them in order, each on its own snapshot, and the lock
 * is held for one round trip fewer. FOR NO KEY UPDATE lets a new thread's foreign-key check on the
 * forum through meanwhile.
 */
export async function countInForum(
  tx: Tx,
  forumId: number,
  postId: number,
  added: { threads: 0 | 1 },
): Promise<void> {
  await Promise.all([
    runPrepared(tx, LOCK_FORUM, [forumId]),
    runPrepared(tx, COUNT_IN_FORUM, [forumId, postId, added.threads]),
  ]);
}
