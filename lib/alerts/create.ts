// Creating alerts. Alerts are written once the post is visible: right after a new post commits
// (lib/forum/posting.ts), or in the transaction of its approval. Never for a post waiting for
// approval, so it alerts nobody until a moderator approves it. A reaction's alert is written by the
// procedure that toggles it (db/migrations/0024_reaction_toggle.sql), by the same rules.
import { db } from "@/db/client";
import { runPrepared, type Tx } from "@/db/tx";
import { postNoticeCall } from "../live/notices";

export interface NewPostAlerts {
  postId: number;
  threadId: number;
  actorId: string;
  quotedAuthorIds: (string | null)[];
  mentionedIds: string[];
}

/** One alert per member per post, for the strongest reason: quoted, then mentioned, then a reply in a
 * thread they watch. Never to the post's author, nor to members ignoring them. One `insert … select`:
 * a thread with thousands of watchers costs one statement, not thousands of rows through Node.
 * Rank: the first reason per member wins (distinct on … order by rank). `unlessAlerted`: a member
 * already alerted about this post (an approval retried, say) is not alerted again; a post that has
 * just been written has alerted nobody yet, and the look costs a scan of alerts wherever the
 * planner's figures for that table are out of date.
 *
 * Prepared statements, planned once per connection: planned afresh for every post (Drizzle's raw
 * execute), planning cost more than the insert. Under the bench's replies it read about a thousand
 * entries of alerts_user_idx per post, the planner looking up the ends of that index, whose newest
 * end is a long run of entries not yet visible to everyone on a busy forum. Parameters: $1
 * the post's author, $2 the post, $3 the quoted authors and $4 the mentioned members (text[]), $5
 * the thread. */
const insertAlerts = ({ unlessAlerted }: { unlessAlerted: boolean }) => `
  insert into alerts (user_id, kind, actor_id, post_id)
  select reason.user_id, reason.kind, $1::text, $2::integer
  from (
    select distinct on (user_id) user_id, kind
    from (
      select unnest($3::text[]) as user_id, 'quote'::alert_kind as kind, 1 as rank
      union all
      select unnest($4::text[]), 'mention'::alert_kind, 2
      union all
      select w.user_id, 'reply'::alert_kind, 3 from thread_watches w where w.thread_id = $5::integer
    ) candidates
    where user_id <> $1::text
    order by user_id, rank
  ) reason
  join users recipient on recipient.id = reason.user_id
  where not exists (
      select 1 from ignored_members ignoring join users actor on actor.id = ignoring.ignored_id
      where ignoring.user_id = reason.user_id and ignoring.ignored_id = $1::text
        and actor.role = 'member')
  ${unlessAlerted ? "and not exists (select 1 from alerts earlier where earlier.post_id = $2::integer and earlier.user_id = reason.user_id)" : ""}`;

const ALERT_APPROVED = insertAlerts({ unlessAlerted: true });

/**
 * A new post's alerts, once it has committed, in a statement that is a transaction of its own; a
 * reply's announcement on the live channel goes with them (ALERT_AND_ANNOUNCE). They commit without
 * waiting for the disk flush (synchronous_commit off for this transaction only): every notifying
 * commit in Postgres waits for the one before it to reach the disk, and replies queued there
 * (migration 0028). A Postgres crash (not an app crash) can lose the alerts of its last fraction of
 * a second; the posts themselves still wait for the disk.
 */
const ALERT_NEW = `
  with alerted as (${insertAlerts({ unlessAlerted: false })})
  select set_config('synchronous_commit', 'off', true)`;
const ALERT_AND_ANNOUNCE = `${ALERT_NEW}, ${postNoticeCall("$5", "$2", "$1")}`;

/** Alerts about a post approved in this transaction (lib/moderation/approval.ts). */
export async function alertApprovedPost(tx: Tx, input: NewPostAlerts): Promise<void> {
  await runPrepared(tx, ALERT_APPROVED, paramsOf(input));
}

/** Alerts about a post that has just committed (lib/forum/posting.ts); `announce`: and tells the
 * thread's readers of it, which a reply's own transaction leaves to this statement. */
export async function alertNewPost(
  input: NewPostAlerts,
  { announce }: { announce: boolean },
): Promise<void> {
  await runPrepared(db, announce ? ALERT_AND_ANNOUNCE : ALERT_NEW, paramsOf(input));
}

function paramsOf(input: NewPostAlerts) {
  const quoted = input.quotedAuthorIds.filter((id): id is string => id !== null);
  return [input.actorId, input.postId, quoted, input.mentionedIds, input.threadId];
}
