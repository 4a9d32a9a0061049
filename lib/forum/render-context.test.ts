import { describe, expect, it } from "vitest";
import { mentionCandidates } from "./render-context";

describe("mentionCandidates", () => {
  it("finds every @mention on a line, not only the first", () => {
    const found = mentionCandidates("Thanks @Razor, @vostok and @no smoking!");
    expect(found).toEqual(expect.arrayContaining(["razor", "vostok", "no smoking"]));
  });

  it("ignores email addresses", () => {
    expect(mentionCandidates("write to a@b.com")).toEqual([]);
  });
});
