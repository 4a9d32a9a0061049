// GET /api/alerts/count → { unread }: the header's bell asks after each client-side navigation, since
// the root layout that drew it is not rendered again then. Only the member's own alerts are counted.
import { getViewer } from "@/lib/auth/viewer";
import { unreadAlertCount } from "@/lib/alerts/list";
import { can } from "@/lib/permissions";

const NO_STORE = { "Cache-Control": "private, no-store" };

export async function GET(): Promise<Response> {
  const viewer = await getViewer();
  if (!can(viewer, "keepReadingState") || !viewer.id) {
    return Response.json(
      { error: "Sign in to see your alerts." },
      { status: 401, headers: NO_STORE },
    );
  }
  return Response.json({ unread: await unreadAlertCount(viewer.id) }, { headers: NO_STORE });
}
