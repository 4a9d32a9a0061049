"use client";

import { useEffect } from "react";
import { updatePersonal } from "@/app/_components/personal/store";
import { markShownAlertsReadAction } from "../actions";

/** How long the alerts page is open before the unread alerts it shows count as read. */
const SEEN_AFTER_MS = 2000;

/** Marks the unread alerts on the page read after a moment, as XenForo does. They keep their
 * highlight for this visit, so the member still sees which were new; the bell follows at once. */
export function MarkShownRead({ ids }: { ids: number[] }) {
  const key = ids.join(",");
  useEffect(() => {
    if (!key) return;
    const timer = setTimeout(() => {
      markShownAlertsReadAction(key.split(",").map(Number))
        .then((unread) => {
          if (unread !== null) updatePersonal((current) => ({ ...current, alerts: unread }));
        })
        .catch(() => {});
    }, SEEN_AFTER_MS);
    return () => clearTimeout(timer);
  }, [key]);
  return null;
}
