import "server-only";
import { and, count, desc, eq, isNull, notInArray, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "@/db/client";
import { forums, posts, threads, users } from "@/db/schema";
import { memberUrl, postUrl, threadUrl } from "../urls";
import { threadListedToGuests } from "../moderation/visibility";
import { ignoredMemberIds } from "../members/ignore-list";
import { THREADS_PER_PAGE } from "./constants";
import { EVERYONE_ONLY } from "./forum-access";
import type { ForumAccess, ForumViewRule } from "../permissions";

export interface ThreadListItem {
  id: number;
  title: string;
  url: string;
  /** Null for an imported author who has no account. */
  authorId: string | null;
  authorName: string;
  authorUrl: string | null;
  createdAt: Date;
  replyCount: number;
  viewCount: number;
  isSticky: boolean;
  isLocked: boolean;
  lastPost: { url: string; authorName: string; authorUrl: string | null; at: Date } | null;
  /** Only staff are shown deleted threads (greyed, with a "Deleted" badge, who and why). */
  deleted: { at: Date; byName: string | null; reason: string | null } | null;
}

/** Staff (`viewDeleted`) also list deleted threads; a member's list leaves out threads started by
 * members they ignore. */
export interface ForumPageOptions {
  seesDeleted?: boolean;
  viewerId?: string | null;
  /** The forums' view rules the reader may read (readableRules); a guest's by default. */
  viewRules?: readonly ForumViewRule[];
}

export interface ForumPage {
  forum: {
    id: number;
    title: string;
    description: string | null;
    slug: string;
    threadCount: number;
    /** Who may read, start threads and reply: lib/permissions judges the forum by these. */
    access: ForumAccess;
  };
  threads: ThreadListItem[];
  page: number;
  pageCount: number;
}

const lastPosts = alias(posts, "last_posts");
const lastPosters = alias(users, "last_posters");
const threadDeleters = alias(users, "thread_deleters");

/** A forum's threads, sticky first then by last activity; null when the forum or page does not exist. */
export async function getForumPage(
  slug: string,
  page: number,
  options: ForumPageOptions = {},
): Promise<ForumPage | null> {
  const [forum] = await db.select().from(forums).where(eq(forums.slug, slug)).limit(1);
  if (!forum || !(options.viewRules ?? EVERYONE_ONLY).includes(forum.viewRule)) return null;
  // threadCount counts visible threads only; staff page through deleted ones too.
  const listed = options.seesDeleted
    ? ((await db.select({ n: count() }).from(threads).where(eq(threads.forumId, forum.id)))[0]?.n ??
      0)
    : forum.threadCount;
  const pageCount = Math.max(1, Math.ceil(listed / THREADS_PER_PAGE));
  if (page > pageCount) return null;

  // The ignore list as ids, not notIgnoredBy's subquery: most members ignore no one, and then the
  // listing stays an index-only scan. Pages keep their count (as XenForo's do): a page may list fewer.
  const ignored = [...(await ignoredMemberIds(options.viewerId ?? null))];
  const listing = and(
    eq(threads.forumId, forum.id),
    options.seesDeleted ? undefined : isNull(threads.deletedAt),
    threadListedToGuests(),
    ignored.length
      ? or(isNull(threads.authorId), notInArray(threads.authorId, ignored))
      : undefined,
  );
  const order = [desc(threads.isSticky), desc(threads.lastPostAt), desc(threads.id)];
  // The page's twenty threads first, from threads_forum_listing_idx alone (an index-only scan: a deep
  // page skips index entries, not rows with their joins), then only those twenty are joined.
  const pageThreads = db
    .select({ id: threads.id })
    .from(threads)
    .where(listing)
    .orderBy(...order)
    .limit(THREADS_PER_PAGE)
    .offset((page - 1) * THREADS_PER_PAGE)
    .as("page_threads");
  const rows = await db
    .select({
      thread: threads,
      author: { number: users.number, name: users.name },
      lastPost: {
        id: lastPosts.id,
        authorName: lastPosts.authorName,
        createdAt: lastPosts.createdAt,
      },
      lastPoster: { number: lastPosters.number, name: lastPosters.name },
      deleterName: threadDeleters.name,
    })
    .from(pageThreads)
    .innerJoin(threads, eq(threads.id, pageThreads.id))
    .leftJoin(users, eq(users.id, threads.authorId))
    .leftJoin(lastPosts, eq(lastPosts.id, threads.lastPostId))
    .leftJoin(lastPosters, eq(lastPosters.id, lastPosts.authorId))
    .leftJoin(threadDeleters, eq(threadDeleters.id, threads.deletedById))
    .orderBy(...order);

  return {
    forum: {
      id: forum.id,
      title: forum.title,
      description: forum.description,
      slug: forum.slug,
      threadCount: forum.threadCount,
      access: {
        viewRule: forum.viewRule,
        startThreadRule: forum.startThreadRule,
        replyRule: forum.replyRule,
      },
    },
    page,
    pageCount,
    threads: rows.map(({ thread, author, lastPost, lastPoster, deleterName }) => ({
      id: thread.id,
      title: thread.title,
      url: threadUrl(thread),
      authorId: thread.authorId,
      authorName: author?.name ?? thread.authorName,
      authorUrl: author ? memberUrl(author) : null,
      createdAt: thread.createdAt,
      replyCount: thread.replyCount,
      viewCount: thread.viewCount,
      isSticky: thread.isSticky,
      isLocked: thread.isLocked,
      deleted: thread.deletedAt
        ? { at: thread.deletedAt, byName: deleterName, reason: thread.deleteReason }
        : null,
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
