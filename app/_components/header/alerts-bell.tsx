"use client";

import Link from "next/link";
import { ALERT_COUNT_CAP } from "@/lib/personal/types";

/** The header's bell. Its name stays "Alerts" whatever the count: the number is drawn in a badge
 * hidden from assistive technology and told to it as the link's description instead. The count
 * comes with the personal answer of each page view, counted up to ALERT_COUNT_CAP. */
export function AlertsBell({ unread, className }: { unread: number; className: string }) {
  const label = unread >= ALERT_COUNT_CAP || unread > 99 ? "99+" : String(unread);
  return (
    <>
      <Link
        href="/alerts"
        className={`${className} inline-flex items-center gap-1`}
        aria-describedby={unread > 0 ? "alerts-unread-count" : undefined}
        title="Alerts"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 fill-current">
          <path d="M10 2a5 5 0 0 0-5 5v2.6c0 .5-.2 1-.5 1.4L3.3 12.6A1 1 0 0 0 4.1 14h11.8a1 1 0 0 0 .8-1.4L15.5 11c-.3-.4-.5-.9-.5-1.4V7a5 5 0 0 0-5-5Zm-2 13a2 2 0 0 0 4 0H8Z" />
        </svg>
        <span className="sm:sr-only">Alerts</span>
        {unread > 0 && (
          <span
            aria-hidden="true"
            className="min-w-5 rounded-full bg-red-600 px-1.5 text-center text-xs leading-5 font-bold text-white"
          >
            {label}
          </span>
        )}
      </Link>
      {unread > 0 && (
        <span id="alerts-unread-count" hidden>
          {unread >= ALERT_COUNT_CAP
            ? "99+ unread alerts"
            : unread === 1
              ? "1 unread alert"
              : `${unread} unread alerts`}
        </span>
      )}
    </>
  );
}
