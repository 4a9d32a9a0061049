// Authenticator-app codes (TOTP, RFC 6238, through otplib): enrolment, checking a code, turning it
// off. The secret is sealed at rest (keys.ts); a code is accepted at most once (lastStep).
import "server-only";
import { and, eq, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import { generateSecret, generateURI, verify } from "otplib";
import { db } from "@/db/client";
import { recoveryCodes, totpCredentials, users } from "@/db/schema";
import { ok, refuse, type Result } from "../../result";
import { verifyPassword } from "../password";
import { codesLocked, CODES_LOCKED, recordCodeAttempt } from "./attempts";
import { open, seal } from "./keys";
import { issueRecoveryCodes, spendRecoveryCode } from "./recovery-codes";

export const TOTP_ISSUER = "Parley";
/** One period either side, for phones whose clock is a little off. */
const TOLERANCE_SECONDS = 30;

const CODE_SHAPE = /^\d{6}$/;
export const WRONG_CODE = "That code is not right. Enter the 6-digit code your app shows now.";

/** Six digits, with any spaces people copy along taken out. */
export const normaliseCode = (code: string) => code.replace(/\s+/g, "");

async function credentialOf(userId: string) {
  const [row] = await db
    .select()
    .from(totpCredentials)
    .where(eq(totpCredentials.userId, userId))
    .limit(1);
  return row ?? null;
}

/** Whether sign-in asks this member for a second step. */
export async function hasTwoFactor(userId: string): Promise<boolean> {
  const row = await credentialOf(userId);
  return row?.confirmedAt != null;
}

export interface TwoFactorStatus {
  enabled: boolean;
  recoveryCodesLeft: number;
}

export async function twoFactorStatus(userId: string): Promise<TwoFactorStatus> {
  const [row] = await db
    .select({
      enabled: sql<boolean>`exists (select 1 from ${totpCredentials} where ${totpCredentials.userId} = ${userId} and ${totpCredentials.confirmedAt} is not null)`,
      left: sql<number>`(select count(*)::int from ${recoveryCodes} where ${recoveryCodes.userId} = ${userId} and ${recoveryCodes.usedAt} is null)`,
    })
    .from(sql`(select 1) as one`);
  return { enabled: row?.enabled ?? false, recoveryCodesLeft: row?.left ?? 0 };
}

/** A new secret for the member to add to their app; it does nothing until confirmed with a code.
 * Starting again replaces an unconfirmed one. */
export async function beginTotpEnrolment(
  userId: string,
): Promise<Result<{ secret: string; uri: string }>> {
  const [member] = await db
    .select({ name: users.name })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!member) return refuse("Sign in again to set up two-step verification.");
  if (await hasTwoFactor(userId)) return refuse("Two-step verification is already on.");
  const secret = generateSecret();
  const sealed = seal(secret);
  await db
    .insert(totpCredentials)
    .values({ userId, secret: sealed })
    .onConflictDoUpdate({
      target: totpCredentials.userId,
      set: { secret: sealed, confirmedAt: null, lastStep: null },
      where: isNull(totpCredentials.confirmedAt),
    });
  return ok({ secret, uri: generateURI({ issuer: TOTP_ISSUER, label: member.name, secret }) });
}

/** The time step a right code belongs to, or null. */
async function stepOf(sealedSecret: string, code: string, after: number | null) {
  const token = normaliseCode(code);
  if (!CODE_SHAPE.test(token)) return null;
  const result = await verify({
    secret: open(sealedSecret),
    token,
    epochTolerance: TOLERANCE_SECONDS,
    ...(after === null ? {} : { afterTimeStep: after }),
  });
  return result.valid && "timeStep" in result ? result.timeStep : null;
}

/** Turns two-step verification on once the member shows their app makes the right codes, and
 * answers the recovery codes, shown this once. */
export async function confirmTotpEnrolment(
  userId: string,
  code: string,
): Promise<Result<{ recoveryCodes: string[] }, "code">> {
  const row = await credentialOf(userId);
  if (!row) return refuse("Start the set-up again: there is no secret waiting to be confirmed.");
  if (row.confirmedAt) return refuse("Two-step verification is already on.");
  const step = await stepOf(row.secret, code, null);
  if (step === null) return refuse(WRONG_CODE, "code");
  return db.transaction(async (tx) => {
    const [turnedOn] = await tx
      .update(totpCredentials)
      .set({ confirmedAt: new Date(), lastStep: step })
      .where(and(eq(totpCredentials.userId, userId), isNull(totpCredentials.confirmedAt)))
      .returning({ userId: totpCredentials.userId });
    if (!turnedOn) return refuse("Two-step verification is already on.");
    return ok({ recoveryCodes: await issueRecoveryCodes(tx, userId) });
  });
}

/** Whether this is a right code the member has not used before. Marks it used when it is. */
export async function checkTotpCode(userId: string, code: string): Promise<boolean> {
  const row = await credentialOf(userId);
  if (!row?.confirmedAt) return false;
  const step = await stepOf(row.secret, code, row.lastStep);
  if (step === null) return false;
  // Two requests racing with one code: only the first moves lastStep past it.
  const [taken] = await db
    .update(totpCredentials)
    .set({ lastStep: step })
    .where(
      and(
        eq(totpCredentials.userId, userId),
        isNotNull(totpCredentials.confirmedAt),
        or(isNull(totpCredentials.lastStep), lt(totpCredentials.lastStep, step)),
      ),
    )
    .returning({ userId: totpCredentials.userId });
  return taken !== undefined;
}

/** An authentication code or, failing that, an unused recovery code; wrong ones count towards the
 * account's limit. */
export async function checkSecondFactor(
  userId: string,
  code: string,
): Promise<Result<Record<never, never>, "code">> {
  if (await codesLocked(userId)) return refuse(CODES_LOCKED, "code");
  const right = (await checkTotpCode(userId, code)) || (await spendRecoveryCode(userId, code));
  await recordCodeAttempt(userId, right);
  return right ? ok() : refuse(WRONG_CODE, "code");
}

/** Turning it off asks for the password (when the member has one) and a code, so a session left
 * open is not enough. */
export async function disableTwoFactor(
  userId: string,
  input: { password: string; code: string },
): Promise<Result<Record<never, never>, "password" | "code">> {
  const [member] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!member) return refuse("Sign in again to change two-step verification.");
  if (!(await hasTwoFactor(userId))) return refuse("Two-step verification is already off.");
  if (await codesLocked(userId)) return refuse(CODES_LOCKED, "code");
  if (member.passwordHash && !(await verifyPassword(member.passwordHash, input.password))) {
    await recordCodeAttempt(userId, false);
    return refuse("That password is not right.", "password");
  }
  const checked = await checkSecondFactor(userId, input.code);
  if (!checked.ok) return checked;
  await db.transaction(async (tx) => {
    await tx.delete(totpCredentials).where(eq(totpCredentials.userId, userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  });
  return ok();
}

/** New recovery codes, the old ones void; asks for an authentication code from the app, since a
 * member who lost the old codes may still have it. */
export async function regenerateRecoveryCodes(
  userId: string,
  code: string,
): Promise<Result<{ recoveryCodes: string[] }, "code">> {
  if (!(await hasTwoFactor(userId))) return refuse("Turn on two-step verification first.");
  if (await codesLocked(userId)) return refuse(CODES_LOCKED, "code");
  const right = await checkTotpCode(userId, code);
  await recordCodeAttempt(userId, right);
  if (!right) return refuse(WRONG_CODE, "code");
  return ok({ recoveryCodes: await db.transaction((tx) => issueRecoveryCodes(tx, userId)) });
}
