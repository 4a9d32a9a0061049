import { describe, expect, it } from "vitest";
import { idFromSlug, queryString, slugRedirect } from "./urls";

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

describe("slugRedirect", () => {
  it("answers null for the record's own slug, encoded or not", () => {
    expect(slugRedirect("12-some-title", "/threads/12-some-title", {})).toBeNull();
    expect(slugRedirect("12-caf%C3%A9", "/threads/12-café", { page: "2" })).toBeNull();
  });
  it("sends a wrong, old or missing slug to the record's address, query kept", () => {
    expect(slugRedirect("12-old-title", "/threads/12-new-title", {})).toBe("/threads/12-new-title");
    expect(slugRedirect("12", "/members/12-razor", {})).toBe("/members/12-razor");
    expect(
      slugRedirect("12-x", "/threads/12-y", { page: "3", tag: ["a", "b"], none: undefined }),
    ).toBe("/threads/12-y?page=3&tag=a&tag=b");
    expect(queryString({ page: "3", q: "a b" }, ["page"])).toBe("?q=a+b");
  });
});
