import { describe, expect, it } from "vitest";
import { requestRate } from "./request-rates";

describe("requestRate", () => {
  it("lets each key through the given number of times a minute, then says how long to wait", async () => {
    const rate = requestRate(3);
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
});
