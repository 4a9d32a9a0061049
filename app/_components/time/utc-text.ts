// What a <LocalisedTime> shows until the browser knows the reader's zone: the date in UTC, with the
// zone named where a clock shows. Made where the date is rendered: on the server for <LocalTime>, in
// the browser for a client component that draws a date itself (the ban notice).
import { formatFull, formatWhen, showsClock, type WhenStyle } from "@/lib/time/when";

export function localisedTimeProps(at: Date, style: WhenStyle = "relative", className?: string) {
  const text = formatWhen(at, { now: new Date(), timeZone: "UTC", style });
  return {
    iso: at.toISOString(),
    style,
    fallback: showsClock(text) ? `${text} UTC` : text,
    fallbackTitle: formatFull(at, "UTC", true),
    className,
  };
}
