import { notFound, redirect } from "next/navigation";
import { getViewer } from "@/lib/auth/viewer";
import { findPostLocation } from "@/lib/forum/thread-page";
import { can, ownerOf } from "@/lib/permissions";
import { readableRules } from "@/lib/forum/forum-access";

export const dynamic = "force-dynamic";

/** Post permalinks: /posts/123 → the thread page holding it, scrolled to the post. */
export default async function PostPermalink({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getViewer();
  const location = /^\d{1,9}$/.test(id)
    ? await findPostLocation(Number(id), {
        viewerId: ownerOf(viewer).id,
        seesDeleted: can(viewer, "viewDeleted"),
        viewRules: readableRules(viewer),
      })
    : null;
  if (!location) notFound();
  redirect(location);
}
