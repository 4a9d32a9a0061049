// Who a signed-in session belongs to, as the database says now. Factored out of getViewer
// (lib/auth/viewer.ts) so it runs without cookies or Auth.js: the tests call it directly.
import "server-only";
import { eq, sql, type SQL } from "drizzle-orm";
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
  options: LoadViewerOptions = {},
): Promise<Viewer> {
  return (await loadViewerWith(userId, sessionVersion, null, options)).viewer;
}

interface LoadViewerOptions {
  now?: Date;
  /** The sign-in's id: one its member signed out of counts as no session. */
  sessionId?: string | null;
}

/** What a caller reads in the member's statement, written once per shape with placeholders. */
export interface Alongside {
  /** Names the SQL's shape: two Alongsides of one shape differ only in `values`. */
  shape: string;
  /** A one-value expression; MEMBER_ID stands for the member, its own placeholders for the rest.
   * Called only for a shape not seen before. */
  sql: () => SQL;
  values: Record<string, unknown>;
}

/** The member's id in an Alongside's SQL. */
export const MEMBER_ID = sql.placeholder("uid");

function buildMemberStatement(withSession: boolean, alongside: SQL) {
  return db
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
      alongside: sql<unknown>`${alongside}`,
    })
    .from(users)
    .leftJoin(sessions, withSession ? eq(sessions.id, sql.placeholder("sid")) : sql`false`)
    .where(eq(users.id, MEMBER_ID))
    .limit(1)
    .prepare("load_viewer");
}

/** Statements by shape, built once: building one with Drizzle costs more Node CPU than running it,
 * and a prepared one spares Postgres the parsing and planning on each connection's later runs. A
 * shape is a scope's size (lib/personal/answer.ts), so there are a few dozen; the bound is a guard. */
const statements = new Map<string, ReturnType<typeof buildMemberStatement>>();
const MAX_STATEMENTS = 1000;

function memberStatement(withSession: boolean, alongside: Alongside | null) {
  const key = `${withSession ? "s" : "-"}|${alongside?.shape ?? ""}`;
  let statement = statements.get(key);
  if (!statement) {
    if (statements.size >= MAX_STATEMENTS) statements.clear();
    statement = buildMemberStatement(withSession, alongside?.sql() ?? sql`null`);
    statements.set(key, statement);
  }
  return statement;
}

/**
 * loadViewer, with `alongside` (a one-value SQL expression about the member `userId` names) read in
 * the same statement: one round trip where the caller would otherwise wait for the member before
 * asking its own question (the personal answer). `alongside` is null whenever the viewer is
 * ANONYMOUS, so nothing it read is seen unless the session is good.
 */
export async function loadViewerWith<T>(
  userId: string,
  sessionVersion: number,
  alongside: Alongside | null,
  options: LoadViewerOptions = {},
): Promise<{ viewer: Viewer; alongside: T | null }> {
  const none = { viewer: ANONYMOUS, alongside: null };
  const { now = new Date(), sessionId = null } = options;
  // One query on the hot path: the sign-in's row comes along by primary key (none without an id).
  const statement = memberStatement(sessionId !== null, alongside);
  const [member] = await statement.execute({
    ...alongside?.values,
    [MEMBER_ID.name]: userId,
    sid: sessionId,
  });
  if (!member || member.sessionVersion !== sessionVersion) return none;
  // A signed-out sign-in counts as no session. Tokens from before sign-in ids have none to check.
  if (sessionId && !(await isSessionOpen(sessionId, member.session, member, now))) return none;
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
  const viewer: Viewer = {
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
  return { viewer, alongside: member.alongside as T | null };
}
