"use client";

import Link from "next/link";
import { usePersonal } from "../personal/store";

/** Administration and moderation links, each queue with how many items wait: only for the staff the
 * personal answer names (lib/permissions decided each link there). */
export function StaffLinks({ className }: { className: string }) {
  const answer = usePersonal();
  if (!answer?.viewer) return null;
  const { links, queues } = answer;
  const count = (n: number) => (n > 0 ? ` (${n})` : "");
  return (
    <>
      {links.memberAdmin && (
        // Administrators land on the panel (forums, settings); moderators on the member page.
        <Link href={links.forumAdmin ? "/admin" : "/admin/members"} className={className}>
          Admin
        </Link>
      )}
      {queues?.reports != null && (
        <Link href="/moderation/reports" className={className}>
          Reports{count(queues.reports)}
        </Link>
      )}
      {queues?.approvals != null && (
        <Link href="/moderation/approval" className={className}>
          Approval queue{count(queues.approvals)}
        </Link>
      )}
      {links.modLog && (
        <Link href="/moderation/log" className={className}>
          Moderator log
        </Link>
      )}
    </>
  );
}
