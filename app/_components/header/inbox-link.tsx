"use client";

import Link from "next/link";
import { CONVERSATIONS_URL, NEW_CONVERSATION_URL } from "@/lib/conversations/urls";

/** The header's Inbox, beside the bell: its name stays "Inbox" and the unread count is told as its
 * description, as the bell does. A pencil beside it starts a conversation. The count comes with the
 * personal answer (lib/personal), exact. */
export function InboxLink({ unread, className }: { unread: number; className: string }) {
  const label = unread > 99 ? "99+" : String(unread);
  return (
    <>
      <Link
        href={CONVERSATIONS_URL}
        className={`${className} inline-flex items-center gap-1`}
        aria-describedby={unread > 0 ? "inbox-unread-count" : undefined}
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 fill-current">
          <path d="M3 4a2 2 0 0 0-2 2v.4l9 4.5 9-4.5V6a2 2 0 0 0-2-2H3Zm16 4.6-8.6 4.3a1 1 0 0 1-.8 0L1 8.6V14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V8.6Z" />
        </svg>
        Inbox
        {unread > 0 && (
          <span
            aria-hidden="true"
            data-testid="inbox-count"
            className="min-w-5 rounded-full bg-red-600 px-1.5 text-center text-xs leading-5 font-bold text-white"
          >
            {label}
          </span>
        )}
      </Link>
      {unread > 0 && (
        <span id="inbox-unread-count" hidden>
          {unread === 1 ? "1 unread conversation" : `${unread} unread conversations`}
        </span>
      )}
      <Link
        href={NEW_CONVERSATION_URL}
        className={`${className} -ml-2 inline-flex items-center`}
        aria-label="Start conversation"
        title="Start conversation"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 fill-current">
          <path d="M13.6 2.6a2 2 0 0 1 2.8 2.8l-9 9-3.9 1.1 1.1-3.9 9-9Z" />
        </svg>
      </Link>
    </>
  );
}
