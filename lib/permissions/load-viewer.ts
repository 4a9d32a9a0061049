// Who a signed-in session belongs to, as the database says now. Factored out of getViewer
// (lib/auth/viewer.ts) so it runs without cookies or Auth.js: the tests call it directly.
import "server-only";
import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { sessions, settings, totpCredentials, users } from "@/db/schema";
import { isSessionOpen, sessionState } from "../session/sessions";
import { ANONYMOUS, type Viewer } from "./viewer";

/** Staff the administrators require two-step verification of, who have not enrolled yet: they act as
 * members. For a query on `users`; the setting's key is STAFF_TWO_FACTOR_SETTING
 * (lib/auth/two-factor/staff-requirement.ts). Also used for members who are not the viewer (whom an
 * alert mail may go to). */
export const awaitingTwoFactorSql = sql<boolean>`${users.role} <> 'member'
  and exists (select 1 from ${settings} where ${settings.key} = 'staff_two_factor_required' and ${settings.value} = '1')
  and not exists (select 1 from ${totpCredentials} where ${totpCredentials.userId} = ${users.id} and ${totpCredentials.confirmedAt} is not null)`;

/** lastSeenAt is written at most this often per member, not on every request. */
export const LAST_SEEN_EVERY_MS = 5 * 60 * 1000;

/**
 * The member a session names, re-read from Postgres: their role, ban and number are never taken
 * from the session token. A missing member or a stale session version (bumped on ban and password
 * change) gives ANONYMOUS. Role changes need no bump: the role is read here on every request, so a
 * demoted moderator loses their powers on their next request while staying signed in.
 */
export async function loadViewer(
  userId: string,
  sessionVersion: number,
  options: {
    now?: Date;
    /** The sign-in's id: one its member signed out of counts as no session. */
    sessionId?: string | null;
  } = {},
): Promise<Viewer> {
  const { now = new Date(), sessionId = null } = options;
  // One query on the hot path: the sign-in's row comes along by primary key (none without an id).
  const [member] = await db
    .select({
      id: users.id,
      number: users.number,
      name: users.name,
      role: users.role,
      sessionVersion: users.sessionVersion,
      bannedAt: users.bannedAt,
      banEndsAt: users.banEndsAt,
      banReason: users.banReason,
      lastSeenAt: users.lastSeenAt,
      session: sessionState,
      awaitingTwoFactor: awaitingTwoFactorSql,
      // The setting's key is VERIFIED_POSTING_SETTING (lib/accounts/email-verification.ts). Members
      // without an address (imported ones) have nothing to confirm.
      awaitingEmailVerification: sql<boolean>`${users.role} = 'member'
        and ${users.email} is not null and ${users.emailVerified} is null
        and exists (select 1 from ${settings} where ${settings.key} = 'posting_requires_verified_email' and ${settings.value} = '1')`,
    })
    .from(users)
    .leftJoin(sessions, sessionId ? eq(sessions.id, sessionId) : sql`false`)
    .where(eq(users.id, userId))
    .limit(1);
  if (!member || member.sessionVersion !== sessionVersion) return ANONYMOUS;
  // A signed-out sign-in counts as no session. Tokens from before sign-in ids have none to check.
  if (sessionId && !(await isSessionOpen(sessionId, member.session, member, now))) return ANONYMOUS;
  if (!member.lastSeenAt || now.getTime() - member.lastSeenAt.getTime() > LAST_SEEN_EVERY_MS) {
    // Best effort: a read-only or failing database still lets members read (issue 14).
    await db
      .update(users)
      .set({ lastSeenAt: now })
      .where(eq(users.id, member.id))
      .catch(() => {});
  }
  const isBanned =
    member.bannedAt !== null &&
    (member.banEndsAt === null || member.banEndsAt.getTime() > now.getTime());
  return {
    id: member.id,
    number: member.number,
    name: member.name,
    // Staff the administrators require two-step verification of act as members until they enrol.
    role: member.awaitingTwoFactor ? "member" : member.role,
    ...(member.awaitingTwoFactor ? { awaitingTwoFactor: true } : {}),
    ...(member.awaitingEmailVerification ? { awaitingEmailVerification: true } : {}),
    isBanned,
    // Only while banned, so a viewer without a ban looks exactly as before.
    ...(isBanned ? { banReason: member.banReason, banEndsAt: member.banEndsAt } : {}),
  };
}
