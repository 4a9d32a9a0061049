"use client";

import { useEffect } from "react";
import { updatePersonal } from "@/app/_components/personal/store";

/** Conversation pages are rendered for their member and move the read mark as they render, so their
 * unread count is the newest there is: the header's Inbox (drawn from the personal answer) follows it. */
export function InboxCountSync({ unread }: { unread: number }) {
  useEffect(() => {
    updatePersonal((current) => ({ ...current, inbox: unread }));
  }, [unread]);
  return null;
}
