// Creating alerts. Alerts are written once the post is visible: right after a new post commits
// (lib/forum/posting.ts), or in the transaction of its approval or of the reaction. Never for a post
// waiting for approval, so it alerts nobody until a moderator approves it.
import { and, eq, inArray, sql } from "drizzle-orm";
import { alerts, ignoredMembers, threadWatches, users } from "@/db/schema";
import type { DbOrTx } from "@/db/tx";

/** Of these members, the ones who have put the actor on their ignore list: they hear nothing from
 * them. As in notIgnoredBy (lib/members/ignore-filter.ts), an ignored member who has since become staff
 * counts as not ignored. */
async function membersIgnoring(
  tx: DbOrTx,
  actorId: string,
  memberIds: string[],
): Promise<Set<string>> {
  if (memberIds.length === 0) return new Set();
  const rows = await tx
    .select({ userId: ignoredMembers.userId })
    .from(ignoredMembers)
    .innerJoin(users, eq(users.id, ignoredMembers.ignoredId))
    .where(
      and(
        eq(ignoredMembers.ignoredId, actorId),
        eq(users.role, "member"),
        inArray(ignoredMembers.userId, memberIds),
      ),
    );
  return new Set(rows.map((r) => r.userId));
}

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

/** A member reacted to a post: its author hears of it once. Changing the reaction keeps the alert
 * (the list shows the current one); withdrawing it withdraws the alert, so toggling never piles up. */
export async function alertForReaction(
  tx: DbOrTx,
  input: { postId: number; actorId: string; authorId: string | null; reacted: boolean },
): Promise<void> {
  const { postId, actorId, authorId } = input;
  if (!authorId || authorId === actorId) return;
  const mine = and(
    eq(alerts.userId, authorId),
    eq(alerts.postId, postId),
    eq(alerts.actorId, actorId),
    eq(alerts.kind, "reaction"),
  );
  if (!input.reacted) {
    await tx.delete(alerts).where(mine);
    return;
  }
  if ((await membersIgnoring(tx, actorId, [authorId])).size) return;
  const [existing] = await tx.select({ id: alerts.id }).from(alerts).where(mine).limit(1);
  if (!existing)
    await tx.insert(alerts).values({ userId: authorId, kind: "reaction", actorId, postId });
}
