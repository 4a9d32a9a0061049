// The threads the RSS feeds list: the newest ones a guest can read, site-wide or in one forum.
import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { forums, posts, threads, users } from "@/db/schema";
import { forumFeedUrl, forumUrl, SITE_FEED_URL, threadUrl } from "../urls";
import { plainExcerpt } from "../markup/excerpt";
import type { FeedChannel, FeedItem } from "./rss";

export const FEED_ITEMS = 20;

/** What guests see: no deleted thread, no thread whose opening post (joined below) is deleted or not
 * approved. That join is lib/moderation/visibility's threadShownTo(null) already; adding that
 * not-exists too made Postgres scan every post once per feed. */
const guestVisible = and(
  isNull(threads.deletedAt),
  isNull(posts.deletedAt),
  eq(posts.approvalState, "approved"),
);

async function newestThreads(origin: string, forumId: number | null): Promise<FeedItem[]> {
  const rows = await db
    .select({
      id: threads.id,
      slug: threads.slug,
      title: threads.title,
      createdAt: threads.createdAt,
      authorName: threads.authorName,
      currentName: users.name,
      forumTitle: forums.title,
      source: posts.source,
    })
    .from(threads)
    .innerJoin(forums, eq(forums.id, threads.forumId))
    .innerJoin(posts, eq(posts.id, threads.firstPostId))
    .leftJoin(users, eq(users.id, threads.authorId))
    .where(
      and(
        guestVisible,
        // Feeds are read without signing in: forums open to everyone only (issue 15).
        eq(forums.viewRule, "everyone"),
        forumId === null ? undefined : eq(threads.forumId, forumId),
      ),
    )
    // Spelled as threads_created_idx is built (DESC NULLS LAST): a plain DESC means NULLS FIRST, which
    // that index cannot give, and Postgres would sort every visible thread instead.
    .orderBy(sql`${threads.createdAt} desc nulls last`, sql`${threads.id} desc nulls last`)
    .limit(FEED_ITEMS);
  return rows.map((r) => ({
    title: r.title,
    link: new URL(threadUrl(r), origin).href,
    // A renamed member appears under their name of today, as on the thread page.
    author: r.currentName ?? r.authorName,
    publishedAt: r.createdAt,
    category: r.forumTitle,
    excerpt: plainExcerpt(r.source),
  }));
}

/** The whole forum's feed. `origin` is where the request came to ("https://forum.example"). */
export async function siteFeed(origin: string): Promise<FeedChannel> {
  return {
    title: "Parley",
    link: new URL("/", origin).href,
    self: new URL(SITE_FEED_URL, origin).href,
    description: "The newest threads across every forum on Parley.",
    items: await newestThreads(origin, null),
  };
}

/** One forum's feed; null when there is no such forum. */
export async function forumFeed(origin: string, slug: string): Promise<FeedChannel | null> {
  const [forum] = await db
    .select({
      id: forums.id,
      slug: forums.slug,
      title: forums.title,
      description: forums.description,
    })
    .from(forums)
    .where(and(eq(forums.slug, slug), eq(forums.viewRule, "everyone")))
    .limit(1);
  if (!forum) return null;
  return {
    title: `${forum.title} | Parley`,
    link: new URL(forumUrl(forum), origin).href,
    self: new URL(forumFeedUrl(forum), origin).href,
    description: forum.description ?? `The newest threads in ${forum.title} on Parley.`,
    items: await newestThreads(origin, forum.id),
  };
}
