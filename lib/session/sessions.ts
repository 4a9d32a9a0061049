// Sign-ins as rows (db/schema.ts `sessions`): written when Auth.js issues a cookie at sign-in, kept
// current by loadViewer at most every few minutes, listed on the account page, and ended by sign-out
// or from another device. A cookie is never changed by any of this: loadViewer refuses an ended
// sign-in on its next request, whatever the browser holding it does.
import "server-only";
import { and, desc, eq, gt, isNull, lt, ne, sql } from "drizzle-orm";
import { db } from "@/db/client";
import type { Tx } from "@/db/tx";
import { sessions, users } from "@/db/schema";
import { SESSIONS_LISTED_MAX } from "../limits/sizes";
import { can, type Viewer } from "../permissions";
import { ok, refuse, type Result } from "../result";
import { describeDevice } from "./device";
import { SESSION_MAX_AGE_S } from "./session-cookie";

/** A sign-in's "last active" is written at most this often, not on every request. */
export const SESSION_SEEN_EVERY_MS = 5 * 60 * 1000;
/** Enough for any address, with room for an IPv6 zone; longer is not an address. */
const CLIENT_ADDRESS_MAX = 64;

/** No cookie a request renews now outlives this, so a row expiring then protects all of them. */
const expiryFrom = (now: Date) => new Date(now.getTime() + SESSION_MAX_AGE_S * 1000);

/** Rows whose cookies have expired on their own protect nothing any more. */
async function deleteExpired(now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}

/** The jwt callback's new sign-in (lib/auth/auth.ts), with what the request says about its device. */
export async function recordSignIn(
  signIn: {
    id: string;
    userId: string;
    sessionVersion: number;
    userAgent: string | null;
    clientAddress: string | null;
  },
  now = new Date(),
): Promise<void> {
  await db
    .insert(sessions)
    .values({
      id: signIn.id,
      userId: signIn.userId,
      sessionVersion: signIn.sessionVersion,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: expiryFrom(now),
      device: describeDevice(signIn.userAgent),
      clientAddress: signIn.clientAddress?.slice(0, CLIENT_ADDRESS_MAX) ?? null,
    })
    .onConflictDoNothing();
  await deleteExpired(now);
}

/** The columns loadViewer reads beside the member, in its one query (all null: no row). */
export const sessionState = {
  id: sessions.id,
  endedAt: sessions.endedAt,
  lastSeenAt: sessions.lastSeenAt,
  expiresAt: sessions.expiresAt,
};
interface SessionState {
  id: string;
  endedAt: Date | null;
  lastSeenAt: Date;
  expiresAt: Date;
}

/**
 * Whether the sign-in loadViewer just read is still open, keeping its row current on the way, at
 * most every SESSION_SEEN_EVERY_MS. A sign-in without a row (its cookie issued before the table)
 * is open, and gets its row now so it can be listed and ended like the others.
 */
export async function isSessionOpen(
  sessionId: string,
  row: SessionState | null,
  member: { id: string; sessionVersion: number },
  now: Date,
): Promise<boolean> {
  const expiresAt = expiryFrom(now);
  if (row?.endedAt) {
    // Auth.js re-seals any cookie its auth() reads, ended or not, so a browser that keeps using an
    // ended cookie keeps it from expiring: the row that refuses it must last as long (once a day).
    if (expiresAt.getTime() - row.expiresAt.getTime() > 24 * 60 * 60 * 1000)
      await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, sessionId));
    return false;
  }
  if (row && now.getTime() - row.lastSeenAt.getTime() <= SESSION_SEEN_EVERY_MS) return true;
  await db
    .insert(sessions)
    .values({
      id: sessionId,
      userId: member.id,
      sessionVersion: member.sessionVersion,
      lastSeenAt: now,
      expiresAt,
    })
    .onConflictDoUpdate({
      target: sessions.id,
      set: { lastSeenAt: now, expiresAt },
      // Ended by another request meanwhile: leave it ended.
      setWhere: isNull(sessions.endedAt),
    });
  return true;
}

/** Sign-out (Auth.js's signOut event): this sign-in ends everywhere its cookie was copied. */
export async function endSession(
  sessionId: string,
  userId: string | null,
  now = new Date(),
): Promise<void> {
  await db
    .insert(sessions)
    .values({ id: sessionId, userId, lastSeenAt: now, endedAt: now, expiresAt: expiryFrom(now) })
    .onConflictDoUpdate({
      target: sessions.id,
      set: {
        endedAt: sql`coalesce(${sessions.endedAt}, ${now.toISOString()}::timestamptz)`,
        expiresAt: expiryFrom(now),
      },
    });
  await deleteExpired(now);
}

export interface SessionListing {
  id: string;
  /** "Firefox on Windows"; null when the browser did not say, or for a sign-in from before. */
  device: string | null;
  clientAddress: string | null;
  /** Null for a sign-in from before sessions were recorded. */
  createdAt: Date | null;
  lastSeenAt: Date;
}

/** The member's open sign-ins, the most recently active first. */
export async function listSessions(userId: string, now = new Date()): Promise<SessionListing[]> {
  return db
    .select({
      id: sessions.id,
      device: sessions.device,
      clientAddress: sessions.clientAddress,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.endedAt),
        gt(sessions.expiresAt, now),
        // A password change or ban since (lib/permissions/load-viewer.ts refuses these already).
        eq(sessions.sessionVersion, users.sessionVersion),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt))
    .limit(SESSIONS_LISTED_MAX);
}

const NOT_YOURS = "That session is not signed in to your account any more.";

/** Ends one of the viewer's own sign-ins. An id that is not theirs gets the same answer as one that
 * does not exist, so ids cannot be probed. */
export async function endOwnSession(
  viewer: Viewer,
  sessionId: string,
  now = new Date(),
): Promise<Result> {
  const [row] = await db
    .select({ userId: sessions.userId, endedAt: sessions.endedAt })
    .from(sessions)
    .where(eq(sessions.id, sessionId))
    .limit(1);
  if (!row || !can(viewer, "endSession", row)) return refuse(NOT_YOURS);
  if (row.endedAt) return ok();
  await db
    .update(sessions)
    .set({ endedAt: now, expiresAt: expiryFrom(now) })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)));
  return ok();
}

/** Ends every sign-in of the viewer's but `currentSessionId` (this device); answers how many. */
export async function endOtherSessions(
  viewer: Viewer,
  currentSessionId: string | null,
  now = new Date(),
): Promise<Result<{ ended: number }>> {
  if (!viewer.id || !can(viewer, "endSession", { userId: viewer.id }))
    return refuse("Sign in to manage your sessions.");
  const ended = await db
    .update(sessions)
    .set({ endedAt: now, expiresAt: expiryFrom(now) })
    .where(
      and(
        eq(sessions.userId, viewer.id),
        isNull(sessions.endedAt),
        gt(sessions.expiresAt, now),
        // Those a password change or ban already ended are not counted as ended now.
        eq(
          sessions.sessionVersion,
          sql`(select ${users.sessionVersion} from ${users} where ${users.id} = ${viewer.id})`,
        ),
        currentSessionId ? ne(sessions.id, currentSessionId) : undefined,
      ),
    )
    .returning({ id: sessions.id });
  return ok({ ended: ended.length });
}

/** Ends every sign-in of the member's, on every device (a password reset): the session version
 * bump refuses their cookies at once (lib/permissions/load-viewer.ts), and the rows say so. */
export async function endEverySession(tx: Tx, userId: string, now = new Date()): Promise<void> {
  await tx
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
  await tx
    .update(sessions)
    .set({ endedAt: now, expiresAt: expiryFrom(now) })
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt)));
}
