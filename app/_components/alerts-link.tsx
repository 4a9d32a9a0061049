import { unreadAlertCount } from "@/lib/alerts/list";
import { AlertsBell } from "./alerts-bell";

/** The header's bell, with the count as the server sees it now (alerts-bell.tsx keeps it current). */
export async function AlertsLink({ viewerId, className }: { viewerId: string; className: string }) {
  return <AlertsBell initialUnread={await unreadAlertCount(viewerId)} className={className} />;
}
