import "server-only";
import { asc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { postEdits, posts, users } from "@/db/schema";
import { postUrl } from "../urls";

export interface EditHistory {
  post: { id: number; url: string; authorName: string; source: string };
  versions: { id: number; editorName: string | null; replacedAt: Date; source: string }[];
}

/** Every earlier version of a post, oldest first, with who replaced it and when. */
export async function getEditHistory(postId: number): Promise<EditHistory | null> {
  const [post] = await db
    .select({ id: posts.id, authorName: posts.authorName, source: posts.source })
    .from(posts)
    .where(eq(posts.id, postId));
  if (!post) return null;
  const versions = await db
    .select({
      id: postEdits.id,
      editorName: users.name,
      replacedAt: postEdits.createdAt,
      source: postEdits.previousSource,
    })
    .from(postEdits)
    .leftJoin(users, eq(users.id, postEdits.editorId))
    .where(eq(postEdits.postId, postId))
    .orderBy(asc(postEdits.createdAt), asc(postEdits.id));
  return { post: { ...post, url: postUrl(post.id) }, versions };
}
