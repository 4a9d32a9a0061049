// An alert's link: reading it marks it read, then goes where it points. A plain <a> leads here
// (never a prefetching <Link>), so only a click opens an alert. Marking one's own alert read is
// all a GET here can do, and an alert of someone else's changes nothing.
import { NextResponse } from "next/server";
import { openAlert } from "@/lib/alerts/mark-read";
import { getViewer } from "@/lib/auth/viewer";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const [viewer, { id }] = await Promise.all([getViewer(), params]);
  if (!viewer.id)
    return new NextResponse(null, {
      status: 303,
      headers: { Location: "/login?callbackUrl=/alerts" },
    });
  const target = (await openAlert(viewer, id)) ?? "/alerts";
  // Relative, so it stays on the host the member is on (request.url may say localhost behind serve).
  return new NextResponse(null, { status: 303, headers: { Location: target } });
}
