// /threads/12-title/unread: a redirect to the first post the member has not read (the last post when
// they read everything, the first when they never opened the thread). A route handler, linked with a
// plain <a>, so the browser follows the redirect to the "#post-id" anchor itself.
import { getViewer } from "@/lib/auth/viewer";
import { can } from "@/lib/permissions";
import { firstUnreadLocation } from "@/lib/reading/reads";
import { idFromSlug } from "@/lib/urls";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  // A thread address is an id and a title slug; anything longer is not one (and is not echoed back).
  const id = slug.length <= 300 ? idFromSlug(slug) : null;
  const viewer = await getViewer();
  const location =
    id === null
      ? null
      : await firstUnreadLocation(id, {
          viewerId: can(viewer, "keepReadingState") ? viewer.id : null,
          seesDeleted: can(viewer, "viewDeleted"),
        });
  // A thread that does not exist (or that the viewer may not read): its own address answers with
  // the site's usual "not found" page. Relative Location: right behind any proxy.
  const target = location ?? (id === null ? "/threads/0" : `/threads/${encodeURIComponent(slug)}`);
  // 303: always a GET of the page; no-store: the target moves as the member reads.
  return new Response(null, {
    status: 303,
    headers: { location: target, "cache-control": "private, no-store" },
  });
}
