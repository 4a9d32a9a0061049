import Link from "next/link";
import { pendingPostCount } from "@/lib/moderation/approval";
import { openReportCount } from "@/lib/moderation/reports";
import { can, type Viewer } from "@/lib/permissions";
import { orNull } from "./fail-soft";

/** The header's links to the moderation queues, each with how many items wait (when the database
 * can say), for staff only. */
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
    seesReports ? orNull(openReportCount(), "the open report count") : 0,
    seesQueue ? orNull(pendingPostCount(), "the approval queue's length") : 0,
  ]);
  return (
    <>
      {seesReports && (
        <Link href="/moderation/reports" className={className}>
          Reports{reports ? ` (${reports})` : ""}
        </Link>
      )}
      {seesQueue && (
        <Link href="/moderation/approval" className={className}>
          Approval queue{pending ? ` (${pending})` : ""}
        </Link>
      )}
    </>
  );
}
