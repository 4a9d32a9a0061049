import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { categories, forums, posts, threads, users } from "@/db/schema";
import { forumUrl, memberUrl, postUrl } from "../urls";
import type { ForumViewRule } from "../permissions";
import { EVERYONE_ONLY } from "./forum-access";

export interface ForumSummary {
  id: number;
  title: string;
  description: string | null;
  url: string;
  threadCount: number;
  messageCount: number;
  lastPost: {
    url: string;
    threadTitle: string;
    authorName: string;
    authorUrl: string | null;
    at: Date;
  } | null;
}

export interface CategoryWithForums {
  id: number;
  title: string;
  description: string | null;
  forums: ForumSummary[];
}

/** The home page: categories in order, each with its forums and their latest post. One query.
 * `rules`: the forums' view rules the reader may read (readableRules); a guest's by default. */
export async function getForumIndex(
  rules: readonly ForumViewRule[] = EVERYONE_ONLY,
): Promise<CategoryWithForums[]> {
  const rows = await db
    .select({
      category: { id: categories.id, title: categories.title, description: categories.description },
      forum: forums,
      lastPost: { id: posts.id, authorName: posts.authorName, createdAt: posts.createdAt },
      lastThreadTitle: threads.title,
      lastAuthor: { number: users.number, name: users.name },
    })
    .from(categories)
    .innerJoin(forums, eq(forums.categoryId, categories.id))
    .leftJoin(posts, eq(posts.id, forums.lastPostId))
    .leftJoin(threads, eq(threads.id, posts.threadId))
    .leftJoin(users, eq(users.id, posts.authorId))
    .where(inArray(forums.viewRule, [...rules]))
    .orderBy(asc(categories.position), asc(categories.id), asc(forums.position), asc(forums.id));

  const byCategory = new Map<number, CategoryWithForums>();
  for (const row of rows) {
    let category = byCategory.get(row.category.id);
    if (!category) {
      category = { ...row.category, forums: [] };
      byCategory.set(row.category.id, category);
    }
    category.forums.push({
      id: row.forum.id,
      title: row.forum.title,
      description: row.forum.description,
      url: forumUrl(row.forum),
      threadCount: row.forum.threadCount,
      messageCount: row.forum.messageCount,
      lastPost:
        row.lastPost && row.lastThreadTitle
          ? {
              url: postUrl(row.lastPost.id),
              threadTitle: row.lastThreadTitle,
              authorName: row.lastAuthor?.name ?? row.lastPost.authorName,
              authorUrl: row.lastAuthor ? memberUrl(row.lastAuthor) : null,
              at: row.lastPost.createdAt,
            }
          : null,
    });
  }
  return [...byCategory.values()];
}
