// What's new: the newest threads across all forums, by last post ("New posts") or by creation
// ("New threads"). Each page is a bounded OFFSET walk down a partial index (threads_last_post_idx,
// threads_created_idx) picking 20 ids, then one join for just those rows; the page count is a count
// capped at WHATS_NEW_MAX_PAGES pages, so neither query ever reads the whole table.
import { EVERYONE_ONLY, inReadableForum } from "../forum/forum-access";
import type { ForumViewRule } from "../permissions";
import "server-only";
import { and, count, eq, inArray, isNull, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "@/db/client";
import { forums, posts, threads, users } from "@/db/schema";
import { notIgnoredBy } from "../members/ignore-filter";
import { threadShownTo } from "../moderation/visibility";
import { forumUrl, memberUrl, postUrl, threadUnreadUrl, threadUrl } from "../urls";
import { isUnread, isUnreadIndexed } from "./unread";

export const WHATS_NEW_PER_PAGE = 20;
/** Like XenForo's find-new results, What's new is about recent activity: older threads are found
 * through their forum or search. The cap keeps the deepest OFFSET, and the count, bounded. */
export const WHATS_NEW_MAX_PAGES = 25;

export interface WhatsNewThread {
  id: number;
  title: string;
  url: string;
  unreadUrl: string;
  forum: { title: string; url: string };
  /** `id` lets a page rendered for everyone hide an ignored member's thread in the browser. */
  starter: { id: string | null; name: string; url: string | null };
  createdAt: Date;
  replyCount: number;
  lastPost: { url: string; at: Date; authorName: string; authorUrl: string | null } | null;
  unread: boolean;
}

export interface WhatsNewPage<T> {
  items: T[];
  page: number;
  /** At least 1, at most WHATS_NEW_MAX_PAGES. */
  pageCount: number;
}

export interface ThreadListOptions {
  page: number;
  /** Members only: threads with posts they have not read. */
  unreadOnly?: boolean;
  /** For tests; the pages use WHATS_NEW_PER_PAGE. */
  perPage?: number;
  /** The forums' view rules the reader may read (readableRules); a guest's by default. */
  viewRules?: readonly ForumViewRule[];
}

/** The What's new indexes are DESC NULLS LAST (Drizzle's .desc()); a plain DESC means NULLS FIRST,
 * which Postgres cannot read from them even on NOT NULL columns: it would sort the whole table. */
const newestFirst = (column: AnyColumn) => sql`${column} desc nulls last`;

const starters = alias(users, "starters");
const lastPosts = alias(posts, "last_posts");
const lastPosters = alias(users, "last_posters");

/** Threads anyone may list: not deleted, opening post approved (or the viewer's own), not started by
 * a member the viewer ignores. */
function listable(
  viewerId: string | null,
  unreadOnly: boolean,
  rules: readonly ForumViewRule[],
): SQL {
  return and(
    isNull(threads.deletedAt),
    inReadableForum(rules),
    threadShownTo(viewerId),
    notIgnoredBy(viewerId, threads.authorId),
    unreadOnly && viewerId ? isUnreadIndexed(viewerId) : undefined,
  )!;
}

async function threadList(
  order: "lastPost" | "created",
  viewerId: string | null,
  options: ThreadListOptions,
): Promise<WhatsNewPage<WhatsNewThread>> {
  const perPage = options.perPage ?? WHATS_NEW_PER_PAGE;
  const page = options.page;
  const where = listable(viewerId, options.unreadOnly ?? false, options.viewRules ?? EVERYONE_ONLY);
  // Both orders end in id so equal times never shuffle rows between pages; both match an index.
  const orderBy =
    order === "lastPost"
      ? [newestFirst(threads.lastPostAt), newestFirst(threads.id)]
      : [newestFirst(threads.createdAt), newestFirst(threads.id)];
  const cap = WHATS_NEW_MAX_PAGES * perPage;

  const counted = db.select({ n: count() }).from(
    db
      .select({ id: threads.id })
      .from(threads)
      .where(where)
      .orderBy(...orderBy)
      .limit(cap)
      .as("capped"),
  );
  const pageIds = db
    .select({ id: threads.id })
    .from(threads)
    .where(where)
    .orderBy(...orderBy)
    .limit(perPage)
    .offset((page - 1) * perPage);
  const listed = async () => {
    if (page > WHATS_NEW_MAX_PAGES) return [];
    return db
      .select({
        thread: {
          id: threads.id,
          title: threads.title,
          slug: threads.slug,
          authorName: threads.authorName,
          createdAt: threads.createdAt,
          replyCount: threads.replyCount,
        },
        forum: { title: forums.title, slug: forums.slug },
        starter: { id: starters.id, number: starters.number, name: starters.name },
        lastPost: {
          id: lastPosts.id,
          authorName: lastPosts.authorName,
          createdAt: lastPosts.createdAt,
        },
        lastPoster: { number: lastPosters.number, name: lastPosters.name },
        unread: isUnread(viewerId),
      })
      .from(threads)
      .innerJoin(forums, eq(forums.id, threads.forumId))
      .leftJoin(starters, eq(starters.id, threads.authorId))
      .leftJoin(lastPosts, eq(lastPosts.id, threads.lastPostId))
      .leftJoin(lastPosters, eq(lastPosters.id, lastPosts.authorId))
      .where(inArray(threads.id, pageIds))
      .orderBy(...orderBy);
  };
  const [[total], rows] = await Promise.all([counted, listed()]);
  return {
    page,
    pageCount: Math.max(1, Math.ceil((total?.n ?? 0) / perPage)),
    items: rows.map(({ thread, forum, starter, lastPost, lastPoster, unread }) => ({
      id: thread.id,
      title: thread.title,
      url: threadUrl(thread),
      unreadUrl: threadUnreadUrl(thread),
      forum: { title: forum.title, url: forumUrl(forum) },
      starter: {
        id: starter?.id ?? null,
        name: starter?.name ?? thread.authorName,
        url: starter ? memberUrl(starter) : null,
      },
      createdAt: thread.createdAt,
      replyCount: thread.replyCount,
      lastPost: lastPost
        ? {
            url: postUrl(lastPost.id),
            at: lastPost.createdAt,
            authorName: lastPoster?.name ?? lastPost.authorName,
            authorUrl: lastPoster ? memberUrl(lastPoster) : null,
          }
        : null,
      unread: Boolean(unread),
    })),
  };
}

/** "New posts": threads by their last post, newest first. */
export const newPosts = (viewerId: string | null, options: ThreadListOptions) =>
  threadList("lastPost", viewerId, options);

/** "New threads": threads by when they were started, newest first. */
export const newThreads = (
  viewerId: string | null,
  options: Omit<ThreadListOptions, "unreadOnly">,
) => threadList("created", viewerId, options);
