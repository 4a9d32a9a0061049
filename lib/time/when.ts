// Dates as XenForo shows them, in a given time zone: "A moment ago", "3 minutes ago", "Today at
// 9:14 AM", "Yesterday at 9:14 AM", then the date. Pure (Intl only): the server renders the UTC
// fallback with it and the browser the reader's zone, so both read alike and take the same room.

/** relative: XenForo's recent-post style; datetime: always the date and time; date: the date only. */
export type WhenStyle = "relative" | "datetime" | "date";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

interface ZoneFormats {
  day: Intl.DateTimeFormat;
  clock: Intl.DateTimeFormat;
  date: Intl.DateTimeFormat;
  full: Intl.DateTimeFormat;
}

const cache = new Map<string, ZoneFormats>();

function formatsFor(timeZone: string): ZoneFormats {
  let formats = cache.get(timeZone);
  if (!formats) {
    formats = {
      // en-CA writes the calendar day as YYYY-MM-DD: a key to compare days by.
      day: new Intl.DateTimeFormat("en-CA", {
        timeZone,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
      }),
      clock: new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", minute: "2-digit" }),
      date: new Intl.DateTimeFormat("en-US", {
        timeZone,
        month: "short",
        day: "numeric",
        year: "numeric",
      }),
      full: new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" }),
    };
    cache.set(timeZone, formats);
  }
  return formats;
}

/** The calendar day before a YYYY-MM-DD key (counted on the calendar, so a DST change cannot skip it). */
function dayBefore(key: string): string {
  const [y, m, d] = key.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** The zone's short name at that moment ("UTC", "GMT+1", "EST"). */
function zoneName(at: Date, timeZone: string): string {
  const part = formatsFor(timeZone)
    .full.formatToParts(at)
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? timeZone;
}

/** "Dec 5, 2026 at 9:14 AM", optionally followed by the zone's short name. */
export function formatFull(at: Date, timeZone: string, withZone = false): string {
  const f = formatsFor(timeZone);
  const text = `${f.date.format(at)} at ${f.clock.format(at)}`;
  return withZone ? `${text} ${zoneName(at, timeZone)}` : text;
}

/** The moment in words, as seen at `now` from `timeZone`. A future moment (a ban's end) is never
 * relative: "in 3 minutes" reads as a countdown, so it is given in full. */
export function formatWhen(
  at: Date,
  { now, timeZone, style = "relative" }: { now: Date; timeZone: string; style?: WhenStyle },
): string {
  const f = formatsFor(timeZone);
  if (style === "date") return f.date.format(at);
  const age = now.getTime() - at.getTime();
  if (style === "datetime" || age < 0) return formatFull(at, timeZone);
  if (age < MINUTE) return "A moment ago";
  if (age < HOUR) {
    const minutes = Math.floor(age / MINUTE);
    return minutes === 1 ? "1 minute ago" : `${minutes} minutes ago`;
  }
  const day = f.day.format(at);
  const today = f.day.format(now);
  if (day === today) return `Today at ${f.clock.format(at)}`;
  if (day === dayBefore(today)) return `Yesterday at ${f.clock.format(at)}`;
  return f.date.format(at);
}

/** Whether the text formatWhen gives shows a clock time (so the fallback names its zone). */
export const showsClock = (text: string) => /\d:\d\d/.test(text);
