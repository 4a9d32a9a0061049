// The forums a thread can be moved to, for the thread tools' "Move" select: every forum, grouped by
// category in the home page's order.
import "server-only";
import { asc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { categories, forums } from "@/db/schema";

export interface ForumChoice {
  id: number;
  title: string;
  category: string;
}

export async function forumChoices(): Promise<ForumChoice[]> {
  return db
    .select({ id: forums.id, title: forums.title, category: categories.title })
    .from(forums)
    .innerJoin(categories, eq(categories.id, forums.categoryId))
    .orderBy(asc(categories.position), asc(categories.id), asc(forums.position), asc(forums.id));
}
