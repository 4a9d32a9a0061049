// Creating alerts. Alerts are written once the post is visible: right after a new post commits
// (lib/forum/posting.ts), or in the transaction of its approval. Never for a post waiting for
// approval, so it alerts nobody until a moderator approves it. A reaction's alert is written by the
// procedure that toggles it (db/migrations/0024_reaction_toggle.sql), by the same rules.
import { sql } from "drizzle-orm";
import { alerts, ignoredMembers, threadWatches, users } from "@/db/schema";
import type { DbOrTx } from "@/db/tx";

/** One alert per member per post, for the strongest reason: quoted, then mentioned, then a reply in a
 * thread they watch. Never to the post's author, nor to members ignoring them; a member already
 * alerted about this post (an approval retried, say) is not alerted again. One `insert … select`:
 * a thread with thousands of watchers costs one statement, not thousands of rows through Node. */
export async function alertForNewPost(
  tx: DbOrTx,
  input: {
    postId: number;
    threadId: number;
    actorId: string;
    quotedAuthorIds: (string | null)[];
    mentionedIds: string[];
  },
): Promise<void> {
  const { postId, threadId, actorId } = input;
  const quoted = input.quotedAuthorIds.filter((id): id is string => id !== null);
  // Rank: the first reason per member wins (distinct on … order by rank).
  await tx.execute(sql`
    insert into ${alerts} (user_id, kind, actor_id, post_id)
    select reason.user_id, reason.kind, ${actorId}, ${postId}
    from (
      select distinct on (user_id) user_id, kind
      from (
        select unnest(${toTextArray(quoted)}::text[]) as user_id, 'quote'::alert_kind as kind, 1 as rank
        union all
        select unnest(${toTextArray(input.mentionedIds)}::text[]), 'mention'::alert_kind, 2
        union all
        select ${threadWatches.userId}, 'reply'::alert_kind, 3
        from ${threadWatches} where ${threadWatches.threadId} = ${threadId}
      ) candidates
      where user_id <> ${actorId}
      order by user_id, rank
    ) reason
    join ${users} recipient on recipient.id = reason.user_id
    where not exists (
        select 1 from ${ignoredMembers} ignoring join ${users} actor on actor.id = ignoring.ignored_id
        where ignoring.user_id = reason.user_id and ignoring.ignored_id = ${actorId}
          and actor.role = 'member')
      and not exists (
        select 1 from ${alerts} earlier
        where earlier.post_id = ${postId} and earlier.user_id = reason.user_id)`);
}

/** A JS array as one Postgres text[] parameter (drizzle would expand it into a row of parameters). */
const toTextArray = (values: string[]) => `{${values.map((v) => JSON.stringify(v)).join(",")}}`;
