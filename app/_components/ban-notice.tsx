"use client";

import { LocalisedTime } from "./time/localised-time";
import { localisedTimeProps } from "./time/utc-text";
import { usePersonal } from "./personal/store";

/** Under the header on every page while the viewer's ban is in force: why, and until when. */
export function BanNotice() {
  const viewer = usePersonal()?.viewer;
  if (!viewer?.isBanned) return null;
  const endsAt = viewer.banEndsAt ? new Date(viewer.banEndsAt) : null;
  return (
    <section aria-label="Your ban" className="border-b border-red-300 bg-red-50 text-red-900">
      <p className="mx-auto max-w-6xl px-4 py-2 text-sm break-words">
        <strong>You are banned{viewer.banReason ? `: ${viewer.banReason}` : ""}.</strong>{" "}
        {endsAt ? (
          <>
            Until <LocalisedTime {...localisedTimeProps(endsAt, "datetime")} />.
          </>
        ) : (
          "Permanently."
        )}{" "}
        You can read the forum, but not post, react or report.
      </p>
    </section>
  );
}
