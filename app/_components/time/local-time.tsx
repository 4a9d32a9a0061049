// Every date on a page goes through <LocalTime>: rendered on the server in UTC (the page is one
// rendering for everyone, and readers without scripts see a named zone), then shown by the browser
// in the reader's zone (./localised-time.tsx), as an island of its own on pages served without
// Next's runtime (app/_islands). A server component: client components draw <LocalisedTime> with
// ./utc-text.ts's props instead (an island is never drawn by another client component).
import { island } from "@/app/_islands/island";
import type { WhenStyle } from "@/lib/time/when";
import { LocalisedTime } from "./localised-time";
import { localisedTimeProps } from "./utc-text";

const LocalisedTimeIsland = island("LocalisedTime", LocalisedTime);

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
  return <LocalisedTimeIsland {...localisedTimeProps(at, style, className)} />;
}
