// The member's time zone (users.time_zone): chosen on the account page, or taken once from their
// browser while they have none. Read by the personal answer, which hands it to the page's dates.
import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { can, type Viewer } from "../permissions";
import { ok, refuse, type Result } from "../result";
import { timeZoneSchema } from "./zones";

export async function getTimeZone(userId: string): Promise<string | null> {
  const [row] = await db
    .select({ timeZone: users.timeZone })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return row?.timeZone ?? null;
}

/** The account setting: replaces whatever zone the member had. */
export async function setTimeZone(
  viewer: Viewer,
  zone: unknown,
): Promise<Result<{ timeZone: string }, "timeZone">> {
  if (!can(viewer, "editOwnAccount") || !viewer.id)
    return refuse("Sign in to change your settings.");
  const parsed = timeZoneSchema.safeParse(zone);
  if (!parsed.success)
    return refuse(parsed.error.issues[0]?.message ?? "Choose a time zone.", "timeZone");
  await db.update(users).set({ timeZone: parsed.data }).where(eq(users.id, viewer.id));
  return ok({ timeZone: parsed.data });
}

/** The browser's zone, kept only while the member has none: a zone they chose is never replaced by
 * the one of whichever device they read on. Answers the zone now stored. */
export async function rememberBrowserZone(viewer: Viewer, zone: unknown): Promise<string | null> {
  if (!can(viewer, "editOwnAccount") || !viewer.id) return null;
  const parsed = timeZoneSchema.safeParse(zone);
  if (!parsed.success) return null;
  await db
    .update(users)
    .set({ timeZone: parsed.data })
    .where(and(eq(users.id, viewer.id), isNull(users.timeZone)));
  return getTimeZone(viewer.id);
}
