import Link from "next/link";
import { pendingPostCount } from "@/lib/moderation/approval";
import { openReportCount } from "@/lib/moderation/reports";
import { can, type Viewer } from "@/lib/permissions";

/** The header's links to the moderation queues, each with how many items wait, for staff only. */
export async function ModerationLinks({
  viewer,
  className,
}: {
  viewer: Viewer;
  className: string;
}) {
  const seesReports = can(viewer, "handleReports");
  const seesQueue = can(viewer, "approvePosts");
  if (!seesReports && !seesQueue) return null;
  const [reports, pending] = await Promise.all([
    seesReports ? openReportCount() : 0,
    seesQueue ? pendingPostCount() : 0,
  ]);
  return (
    <>
      {seesReports && (
        <Link href="/moderation/reports" className={className}>
          Reports{reports > 0 ? ` (${reports})` : ""}
        </Link>
      )}
      {seesQueue && (
        <Link href="/moderation/approval" className={className}>
          Approval queue{pending > 0 ? ` (${pending})` : ""}
        </Link>
      )}
    </>
  );
}
