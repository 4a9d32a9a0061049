// Per-forum reading rules in queries (issue 15): the rules themselves are lib/permissions' (which
// view rules a viewer may read); this turns that answer into SQL, and names the columns every thread
// and post target carries so lib/permissions can judge them.
import "server-only";
import { inArray, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { forums, posts, threads } from "@/db/schema";
import {
  visibleViewRules,
  type ForumAccess,
  type ForumViewRule,
  type Viewer,
} from "../permissions";

/** What a query filters on when the reader is not known: forums open to everyone. */
export const EVERYONE_ONLY: readonly ForumViewRule[] = ["everyone"];

/** The view rules whose forums this viewer reads (lib/permissions decides). */
export const readableRules = (viewer: Viewer): ForumViewRule[] => visibleViewRules(viewer);

/** The forum's rules, for a select that joins forums. */
export const forumAccessColumns = {
  viewRule: forums.viewRule,
  startThreadRule: forums.startThreadRule,
  replyRule: forums.replyRule,
};

/** A post as lib/permissions judges an action on it (react, report): its author and state, its
 * thread's, and its forum's rules, for a select from posts joining threads and forums. */
export const postTargetColumns = {
  id: posts.id,
  authorId: posts.authorId,
  deletedAt: posts.deletedAt,
  approvalState: posts.approvalState,
  thread: { isLocked: threads.isLocked, deletedAt: threads.deletedAt },
  forum: forumAccessColumns,
};

/** Rows whose forum (by `forumId`, threads.forum_id by default) the reader may read; undefined (no
 * condition) when they read every forum, so staff queries stay as they were. */
export function inReadableForum(
  rules: readonly ForumViewRule[],
  forumId: AnyColumn = threads.forumId,
): SQL | undefined {
  if (rules.includes("staff") && rules.includes("members") && rules.includes("everyone"))
    return undefined;
  return sql`${forumId} in (select ${forums.id} from ${forums} where ${inArray(forums.viewRule, [...rules])})`;
}

/** A post row selected with its thread and, beside them, `forum: forumAccessColumns`, as the post
 * target lib/permissions judges (drizzle selects one level of nesting, so the forum rides beside). */
export function withForum<R extends { thread: object; forum: ForumAccess }>(
  row: R,
): Omit<R, "thread"> & { thread: R["thread"] & { forum: ForumAccess } } {
  return { ...row, thread: { ...row.thread, forum: row.forum } };
}
