import { describe, expect, it } from "vitest";
import { formatFull, formatWhen, showsClock } from "./when";
import { canonicalZone, timeZoneChoices, timeZoneSchema } from "./zones";

const at = (iso: string) => new Date(iso);

describe("relative times, as XenForo shows them", () => {
  const now = at("2026-12-05T15:30:00Z");
  const utc = (iso: string) => formatWhen(at(iso), { now, timeZone: "UTC" });

  it("counts minutes for the last hour", () => {
    expect(utc("2026-12-05T15:29:30Z")).toBe("A moment ago");
    expect(utc("2026-12-05T15:29:00Z")).toBe("1 minute ago");
    expect(utc("2026-12-05T15:27:00Z")).toBe("3 minutes ago");
    expect(utc("2026-12-05T14:30:01Z")).toBe("59 minutes ago");
  });

  it("then today, yesterday and the date", () => {
    expect(utc("2026-12-05T09:14:00Z")).toBe("Today at 9:14 AM");
    expect(utc("2026-12-05T00:00:00Z")).toBe("Today at 12:00 AM");
    expect(utc("2026-12-04T21:14:00Z")).toBe("Yesterday at 9:14 PM");
    expect(utc("2026-12-03T23:59:00Z")).toBe("Dec 3, 2026");
  });

  it("decides today and yesterday in the reader's zone", () => {
    const moment = at("2026-12-05T02:00:00Z");
    expect(formatWhen(moment, { now, timeZone: "UTC" })).toBe("Today at 2:00 AM");
    // 9 PM on the 4th in New York; 11 AM on the 5th in Tokyo, where it is already the 6th.
    expect(formatWhen(moment, { now, timeZone: "America/New_York" })).toBe("Yesterday at 9:00 PM");
    expect(formatWhen(moment, { now, timeZone: "Asia/Tokyo" })).toBe("Yesterday at 11:00 AM");
    expect(formatWhen(at("2026-12-04T12:00:00Z"), { now, timeZone: "Asia/Tokyo" })).toBe(
      "Dec 4, 2026",
    );
  });

  it("finds yesterday across a daylight-saving change", () => {
    // Clocks went back in Berlin on Oct 25, 2026: that day had 25 hours.
    const after = at("2026-10-26T10:00:00Z");
    expect(formatWhen(at("2026-10-25T06:00:00Z"), { now: after, timeZone: "Europe/Berlin" })).toBe(
      "Yesterday at 7:00 AM",
    );
  });

  it("gives future moments and the other styles in full", () => {
    expect(utc("2026-12-12T15:30:00Z")).toBe("Dec 12, 2026 at 3:30 PM");
    const recent = at("2026-12-05T15:27:00Z");
    expect(formatWhen(recent, { now, timeZone: "UTC", style: "datetime" })).toBe(
      "Dec 5, 2026 at 3:27 PM",
    );
    expect(formatWhen(recent, { now, timeZone: "Asia/Tokyo", style: "date" })).toBe("Dec 6, 2026");
    expect(formatFull(recent, "UTC", true)).toBe("Dec 5, 2026 at 3:27 PM UTC");
    expect(showsClock("Today at 9:14 AM")).toBe(true);
    expect(showsClock("Dec 3, 2026")).toBe(false);
  });
});

describe("time zone names", () => {
  it("keeps what Intl knows, in its spelling, and refuses the rest", () => {
    expect(canonicalZone("Europe/Paris")).toBe("Europe/Paris");
    expect(canonicalZone("europe/paris")).toBe("Europe/Paris");
    expect(canonicalZone("Mars/Olympus")).toBeNull();
    expect(canonicalZone("")).toBeNull();
    expect(timeZoneSchema.safeParse("Nowhere").error?.issues[0]?.message).toBe(
      "Choose a time zone from the list.",
    );
    expect(timeZoneSchema.safeParse(42).success).toBe(false);
  });

  it("offers UTC and the member's own zone among the choices", () => {
    const choices = timeZoneChoices("Asia/Calcutta");
    expect(choices).toContain("UTC");
    expect(choices).toContain("Asia/Calcutta");
    expect(choices).toContain("Europe/Paris");
  });
});
