// The viewer's watched threads for /watched: unread ones first (they are why one looks), then by
// last post. Threads the viewer can no longer read (deleted, or hidden awaiting approval) are left
// out; their watch rows stay, harmless, until the member unwatches all or the thread is purged.
import { inReadableForum } from "../forum/forum-access";
import type { ForumViewRule } from "../permissions";
import "server-only";
import { and, count, desc, eq, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "@/db/client";
import { forums, posts, threads, threadWatches, users } from "@/db/schema";
import { THREADS_PER_PAGE } from "../forum/constants";
import { threadShownTo } from "../moderation/visibility";
import { isUnread } from "../reading/unread";
import { forumUrl, memberUrl, postUrl, threadUnreadUrl, threadUrl } from "../urls";

export interface WatchedThread {
  id: number;
  title: string;
  url: string;
  /** Where the first post the viewer has not read is; null when the thread is read. */
  firstUnreadUrl: string | null;
  replyCount: number;
  forum: { title: string; url: string };
  lastPost: { url: string; authorName: string; authorUrl: string | null; at: Date } | null;
}

export interface WatchedThreadsPage {
  threads: WatchedThread[];
  total: number;
  page: number;
  pageCount: number;
}

const lastPosts = alias(posts, "last_posts");
const lastPosters = alias(users, "last_posters");

const watchedBy = (viewerId: string, rules: readonly ForumViewRule[]) =>
  and(
    eq(threadWatches.userId, viewerId),
    isNull(threads.deletedAt),
    threadShownTo(viewerId),
    // A watched thread whose forum the member may no longer read is not listed (issue 15).
    inReadableForum(rules),
  );

/** One page of the viewer's watched threads; null past the last page. */
export async function listWatchedThreads(
  viewerId: string,
  page: number,
  rules: readonly ForumViewRule[],
): Promise<WatchedThreadsPage | null> {
  const [{ total } = { total: 0 }] = await db
    .select({ total: count() })
    .from(threadWatches)
    .innerJoin(threads, eq(threads.id, threadWatches.threadId))
    .where(watchedBy(viewerId, rules));
  const pageCount = Math.max(1, Math.ceil(total / THREADS_PER_PAGE));
  if (page > pageCount) return null;

  const unread = isUnread(viewerId);
  const rows = await db
    .select({
      thread: {
        id: threads.id,
        slug: threads.slug,
        title: threads.title,
        replyCount: threads.replyCount,
      },
      forum: { title: forums.title, slug: forums.slug },
      lastPost: {
        id: lastPosts.id,
        authorName: lastPosts.authorName,
        createdAt: lastPosts.createdAt,
      },
      lastPoster: { number: lastPosters.number, name: lastPosters.name },
      unread,
    })
    .from(threadWatches)
    .innerJoin(threads, eq(threads.id, threadWatches.threadId))
    .innerJoin(forums, eq(forums.id, threads.forumId))
    .leftJoin(lastPosts, eq(lastPosts.id, threads.lastPostId))
    .leftJoin(lastPosters, eq(lastPosters.id, lastPosts.authorId))
    .where(watchedBy(viewerId, rules))
    .orderBy(desc(unread), desc(threads.lastPostAt), desc(threads.id))
    .limit(THREADS_PER_PAGE)
    .offset((page - 1) * THREADS_PER_PAGE);

  return {
    total,
    page,
    pageCount,
    threads: rows.map(({ thread, forum, lastPost, lastPoster, unread: isThreadUnread }) => ({
      id: thread.id,
      title: thread.title,
      url: threadUrl(thread),
      firstUnreadUrl: isThreadUnread ? threadUnreadUrl(thread) : null,
      replyCount: thread.replyCount,
      forum: { title: forum.title, url: forumUrl(forum) },
      lastPost: lastPost
        ? {
            url: postUrl(lastPost.id),
            authorName: lastPoster?.name ?? lastPost.authorName,
            authorUrl: lastPoster ? memberUrl(lastPoster) : null,
            at: lastPost.createdAt,
          }
        : null,
    })),
  };
}
