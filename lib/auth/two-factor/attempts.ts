// Wrong authentication and recovery codes, counted per account in Postgres (the sign-in attempts
// table, under their own key) so guessing a six-digit code is refused across instances and restarts.
import "server-only";
import { and, eq, gt, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { signInAttempts } from "@/db/schema";

export const CODE_ATTEMPTS = { windowMinutes: 15, perAccount: 5 } as const;

export const CODES_LOCKED = `Too many wrong codes. Try again in ${CODE_ATTEMPTS.windowMinutes} minutes.`;

const keyOf = (userId: string) => `2fa:${userId}`;

/** Whether this account has used up its wrong codes; a right code clears the count. */
export async function codesLocked(userId: string): Promise<boolean> {
  const key = keyOf(userId);
  const since = sql`greatest(now() - make_interval(mins => ${CODE_ATTEMPTS.windowMinutes}),
    coalesce((select max(${signInAttempts.at}) from ${signInAttempts} where ${signInAttempts.key} = ${key} and ${signInAttempts.succeeded}), '-infinity'))`;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(signInAttempts)
    .where(
      and(
        eq(signInAttempts.key, key),
        eq(signInAttempts.succeeded, false),
        gt(signInAttempts.at, since),
      ),
    );
  return (row?.n ?? 0) >= CODE_ATTEMPTS.perAccount;
}

export async function recordCodeAttempt(userId: string, succeeded: boolean): Promise<void> {
  await db.insert(signInAttempts).values({ key: keyOf(userId), succeeded });
}
