// What /admin/forums shows: every category in order (empty ones too, unlike the home page), each
// with its forums, their rules and their thread counts.
import "server-only";
import { asc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { categories, forums, type Forum } from "@/db/schema";
import { forumUrl } from "../urls";

export interface AdminForum {
  id: number;
  title: string;
  description: string | null;
  url: string;
  threadCount: number;
  viewRule: Forum["viewRule"];
  startThreadRule: Forum["startThreadRule"];
  replyRule: Forum["replyRule"];
}

export interface AdminCategory {
  id: number;
  title: string;
  description: string | null;
  forums: AdminForum[];
}

export async function forumStructure(): Promise<AdminCategory[]> {
  const rows = await db
    .select({ category: categories, forum: forums })
    .from(categories)
    .leftJoin(forums, eq(forums.categoryId, categories.id))
    .orderBy(asc(categories.position), asc(categories.id), asc(forums.position), asc(forums.id));
  const byId = new Map<number, AdminCategory>();
  for (const { category, forum } of rows) {
    let entry = byId.get(category.id);
    if (!entry) {
      entry = {
        id: category.id,
        title: category.title,
        description: category.description,
        forums: [],
      };
      byId.set(category.id, entry);
    }
    if (forum)
      entry.forums.push({
        id: forum.id,
        title: forum.title,
        description: forum.description,
        url: forumUrl(forum),
        threadCount: forum.threadCount,
        viewRule: forum.viewRule,
        startThreadRule: forum.startThreadRule,
        replyRule: forum.replyRule,
      });
  }
  return [...byId.values()];
}
