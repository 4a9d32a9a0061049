// The moderator log: every staff action writes one line, in the same transaction as the action, so
// an action that did not happen is never logged as done.
import { modLog } from "@/db/schema";
import type { DbOrTx } from "@/db/tx";

export interface ModLogEntry {
  actorId: string;
  /** "thread.lock", "post.delete", "user.ban", "report.resolve", … */
  action: string;
  targetType:
    | "thread"
    | "post"
    | "user"
    | "report"
    | "conversation_report"
    | "forum"
    | "category"
    | "setting";
  targetId: string | number;
  targetLabel?: string | null;
  reason?: string | null;
  details?: Record<string, unknown>;
}

export async function logModAction(tx: DbOrTx, entry: ModLogEntry): Promise<void> {
  await tx.insert(modLog).values({
    ...entry,
    targetId: String(entry.targetId),
    targetLabel: entry.targetLabel ?? null,
    reason: entry.reason ?? null,
  });
}
