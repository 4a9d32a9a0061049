// Wrong authentication and recovery codes, counted per account in Postgres (the sign-in attempts
// table, under their own key) so guessing a six-digit code is refused across instances and restarts.
import "server-only";
import { db } from "@/db/client";
import { signInAttempts } from "@/db/schema";
import { recentFailures } from "../sign-in";

export const CODE_ATTEMPTS = { windowMinutes: 15, perAccount: 5 } as const;

export const CODES_LOCKED = `Too many wrong codes. Try again in ${CODE_ATTEMPTS.windowMinutes} minutes.`;

const keyOf = (userId: string) => `2fa:${userId}`;

/** Whether this account has used up its wrong codes; a right code clears the count. */
export async function codesLocked(userId: string): Promise<boolean> {
  const failures = await recentFailures(keyOf(userId), undefined, CODE_ATTEMPTS.windowMinutes);
  return failures >= CODE_ATTEMPTS.perAccount;
}

export async function recordCodeAttempt(userId: string, succeeded: boolean): Promise<void> {
  await db.insert(signInAttempts).values({ key: keyOf(userId), succeeded });
}
