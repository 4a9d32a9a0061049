import "server-only";
import { and, asc, between, eq, getTableColumns, isNull, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "@/db/client";
import { forums, posts, threads, users } from "@/db/schema";
import { attachmentsOfPosts, type PostAttachment } from "../attachments/store";
import { toMemberCard, type MemberCard } from "../members/card";
import { ignoredMemberIds, quotesOfIgnored } from "../members/ignore-list";
import { postShownTo, threadShownTo } from "../moderation/visibility";
import type { ForumAccess, ForumViewRule, ShownPostTarget, ThreadTarget } from "../permissions";
import { rewriteRemoteImages } from "../remote-images/rewrite";
import { EVERYONE_ONLY, forumAccessColumns, inReadableForum } from "./forum-access";
import { forumUrl, postUrl, threadUrl } from "../urls";
import { shownPostHtml, storedHtmlWithinBudget } from "./bounded-html";
import { cardColumns } from "./card-columns";
import { POSTS_PER_PAGE } from "./constants";

// Every column but the stored HTML, which is read only when within budget (./bounded-html.ts).
const { html: _storedHtml, ...postColumns } = getTableColumns(posts);

export interface Removal {
  at: Date;
  byName: string | null;
  reason: string | null;
}

export interface PostView {
  id: number;
  authorId: string | null;
  reactionCount: number;
  position: number;
  permalink: string;
  html: string;
  createdAt: Date;
  isEdited: boolean;
  editedAt: Date | null;
  author: MemberCard;
  /** Files attached to the post (shown to whoever sees the post). */
  attachments: PostAttachment[];
  /** The author's signature, rendered and sanitized when they saved it; null when they have none. */
  signatureHtml: string | null;
  /** Only staff are shown deleted posts, greyed, with who deleted them and why. */
  deleted: Removal | null;
  approvalState: "approved" | "pending" | "rejected";
  /** The viewer ignores the author (a member, not staff): the page collapses the post. */
  isIgnored: boolean;
}

export interface ThreadPage {
  thread: {
    id: number;
    forumId: number;
    slug: string;
    title: string;
    url: string;
    isLocked: boolean;
    isSticky: boolean;
    replyCount: number;
    /** As of the last flush (lib/reading/view-counts.ts): a few seconds behind. */
    viewCount: number;
    deletedAt: Date | null;
    deleted: Removal | null;
    /** Its forum's rules, so lib/permissions can judge replies, quotes and reactions here. */
    forum: ForumAccess;
  };
  forum: { title: string; url: string };
  posts: PostView[];
  /** Quoted posts (data-post-id of quotes on this page) whose author the viewer ignores. */
  ignoredQuotes: number[];
  page: number;
  pageCount: number;
}

export interface ThreadPageViewer {
  /** Sees their own posts that wait for approval. */
  viewerId: string | null;
  /** Staff also see deleted threads and posts, and posts waiting for approval. */
  seesDeleted: boolean;
  /** The forums' view rules the reader may read (readableRules); a guest's by default. */
  viewRules?: readonly ForumViewRule[];
}

const deleters = alias(users, "deleters");
const ANONYMOUS_READER: ThreadPageViewer = { viewerId: null, seesDeleted: false };

/** One page of a thread. Pages are ranges of post positions (deleted posts keep their slot), so any
 * page is an index range scan and permalinks never move when something is deleted. */
export async function getThreadPage(
  threadId: number,
  page: number,
  reader: ThreadPageViewer = ANONYMOUS_READER,
): Promise<ThreadPage | null> {
  const [found] = await db
    .select({
      thread: threads,
      forum: { title: forums.title, slug: forums.slug, ...forumAccessColumns },
      deleterName: deleters.name,
      // Deleted posts keep their position, so the highest position (not the reply count) sets the pages.
      last: sql<
        number | null
      >`(select max(${posts.position}) from ${posts} where ${posts.threadId} = ${threads.id})`,
    })
    .from(threads)
    .innerJoin(forums, eq(forums.id, threads.forumId))
    .leftJoin(deleters, eq(deleters.id, threads.deletedById))
    .where(
      and(
        eq(threads.id, threadId),
        inReadableForum(reader.viewRules ?? EVERYONE_ONLY),
        reader.seesDeleted ? undefined : isNull(threads.deletedAt),
        reader.seesDeleted ? undefined : threadShownTo(reader.viewerId),
      ),
    )
    .limit(1);
  if (!found) return null;
  const { thread, forum } = found;
  const pageCount = Math.max(1, Math.ceil((found.last ?? 0) / POSTS_PER_PAGE));
  if (page > pageCount) return null;

  const first = (page - 1) * POSTS_PER_PAGE + 1;
  const visible = reader.seesDeleted
    ? undefined
    : and(
        isNull(posts.deletedAt),
        or(
          eq(posts.approvalState, "approved"),
          reader.viewerId ? eq(posts.authorId, reader.viewerId) : sql`false`,
        ),
      );
  const rows = await db
    .select({
      post: { ...postColumns, htmlWithinBudget: storedHtmlWithinBudget },
      author: cardColumns,
      signatureHtml: users.signatureHtml,
      deleterName: deleters.name,
    })
    .from(posts)
    .leftJoin(users, eq(users.id, posts.authorId))
    .leftJoin(deleters, eq(deleters.id, posts.deletedById))
    .where(
      and(
        eq(posts.threadId, threadId),
        between(posts.position, first, first + POSTS_PER_PAGE - 1),
        visible,
      ),
    )
    .orderBy(asc(posts.position))
    // Positions are unique per thread, so this changes no result; it tells the planner the range holds
    // one page. Without it, it guesses from the whole table's positions (most threads are short, so
    // "1 to 20" looks like a third of all posts) and hash-joins every member for page 1.
    .limit(POSTS_PER_PAGE);
  const [ignored, attachments] = await Promise.all([
    ignoredMemberIds(reader.viewerId),
    attachmentsOfPosts(rows.map((r) => r.post.id)),
  ]);
  const ignoredQuotes = await quotesOfIgnored(
    ignored,
    rows.map((r) => r.post.id),
  );

  return {
    thread: {
      id: thread.id,
      forumId: thread.forumId,
      slug: thread.slug,
      title: thread.title,
      url: threadUrl(thread),
      isLocked: thread.isLocked,
      isSticky: thread.isSticky,
      replyCount: thread.replyCount,
      viewCount: thread.viewCount,
      deletedAt: thread.deletedAt,
      deleted: thread.deletedAt
        ? { at: thread.deletedAt, byName: found.deleterName, reason: thread.deleteReason }
        : null,
      forum: {
        viewRule: forum.viewRule,
        startThreadRule: forum.startThreadRule,
        replyRule: forum.replyRule,
      },
    },
    forum: { title: forum.title, url: forumUrl(forum) },
    page,
    pageCount,
    ignoredQuotes,
    posts: rows.map(({ post, author, signatureHtml, deleterName }) => ({
      id: post.id,
      authorId: post.authorId,
      reactionCount: post.reactionCount,
      position: post.position,
      permalink: postUrl(post.id),
      html: shownPostHtml(post),
      createdAt: post.createdAt,
      isEdited: post.isEdited,
      editedAt: post.editedAt,
      author: toMemberCard(author?.name ? author : null, post.authorName),
      signatureHtml: signatureHtml && rewriteRemoteImages(signatureHtml),
      attachments: attachments.get(post.id) ?? [],
      deleted: post.deletedAt
        ? { at: post.deletedAt, byName: deleterName, reason: post.deleteReason }
        : null,
      approvalState: post.approvalState,
      isIgnored: post.authorId !== null && ignored.has(post.authorId),
    })),
  };
}

/** A post of the page as lib/permissions judges it (react, quote, report, edit). */
export function postTarget(post: PostView, thread: ThreadTarget): ShownPostTarget {
  return {
    authorId: post.authorId,
    deletedAt: post.deleted?.at ?? null,
    approvalState: post.approvalState,
    thread: { isLocked: thread.isLocked, deletedAt: thread.deletedAt, forum: thread.forum },
  };
}

/** Where a post lives, for the /posts/{id} permalink redirect. */
export async function findPostLocation(
  postId: number,
  reader: ThreadPageViewer = ANONYMOUS_READER,
): Promise<string | null> {
  const [row] = await db
    .select({ position: posts.position, thread: { id: threads.id, slug: threads.slug } })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(
      and(
        eq(posts.id, postId),
        inReadableForum(reader.viewRules ?? EVERYONE_ONLY),
        reader.seesDeleted
          ? undefined
          : and(
              isNull(posts.deletedAt),
              isNull(threads.deletedAt),
              postShownTo(reader.viewerId),
              threadShownTo(reader.viewerId),
            ),
      ),
    )
    .limit(1);
  if (!row) return null;
  const page = Math.ceil(row.position / POSTS_PER_PAGE);
  return `${threadUrl(row.thread, page)}#post-${postId}`;
}
