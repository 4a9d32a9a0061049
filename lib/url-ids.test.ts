import { describe, expect, it } from "vitest";
import { idFromSlug } from "./urls";

describe("idFromSlug", () => {
  it("reads the id of a thread or member address, encoded or not", () => {
    expect(idFromSlug("12-some-title")).toBe(12);
    expect(idFromSlug("12-caf%C3%A9")).toBe(12);
    expect(idFromSlug("12")).toBe(12);
  });
  it("answers null, never throws, for what is not one (the route answers 404)", () => {
    for (const param of ["%E0", "12-%E0%A4%A", "%", "abc", "9999999999-too-long", ""])
      expect(() => idFromSlug(param)).not.toThrow();
    expect(idFromSlug("%E0")).toBeNull();
    expect(idFromSlug("12-%E0%A4%A")).toBe(12);
    expect(idFromSlug("9999999999-too-long")).toBeNull();
  });
});
