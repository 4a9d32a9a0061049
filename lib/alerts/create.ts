// Creating alerts. Alerts are written in the transaction that makes the post (or its approval, or the
// reaction) visible, so a post waiting for approval alerts nobody until a moderator approves it.
import { and, eq, inArray } from "drizzle-orm";
import { alerts, ignoredMembers, threadWatches, users } from "@/db/schema";
import type { DbOrTx } from "@/db/tx";

type AlertKind = (typeof alerts.$inferInsert)["kind"];

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
 * alerted about this post (an approval retried, say) is not alerted again. */
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
  const watchers = await tx
    .select({ userId: threadWatches.userId })
    .from(threadWatches)
    .where(eq(threadWatches.threadId, input.threadId));
  const reasons = new Map<string, AlertKind>();
  const add = (userId: string | null, kind: AlertKind) => {
    if (userId && userId !== input.actorId && !reasons.has(userId)) reasons.set(userId, kind);
  };
  input.quotedAuthorIds.forEach((id) => add(id, "quote"));
  input.mentionedIds.forEach((id) => add(id, "mention"));
  watchers.forEach((w) => add(w.userId, "reply"));
  if (reasons.size === 0) return;

  const recipients = [...reasons.keys()];
  const [ignoring, already] = await Promise.all([
    membersIgnoring(tx, input.actorId, recipients),
    tx
      .select({ userId: alerts.userId })
      .from(alerts)
      .where(and(eq(alerts.postId, input.postId), inArray(alerts.userId, recipients))),
  ]);
  const skip = new Set([...ignoring, ...already.map((a) => a.userId)]);
  const rows = [...reasons]
    .filter(([userId]) => !skip.has(userId))
    .map(([userId, kind]) => ({ userId, kind, actorId: input.actorId, postId: input.postId }));
  if (rows.length) await tx.insert(alerts).values(rows);
}

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
