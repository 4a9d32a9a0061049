import type { Database } from "@/db/connect";
import { alerts } from "@/db/schema";

type Tx = Pick<Database, "insert">;
type AlertKind = (typeof alerts.$inferInsert)["kind"];

/** One alert per member per post, for the strongest reason: quoted, then mentioned, then replied to. */
export async function alertForNewPost(
  tx: Tx,
  input: { postId: number; actorId: string; quotedAuthorIds: (string | null)[]; mentionedIds: string[]; threadAuthorId: string | null },
): Promise<void> {
  const reasons = new Map<string, AlertKind>();
  const add = (userId: string | null, kind: AlertKind) => {
    if (userId && userId !== input.actorId && !reasons.has(userId)) reasons.set(userId, kind);
  };
  input.quotedAuthorIds.forEach((id) => add(id, "quote"));
  input.mentionedIds.forEach((id) => add(id, "mention"));
  add(input.threadAuthorId, "reply");
  if (reasons.size === 0) return;
  await tx.insert(alerts).values([...reasons].map(([userId, kind]) => ({ userId, kind, actorId: input.actorId, postId: input.postId })));
}
