import "server-only";
import { and, eq, gt, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { signInAttempts, users } from "@/db/schema";
import { hashPassword, verifyPassword } from "./password";

// Per address is generous because many members can share one (offices, mobile carriers).
export const LOCKOUT = { windowMinutes: 15, perAccount: 5, perAddress: 50 } as const;

export type AuthenticateResult =
  | { ok: true; user: { id: string; name: string; email: string | null; sessionVersion: number } }
  | { ok: false; reason: "invalid" | "locked" };

// Verifying against a real hash when the account does not exist keeps both answers equally slow.
let decoyHash: Promise<string> | null = null;

async function recentFailures(key: string): Promise<number> {
  const since = sql`greatest(now() - make_interval(mins => ${LOCKOUT.windowMinutes}),
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
  return row?.n ?? 0;
}

/** Checks a username-or-email and password, refusing for a while after repeated failures for one
 * account or from one address. The answer never tells whether the account exists. */
export async function authenticate(
  identifier: string,
  password: string,
  address: string | null,
): Promise<AuthenticateResult> {
  const ident = identifier.trim().normalize("NFC");
  const [user] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      passwordHash: users.passwordHash,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(sql`lower(${users.name}) = lower(${ident}) or lower(${users.email}) = lower(${ident})`)
    .limit(1);
  const accountKey = user ? `user:${user.id}` : `name:${ident.toLowerCase()}`;
  const addressKey = address ? `ip:${address}` : null;

  const [accountFailures, addressFailures] = await Promise.all([
    recentFailures(accountKey),
    addressKey ? recentFailures(addressKey) : 0,
  ]);
  if (accountFailures >= LOCKOUT.perAccount || addressFailures >= LOCKOUT.perAddress)
    return { ok: false, reason: "locked" };

  decoyHash ??= hashPassword("decoy password that is never anyone's");
  const ok = user?.passwordHash
    ? await verifyPassword(user.passwordHash, password)
    : (await verifyPassword(await decoyHash, password), false);

  const attempts = [{ key: accountKey, succeeded: ok }];
  // A success must not wipe an address's record of failures against other accounts.
  if (addressKey && !ok) attempts.push({ key: addressKey, succeeded: false });
  await db.insert(signInAttempts).values(attempts);

  if (!ok || !user) return { ok: false, reason: "invalid" };
  await db.update(users).set({ lastSeenAt: new Date() }).where(eq(users.id, user.id));
  // Old attempts no longer count for anything; sign-ins are rare enough to tidy up on.
  await db.delete(signInAttempts).where(sql`${signInAttempts.at} < now() - interval '1 day'`);
  return {
    ok: true,
    user: { id: user.id, name: user.name, email: user.email, sessionVersion: user.sessionVersion },
  };
}
