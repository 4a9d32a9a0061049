// Marking alerts read. Every write is limited to the viewer's own alerts: an alert id from the form
// that belongs to someone else changes nothing.
import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { alerts } from "@/db/schema";
import { can, type Viewer } from "../permissions";
import { ok, refuse, type Result } from "../result";
import { rowId } from "../row-id";

type MarkReadResult = Result<{ marked: number }>;

const alertIdSchema = rowId();
const SIGN_IN = "Sign in to manage your alerts.";

export async function markAlertRead(viewer: Viewer, alertId: unknown): Promise<MarkReadResult> {
  if (!can(viewer, "keepReadingState") || !viewer.id) return refuse(SIGN_IN);
  const id = alertIdSchema.safeParse(alertId);
  if (!id.success) return refuse("That alert does not exist.");
  const marked = await db
    .update(alerts)
    .set({ readAt: sql`now()` })
    .where(and(eq(alerts.id, id.data), eq(alerts.userId, viewer.id), isNull(alerts.readAt)))
    .returning({ id: alerts.id });
  return ok({ marked: marked.length });
}

export async function markAllAlertsRead(viewer: Viewer): Promise<MarkReadResult> {
  if (!can(viewer, "keepReadingState") || !viewer.id) return refuse(SIGN_IN);
  const marked = await db
    .update(alerts)
    .set({ readAt: sql`now()` })
    .where(and(eq(alerts.userId, viewer.id), isNull(alerts.readAt)))
    .returning({ id: alerts.id });
  return ok({ marked: marked.length });
}
