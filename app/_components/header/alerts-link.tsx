import { randomUUID } from "node:crypto";
import { unreadAlertCount } from "@/lib/alerts/list";
import { orNull } from "../fail-soft";
import { AlertsBell } from "./alerts-bell";

/** The header's bell, with the count as the server sees it now (alerts-bell.tsx keeps it current).
 * Keyed per render: a count the bell fetched since must give way to this one even when the server's
 * number is the same as last time. A count the database could not give shows as none: the bell asks
 * again on the next navigation. */
export async function AlertsLink({ viewerId, className }: { viewerId: string; className: string }) {
  return (
    <AlertsBell
      key={randomUUID()}
      initialUnread={(await orNull(unreadAlertCount(viewerId), "the unread alert count")) ?? 0}
      className={className}
    />
  );
}
