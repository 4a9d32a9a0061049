// Every date on a page goes through <LocalTime>: rendered on the server in UTC (the page is one
// rendering for everyone, and readers without scripts see a named zone), then shown by the browser
// in the reader's zone (./localised-time.tsx).
import { formatFull, formatWhen, showsClock, type WhenStyle } from "@/lib/time/when";
import { LocalisedTime } from "./localised-time";

export function LocalTime({
  at,
  style = "relative",
  className,
}: {
  at: Date;
  /** relative (recent posts, "3 minutes ago"), datetime (logs, ban ends) or date. */
  style?: WhenStyle;
  className?: string;
}) {
  const text = formatWhen(at, { now: new Date(), timeZone: "UTC", style });
  return (
    <LocalisedTime
      iso={at.toISOString()}
      style={style}
      fallback={showsClock(text) ? `${text} UTC` : text}
      fallbackTitle={formatFull(at, "UTC", true)}
      className={className}
    />
  );
}
