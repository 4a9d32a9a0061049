// The shape every admin-panel change shares: parse the input, check lib/permissions, then write in
// one transaction together with its moderator log line, so a change that did not happen is never
// logged and a logged one always happened.
import "server-only";
import type { z } from "zod";
import { db } from "@/db/client";
import type { Tx } from "@/db/tx";
import { can, isSignedIn, type Viewer } from "../permissions";
import { refuse, type Result } from "../result";

export type AdminResult = Result<{ message: string }>;

export function adminRefusal(viewer: Viewer): string {
  if (!isSignedIn(viewer)) return "Sign in as an administrator to manage the forums.";
  if (viewer.isBanned) return "Banned members cannot manage the forums.";
  return "Only administrators can manage the forums.";
}

export async function asAdmin<S extends z.ZodType>(
  viewer: Viewer,
  schema: S,
  input: unknown,
  change: (tx: Tx, data: z.output<S>, actorId: string) => Promise<AdminResult>,
): Promise<AdminResult> {
  if (!can(viewer, "manageForums") || !viewer.id) return refuse(adminRefusal(viewer));
  const parsed = schema.safeParse(input);
  if (!parsed.success)
    return refuse(parsed.error.issues[0]?.message ?? "That request was not understood.");
  const actorId = viewer.id;
  return db.transaction((tx) => change(tx, parsed.data, actorId));
}

/** Moves one row a place up or down among its siblings (ordered by position, then id). Siblings are
 * renumbered 1..n first, so rows that shared a position (the seed's) still move one step. Returns
 * false when the row is already first or last. */
export async function swapWithNeighbour<Row extends { id: number }>(
  siblings: Row[],
  id: number,
  direction: "up" | "down",
  setPosition: (id: number, position: number) => Promise<void>,
): Promise<boolean> {
  const at = siblings.findIndex((row) => row.id === id);
  const other = direction === "up" ? at - 1 : at + 1;
  if (at === -1 || other < 0 || other >= siblings.length) return false;
  const order = siblings.map((row) => row.id);
  [order[at], order[other]] = [order[other]!, order[at]!];
  for (const [index, rowId] of order.entries()) await setPosition(rowId, index + 1);
  return true;
}
