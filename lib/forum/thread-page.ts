import "server-only";
import { and, asc, between, eq, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { forums, posts, threads, users } from "@/db/schema";
import { toMemberCard, type MemberCard } from "../members/card";
import { forumUrl, postUrl, threadUrl } from "../urls";
import { cardColumns } from "./card-columns";
import { POSTS_PER_PAGE } from "./constants";

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
}

export interface ThreadPage {
  thread: { id: number; slug: string; title: string; url: string; isLocked: boolean; isSticky: boolean; replyCount: number; deletedAt: Date | null };
  forum: { title: string; url: string };
  posts: PostView[];
  page: number;
  pageCount: number;
}

/** One page of a thread. Pages are ranges of post positions, so any page is an index range scan. */
export async function getThreadPage(threadId: number, page: number): Promise<ThreadPage | null> {
  const [found] = await db
    .select({ thread: threads, forum: { title: forums.title, slug: forums.slug } })
    .from(threads)
    .innerJoin(forums, eq(forums.id, threads.forumId))
    .where(and(eq(threads.id, threadId), isNull(threads.deletedAt)))
    .limit(1);
  if (!found) return null;
  const { thread, forum } = found;
  const totalPositions = thread.replyCount + 1;
  const pageCount = Math.max(1, Math.ceil(totalPositions / POSTS_PER_PAGE));
  if (page > pageCount) return null;

  const first = (page - 1) * POSTS_PER_PAGE + 1;
  const rows = await db
    .select({ post: posts, author: cardColumns })
    .from(posts)
    .leftJoin(users, eq(users.id, posts.authorId))
    .where(and(eq(posts.threadId, threadId), between(posts.position, first, first + POSTS_PER_PAGE - 1), isNull(posts.deletedAt)))
    .orderBy(asc(posts.position));

  return {
    thread: {
      id: thread.id,
      slug: thread.slug,
      title: thread.title,
      url: threadUrl(thread),
      isLocked: thread.isLocked,
      isSticky: thread.isSticky,
      replyCount: thread.replyCount,
      deletedAt: thread.deletedAt,
    },
    forum: { title: forum.title, url: forumUrl(forum) },
    page,
    pageCount,
    posts: rows.map(({ post, author }) => ({
      id: post.id,
      authorId: post.authorId,
      reactionCount: post.reactionCount,
      position: post.position,
      permalink: postUrl(post.id),
      html: post.html,
      createdAt: post.createdAt,
      isEdited: post.isEdited,
      editedAt: post.editedAt,
      author: toMemberCard(author?.name ? author : null, post.authorName),
    })),
  };
}

/** Where a post lives, for the /posts/{id} permalink redirect. */
export async function findPostLocation(postId: number): Promise<string | null> {
  const [row] = await db
    .select({ position: posts.position, thread: { id: threads.id, slug: threads.slug } })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(and(eq(posts.id, postId), isNull(posts.deletedAt), isNull(threads.deletedAt)))
    .limit(1);
  if (!row) return null;
  const page = Math.ceil(row.position / POSTS_PER_PAGE);
  return `${threadUrl(row.thread, page)}#post-${postId}`;
}
