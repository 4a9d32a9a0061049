// Unit: what /search reads from its URL and the addresses it makes. Messages that need the database
// (unknown forum or member, words with nothing searchable) are in search.test.ts.
import { describe, expect, it } from "vitest";
import { MESSAGES, memberContentUrl, parseSearch, searchUrl } from "./query";

describe("parseSearch", () => {
  it("is idle on the bare page, whatever else the address carries", () => {
    expect(parseSearch({}).state).toBe("idle");
    expect(parseSearch({ order: "date", page: "2", ref: "x" }).state).toBe("idle");
  });

  it("turns dates into UTC day bounds, the second one exclusive", () => {
    const parsed = parseSearch({
      q: "frigate",
      from: "2024-02-28",
      to: "2024-02-29",
      titles: "1",
      order: "date",
      page: "3",
    });
    expect(parsed).toMatchObject({
      state: "valid",
      criteria: {
        words: "frigate",
        from: new Date("2024-02-28T00:00:00Z"),
        before: new Date("2024-03-01T00:00:00Z"),
        titlesOnly: true,
        order: "date",
        page: 3,
      },
    });
  });

  it("keeps years to what Postgres and the URL both take", () => {
    expect(parseSearch({ q: "x", from: "0000-01-01" })).toMatchObject({
      state: "invalid",
      errors: { from: MESSAGES.year },
    });
    expect(parseSearch({ q: "x", to: "9999-12-31" })).toMatchObject({
      state: "invalid",
      errors: { to: MESSAGES.year },
    });
    expect(parseSearch({ q: "x", from: "1000-01-01", to: "2999-12-31" }).state).toBe("valid");
  });

  it("counts characters, not UTF-16 units, against the limit", () => {
    expect(parseSearch({ q: "🚢".repeat(200) }).state).toBe("valid");
    expect(parseSearch({ q: "🚢".repeat(201) })).toMatchObject({
      state: "invalid",
      errors: { q: MESSAGES.tooLong },
    });
  });

  it("refuses a member name longer than any username, saying so", () => {
    expect(parseSearch({ q: "ships", member: "m".repeat(32) })).toMatchObject({ state: "valid" });
    expect(parseSearch({ q: "ships", member: "m".repeat(33) })).toMatchObject({
      state: "invalid",
      errors: { member: MESSAGES.memberTooLong },
    });
  });

  it("shows the form back as it was typed, even when invalid", () => {
    expect(parseSearch({ q: " x ", from: "soon", titles: "1" })).toMatchObject({
      state: "invalid",
      form: { q: " x ", from: "soon", titles: true },
      errors: { from: MESSAGES.date },
    });
  });
});

describe("searchUrl", () => {
  it("keeps only what is set", () => {
    expect(
      searchUrl({
        q: "a b",
        forum: "",
        member: "",
        from: "",
        to: "",
        titles: false,
        order: "relevance",
      }),
    ).toBe("/search?q=a+b");
    expect(searchUrl({ q: "x", titles: true, order: "date" }, 2)).toBe(
      "/search?q=x&titles=1&order=date&page=2",
    );
    expect(memberContentUrl("Razor & Co")).toBe("/search?member=Razor+%26+Co");
  });
});
