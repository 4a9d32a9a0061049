// The account setting "Watch threads I start or reply to" (users.auto_watch, on by default).
import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { can, type Viewer } from "../permissions";
import { ok, refuse, type Result } from "../result";

export async function getAutoWatch(userId: string): Promise<boolean> {
  const [row] = await db
    .select({ autoWatch: users.autoWatch })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return row?.autoWatch ?? true;
}

export async function setAutoWatch(
  viewer: Viewer,
  enabled: unknown,
): Promise<Result<{ autoWatch: boolean }>> {
  if (!can(viewer, "keepReadingState") || !viewer.id)
    return refuse("Sign in to change your settings.");
  const parsed = z.boolean().safeParse(enabled);
  if (!parsed.success) return refuse("Tick the box or leave it empty.");
  await db.update(users).set({ autoWatch: parsed.data }).where(eq(users.id, viewer.id));
  return ok({ autoWatch: parsed.data });
}
