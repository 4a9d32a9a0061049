import { notFound, redirect } from "next/navigation";
import { findPostLocation } from "@/lib/forum/thread-page";

export const dynamic = "force-dynamic";

/** Post permalinks: /posts/123 → the thread page holding it, scrolled to the post. */
export default async function PostPermalink({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const location = /^\d{1,9}$/.test(id) ? await findPostLocation(Number(id)) : null;
  if (!location) notFound();
  redirect(location);
}
