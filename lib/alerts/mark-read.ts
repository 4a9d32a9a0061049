// Marking alerts read. Every write is limited to the viewer's own alerts: an alert id from the form
// that belongs to someone else changes nothing.
import "server-only";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { alerts } from "@/db/schema";
import { can, type Viewer } from "../permissions";
import { ok, refuse, type Result } from "../result";
import { rowId } from "../row-id";
import { postUrl } from "../urls";
import { ALERTS_PER_PAGE } from "./list";

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

const shownIdsSchema = z.array(rowId()).max(ALERTS_PER_PAGE);

/** The alerts the alerts page showed, a moment after it was opened (as XenForo does): seen is read. */
export async function markAlertsRead(viewer: Viewer, alertIds: unknown): Promise<MarkReadResult> {
  if (!can(viewer, "keepReadingState") || !viewer.id) return refuse(SIGN_IN);
  const ids = shownIdsSchema.safeParse(alertIds);
  if (!ids.success) return refuse("Those alerts do not exist.");
  if (ids.data.length === 0) return ok({ marked: 0 });
  const marked = await db
    .update(alerts)
    .set({ readAt: sql`now()` })
    .where(and(inArray(alerts.id, ids.data), eq(alerts.userId, viewer.id), isNull(alerts.readAt)))
    .returning({ id: alerts.id });
  return ok({ marked: marked.length });
}

/** Opening an alert (following its link) reads it; answers where it leads, or null when the alert
 * is not the viewer's. */
export async function openAlert(viewer: Viewer, alertId: unknown): Promise<string | null> {
  if (!can(viewer, "keepReadingState") || !viewer.id) return null;
  const id = alertIdSchema.safeParse(alertId);
  if (!id.success) return null;
  const [row] = await db
    .update(alerts)
    .set({ readAt: sql`coalesce(${alerts.readAt}, now())` })
    .where(and(eq(alerts.id, id.data), eq(alerts.userId, viewer.id)))
    .returning({ postId: alerts.postId });
  return row?.postId ? postUrl(row.postId) : row ? "/alerts" : null;
}
