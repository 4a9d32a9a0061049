// The second step of signing in. A right password for a member with two-step verification gives
// no session, only a signed challenge naming the member (never the password), good for a few
// minutes; the session is made when a code is checked against it (lib/auth/auth.ts).
import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { codesLocked, recordCodeAttempt } from "./attempts";
import { readToken, signToken } from "./keys";
import { spendRecoveryCode } from "./recovery-codes";
import { checkTotpCode } from "./totp";

export const CHALLENGE_TTL_S = 5 * 60;
/** A password change re-signs the member in at once; this token stands for the code they already
 * gave when this session began. */
const RENEWAL_TTL_S = 60;

interface SignInUser {
  id: string;
  name: string;
  email: string | null;
  sessionVersion: number;
}

export type SecondStepResult =
  { ok: true; user: SignInUser } | { ok: false; reason: "expired" | "invalid" | "locked" };

export function issueSignInChallenge(user: { id: string; sessionVersion: number }): string {
  return signToken({ k: "second-step", uid: user.id, sv: user.sessionVersion }, CHALLENGE_TTL_S);
}

/** For the member who just changed their password in a session that passed two-step verification:
 * the challenge their new password earned, turned into a token that signs them straight back in. */
export function renewalFor(challenge: string, userId: string): string | null {
  const payload = readToken(challenge);
  if (payload?.k !== "second-step" || payload.uid !== userId) return null;
  return signToken({ k: "renewal", uid: userId, sv: payload.sv }, RENEWAL_TTL_S);
}

/** The member a token of this kind names, while it is valid and their session version has not
 * moved since (a password change or ban voids challenges issued before it). */
async function memberOf(token: string, kind: string): Promise<SignInUser | null> {
  const payload = readToken(token);
  if (!payload || payload.k !== kind || typeof payload.uid !== "string") return null;
  const [user] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(eq(users.id, payload.uid))
    .limit(1);
  return user && user.sessionVersion === payload.sv ? user : null;
}

/** Checks an authentication code, or a recovery code, against a sign-in challenge. */
export async function completeSignIn(
  challenge: string,
  code: { totp: string } | { recovery: string },
): Promise<SecondStepResult> {
  const user = await memberOf(challenge, "second-step");
  if (!user) return { ok: false, reason: "expired" };
  if (await codesLocked(user.id)) return { ok: false, reason: "locked" };
  const right =
    "totp" in code
      ? await checkTotpCode(user.id, code.totp)
      : await spendRecoveryCode(user.id, code.recovery);
  await recordCodeAttempt(user.id, right);
  return right ? { ok: true, user } : { ok: false, reason: "invalid" };
}

export async function completeRenewal(token: string): Promise<SignInUser | null> {
  return memberOf(token, "renewal");
}
