// Recovery codes: ten one-time codes shown once when two-step verification is turned on (or when
// the member asks for new ones), each accepted once in place of an authentication code.
import "server-only";
import { randomInt } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { recoveryCodes } from "@/db/schema";
import type { DbOrTx } from "@/db/tx";
import { mac } from "./keys";

export const RECOVERY_CODE_COUNT = 10;
/** No 0/o, 1/l/i: codes are read off paper. 10 of 31 symbols: about 50 bits each. */
const ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";

function newCode(): string {
  const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 5).join("")}-${chars.slice(5).join("")}`;
}

/** Case, spaces and the hyphen do not matter when typing one back. */
const hashOf = (code: string) => mac("recovery-code", code.toLowerCase().replace(/[\s-]+/g, ""));

/** Replaces the member's recovery codes with new ones, answered in plain text this once. */
export async function issueRecoveryCodes(q: DbOrTx, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  await q.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await q.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashOf(code) })));
  return codes;
}

/** Whether this is one of the member's unused codes; it is used up by this call. */
export async function spendRecoveryCode(userId: string, code: string): Promise<boolean> {
  if (!/^[a-z0-9\s-]{10,20}$/i.test(code.trim())) return false;
  const [used] = await db
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, hashOf(code.trim())),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return used !== undefined;
}
