import "server-only";
import { cache } from "react";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { ANONYMOUS, type Viewer } from "../permissions";
import { auth } from "./auth";

const LAST_SEEN_EVERY_MS = 5 * 60 * 1000;

/** The member making this request, re-read from Postgres: a stale session version (after a ban,
 * role change or password change) makes them anonymous at once. Cached for one request. */
export const getViewer = cache(async (): Promise<Viewer> => {
  const session = (await auth()) as { uid?: string; sv?: number } | null;
  if (!session?.uid) return ANONYMOUS;
  const [member] = await db
    .select({
      id: users.id,
      number: users.number,
      name: users.name,
      role: users.role,
      sessionVersion: users.sessionVersion,
      bannedAt: users.bannedAt,
      banEndsAt: users.banEndsAt,
      lastSeenAt: users.lastSeenAt,
    })
    .from(users)
    .where(eq(users.id, session.uid))
    .limit(1);
  if (!member || member.sessionVersion !== (session.sv ?? 0)) return ANONYMOUS;
  const now = Date.now();
  if (!member.lastSeenAt || now - member.lastSeenAt.getTime() > LAST_SEEN_EVERY_MS) {
    await db.update(users).set({ lastSeenAt: new Date(now) }).where(eq(users.id, member.id));
  }
  return {
    id: member.id,
    number: member.number,
    name: member.name,
    role: member.role,
    isBanned: member.bannedAt !== null && (member.banEndsAt === null || member.banEndsAt.getTime() > now),
  };
});
