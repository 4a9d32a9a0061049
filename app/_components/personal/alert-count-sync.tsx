"use client";

import { useEffect } from "react";
import { updatePersonal } from "./store";

/** The alerts page is rendered for its member, so its unread count is the newest there is: after
 * Mark read re-renders the page, the header's bell (drawn from the personal answer) follows it. */
export function AlertCountSync({ unread }: { unread: number }) {
  useEffect(() => {
    updatePersonal((current) => ({ ...current, alerts: unread }));
  }, [unread]);
  return null;
}
