// Single-use links mailed to a member: a password reset, an email verification. The token is 32
// random bytes in the link; the database keeps only its SHA-256, so reading the table gives nobody
// a working link. Opening a link (a GET) only looks a token up; a form on that page posts it, which
// is when it is used up, so a mail scanner that follows links cannot spend it.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import type { Tx } from "@/db/tx";
import { accountTokens } from "@/db/schema";

export type TokenPurpose = "reset-password" | "verify-email";

export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  "reset-password": 60 * 60 * 1000,
  "verify-email": 7 * 24 * 60 * 60 * 1000,
};

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

/** A link's token is 43 base64url characters; anything else is not one of ours. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
export const isTokenShaped = (token: unknown): token is string =>
  typeof token === "string" && TOKEN_SHAPE.test(token);

/** A new token for the member; the raw value goes in the link and nowhere else. */
export async function issueToken(
  userId: string,
  purpose: TokenPurpose,
  email: string | null = null,
  now = new Date(),
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.insert(accountTokens).values({
    tokenHash: hashOf(token),
    userId,
    purpose,
    email,
    expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]),
    createdAt: now,
  });
  return token;
}

export interface LiveToken {
  userId: string;
  email: string | null;
}

const live = (token: string, purpose: TokenPurpose, now: Date) =>
  and(
    eq(accountTokens.tokenHash, hashOf(token)),
    eq(accountTokens.purpose, purpose),
    isNull(accountTokens.usedAt),
    gt(accountTokens.expiresAt, now),
  );

/** The token's member when it is unused and unexpired; does not use it up. */
export async function findToken(
  token: unknown,
  purpose: TokenPurpose,
  now = new Date(),
): Promise<LiveToken | null> {
  if (!isTokenShaped(token)) return null;
  const [row] = await db
    .select({ userId: accountTokens.userId, email: accountTokens.email })
    .from(accountTokens)
    .where(live(token, purpose, now))
    .limit(1);
  return row ?? null;
}

/** Uses the token up, inside the caller's transaction: of two requests at once, one gets it. */
export async function consumeToken(
  tx: Tx,
  token: unknown,
  purpose: TokenPurpose,
  now = new Date(),
): Promise<LiveToken | null> {
  if (!isTokenShaped(token)) return null;
  const [row] = await tx
    .update(accountTokens)
    .set({ usedAt: now })
    .where(live(token, purpose, now))
    .returning({ userId: accountTokens.userId, email: accountTokens.email });
  return row ?? null;
}

/** Every other unused token of the member's for this purpose stops working (after a reset). */
export async function retireTokens(
  tx: Tx,
  userId: string,
  purpose: TokenPurpose,
  now = new Date(),
): Promise<void> {
  await tx
    .update(accountTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(accountTokens.userId, userId),
        eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
      ),
    );
}
