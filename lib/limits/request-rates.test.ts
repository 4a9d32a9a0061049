// Request rates counted in Postgres: what one instance counts, every other instance sees.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { requestRate } from "./request-rates";

afterAll(async () => {
  await db.$client.end();
});

describe("requestRate", () => {
  it("lets each key through the given number of times a minute, then says how long to wait", async () => {
    const rate = requestRate(`test-${randomUUID()}`, 3);
    for (let i = 0; i < 3; i++) expect(await rate.take("member-a")).toEqual({ ok: true });
    const refused = await rate.take("member-a");
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.retryAfterSeconds).toBeGreaterThan(55);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    }
    // Others are not held back by one member's pace.
    expect(await rate.take("member-b")).toEqual({ ok: true });
  });

  it("counts across instances: two servers' limiters share one count per key", async () => {
    const name = `test-${randomUUID()}`;
    const onA = requestRate(name, 3);
    const onB = requestRate(name, 3);
    expect(await onA.take("member")).toEqual({ ok: true });
    expect(await onB.take("member")).toEqual({ ok: true });
    expect(await onA.take("member")).toEqual({ ok: true });
    expect((await onB.take("member")).ok).toBe(false);
    // A different rate with the same key counts apart.
    expect(await requestRate(`test-${randomUUID()}`, 3).take("member")).toEqual({ ok: true });
  });

  it("counts afresh once a minute has passed, in the shared table", async () => {
    const name = `test-${randomUUID()}`;
    const rate = requestRate(name, 1);
    expect(await rate.take("member")).toEqual({ ok: true });
    expect((await rate.take("member")).ok).toBe(false);
    const key = `${name}:member`;
    await db
      .update(rateLimits)
      .set({ expire: sql`now() - interval '1 second'` })
      .where(eq(rateLimits.key, key));
    expect(await rate.take("member")).toEqual({ ok: true });
    const [row] = await db.select().from(rateLimits).where(eq(rateLimits.key, key));
    expect(row!.points).toBe(1);
    expect(row!.expire!.getTime()).toBeGreaterThan(Date.now() + 55_000);
  });
});
