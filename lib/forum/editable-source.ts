import "server-only";
import { forumAccessColumns, withForum } from "./forum-access";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { forums, posts, threads } from "@/db/schema";
import { can, type Viewer } from "../permissions";
import { postingRefusal } from "../permissions/posting";
import { ok, refuse, type Result } from "../result";

/** A post's markup source, only for someone who may edit it. */
export async function editableSource(
  viewer: Viewer,
  postId: number,
): Promise<Result<{ source: string }>> {
  const [row] = await db
    .select({
      source: posts.source,
      authorId: posts.authorId,
      deletedAt: posts.deletedAt,
      thread: { isLocked: threads.isLocked, deletedAt: threads.deletedAt },
      forum: forumAccessColumns,
    })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .innerJoin(forums, eq(forums.id, threads.forumId))
    .where(eq(posts.id, postId));
  const post = row && withForum(row);
  if (!post || post.deletedAt || post.thread.deletedAt)
    return refuse("This post does not exist any more.");
  if (!can(viewer, "editPost", post)) return refuse(postingRefusal(viewer, "edit"));
  return ok({ source: post.source });
}
