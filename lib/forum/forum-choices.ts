// Every forum, grouped by category in the home page's order: the choices of the thread tools' "Move"
// select and of the search page's forum filter.
import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { categories, forums } from "@/db/schema";
import type { ForumViewRule } from "../permissions";

export interface ForumChoice {
  id: number;
  slug: string;
  title: string;
  category: string;
}

/** `rules`: only forums with these view rules (the reader's, readableRules); all when left out. */
export async function forumChoices(rules?: readonly ForumViewRule[]): Promise<ForumChoice[]> {
  return db
    .select({ id: forums.id, slug: forums.slug, title: forums.title, category: categories.title })
    .from(forums)
    .innerJoin(categories, eq(categories.id, forums.categoryId))
    .where(rules ? inArray(forums.viewRule, [...rules]) : undefined)
    .orderBy(asc(categories.position), asc(categories.id), asc(forums.position), asc(forums.id));
}
