import "server-only";
import { and, asc, eq, gt, lt, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { signUpAttempts } from "@/db/schema";
import { REQUEST_RATES, type RateCheck } from "../limits/request-rates";

const WINDOW_MS = 60 * 60 * 1000;

/** Counts one sign-up for an address unless it has had its hour's share, in Postgres so that every
 * instance sees one count. Requests without a known address share one count. */
export async function takeSignUpSlot(address: string | null): Promise<RateCheck> {
  const key = address ?? "unknown";
  // Postgres's clock, not this instance's, decides what is in the window.
  const since = sql`now() - make_interval(secs => ${WINDOW_MS / 1000})`;
  return db.transaction(async (tx) => {
    // Two sign-ups from one address at once must not both see the last free slot.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sign-up:${key}`}))`);
    const recent = await tx
      .select({ at: signUpAttempts.at })
      .from(signUpAttempts)
      .where(and(eq(signUpAttempts.address, key), gt(signUpAttempts.at, since)))
      .orderBy(asc(signUpAttempts.at));
    if (recent.length >= REQUEST_RATES.signUpsPerHour) {
      const freed = recent[recent.length - REQUEST_RATES.signUpsPerHour]!.at.getTime() + WINDOW_MS;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((freed - Date.now()) / 1000)) };
    }
    await tx.insert(signUpAttempts).values({ address: key });
    await tx
      .delete(signUpAttempts)
      .where(and(eq(signUpAttempts.address, key), lt(signUpAttempts.at, since)));
    return { ok: true };
  });
}
