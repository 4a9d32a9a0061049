// Every forum, grouped by category in the home page's order: the choices of the thread tools' "Move"
// select and of the search page's forum filter.
import "server-only";
import { asc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { categories, forums } from "@/db/schema";

export interface ForumChoice {
  id: number;
  slug: string;
  title: string;
  category: string;
}

export async function forumChoices(): Promise<ForumChoice[]> {
  return db
    .select({ id: forums.id, slug: forums.slug, title: forums.title, category: categories.title })
    .from(forums)
    .innerJoin(categories, eq(categories.id, forums.categoryId))
    .orderBy(asc(categories.position), asc(categories.id), asc(forums.position), asc(forums.id));
}
