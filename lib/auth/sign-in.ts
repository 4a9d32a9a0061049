import "server-only";
import { and, eq, gt, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { signInAttempts, users } from "@/db/schema";
import { hashPassword, verifyPassword } from "./password";

// Per address is generous because many members can share one (offices, mobile carriers). An address
// that signed in to an account within knownAddressDays is "known" for it: only failures from that
// address count against the account there, so a stranger's wrong passwords cannot lock the owner out.
export const LOCKOUT = {
  windowMinutes: 15,
  perAccount: 5,
  perAddress: 50,
  knownAddressDays: 90,
} as const;

export type AuthenticateResult =
  | { ok: true; user: { id: string; name: string; email: string | null; sessionVersion: number } }
  | { ok: false; reason: "invalid" | "locked" };

// Verifying against a real hash when the account does not exist keeps both answers equally slow.
let decoyHash: Promise<string> | null = null;

/** Failures for a key since the window opened or its last success; only those from `from` if given.
 * The two-step code limit (two-factor/attempts.ts) counts its own key the same way. */
export async function recentFailures(
  key: string,
  from?: string,
  windowMinutes: number = LOCKOUT.windowMinutes,
): Promise<number> {
  const since = sql`greatest(now() - make_interval(mins => ${windowMinutes}),
    coalesce((select max(${signInAttempts.at}) from ${signInAttempts} where ${signInAttempts.key} = ${key} and ${signInAttempts.succeeded}), '-infinity'))`;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(signInAttempts)
    .where(
      and(
        eq(signInAttempts.key, key),
        eq(signInAttempts.succeeded, false),
        gt(signInAttempts.at, since),
        from === undefined ? undefined : eq(signInAttempts.address, from),
      ),
    );
  return row?.n ?? 0;
}

/** Whether the account was signed in to from this address within LOCKOUT.knownAddressDays. */
async function hasSignedInFrom(accountKey: string, address: string): Promise<boolean> {
  const [row] = await db
    .select({ id: signInAttempts.id })
    .from(signInAttempts)
    .where(
      and(
        eq(signInAttempts.key, accountKey),
        eq(signInAttempts.succeeded, true),
        eq(signInAttempts.address, address),
        gt(signInAttempts.at, sql`now() - make_interval(days => ${LOCKOUT.knownAddressDays})`),
      ),
    )
    .limit(1);
  return !!row;
}

/** Checks a username-or-email and password, refusing for a while after repeated failures for one
 * account (counted only from its own address when that address has signed in to it before) or from
 * one address. The answer never tells whether the account exists. */
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

  const known = user && address ? await hasSignedInFrom(accountKey, address) : false;
  const [accountFailures, addressFailures] = await Promise.all([
    recentFailures(accountKey, known ? address! : undefined),
    addressKey ? recentFailures(addressKey) : 0,
  ]);
  if (accountFailures >= LOCKOUT.perAccount || addressFailures >= LOCKOUT.perAddress)
    return { ok: false, reason: "locked" };

  decoyHash ??= hashPassword("decoy password that is never anyone's");
  const ok = user?.passwordHash
    ? await verifyPassword(user.passwordHash, password)
    : (await verifyPassword(await decoyHash, password), false);

  const attempts = [{ key: accountKey, succeeded: ok, address }];
  // A success must not wipe an address's record of failures against other accounts.
  if (addressKey && !ok) attempts.push({ key: addressKey, succeeded: false, address });
  await db.insert(signInAttempts).values(attempts);

  if (!ok || !user) return { ok: false, reason: "invalid" };
  await db.update(users).set({ lastSeenAt: new Date() }).where(eq(users.id, user.id));
  // Old failures no longer count for anything, old successes once their address is no longer
  // known; sign-ins are rare enough to tidy up on.
  await db.delete(signInAttempts).where(
    sql`${signInAttempts.at} < now() - interval '1 day' and (not ${signInAttempts.succeeded}
        or ${signInAttempts.at} < now() - make_interval(days => ${LOCKOUT.knownAddressDays}))`,
  );
  return {
    ok: true,
    user: { id: user.id, name: user.name, email: user.email, sessionVersion: user.sessionVersion },
  };
}
