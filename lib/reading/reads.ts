// Reading state: how far a member has read each thread, "Mark forum read", "Mark all read", and
// where their first unread post is. Times are compared inside Postgres: post times carry
// microseconds that a JS Date would round away, which would leave a fully read thread unread.
import "server-only";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { forumReads, forums, posts, threadReads, threads, users } from "@/db/schema";
import { ensure, type Viewer } from "../permissions";
import { postShownTo, threadShownTo } from "../moderation/visibility";
import { POSTS_PER_PAGE } from "../forum/constants";
import { threadUnreadUrl, threadUrl } from "../urls";
import { isUnread, readMark } from "./unread";

/**
 * Records that the member saw these posts of the thread (the ones a page just showed them): one
 * upsert, and it only ever moves the mark forward, so re-reading page 1 of a thread read to the end
 * changes nothing. Posts not in the thread are ignored.
 */
export async function recordThreadRead(
  viewer: Viewer,
  threadId: number,
  shownPostIds: readonly number[],
): Promise<void> {
  ensure(viewer, "keepReadingState");
  if (shownPostIds.length === 0) return;
  await db.execute(sql`
    insert into ${threadReads} (user_id, thread_id, last_read_position, last_read_post_at)
    select ${viewer.id}, ${threadId}, max(${posts.position}), max(${posts.createdAt})
    from ${posts}
    where ${posts.threadId} = ${threadId} and ${inArray(posts.id, [...shownPostIds])}
    having count(*) > 0
    on conflict (user_id, thread_id) do update set
      last_read_position = greatest(${threadReads.lastReadPosition}, excluded.last_read_position),
      last_read_post_at = greatest(${threadReads.lastReadPostAt}, excluded.last_read_post_at)
    where excluded.last_read_post_at > ${threadReads.lastReadPostAt} or excluded.last_read_position > ${threadReads.lastReadPosition}`);
}

/** "Mark forum read": every thread of the forum with no post after now counts as read. False when the
 * forum does not exist. */
export async function markForumRead(viewer: Viewer, forumId: number): Promise<boolean> {
  ensure(viewer, "keepReadingState");
  const [forum] = await db
    .select({ id: forums.id })
    .from(forums)
    .where(eq(forums.id, forumId))
    .limit(1);
  if (!forum) return false;
  await db
    .insert(forumReads)
    .values({ userId: viewer.id!, forumId, readAt: sql`now()` })
    .onConflictDoUpdate({
      target: [forumReads.userId, forumReads.forumId],
      set: { readAt: sql`greatest(${forumReads.readAt}, excluded.read_at)` },
    });
  return true;
}

/** "Mark all read": every thread with no post after now counts as read, in every forum. */
export async function markAllRead(viewer: Viewer): Promise<void> {
  ensure(viewer, "keepReadingState");
  await db
    .update(users)
    .set({ allReadAt: sql`greatest(${users.allReadAt}, now())` })
    .where(eq(users.id, viewer.id!));
}

/** Which of these threads are unread for the viewer (none for guests), each with its "jump to first
 * unread" link: one query for a whole list. */
export async function unreadAmong(
  viewerId: string | null,
  threadIds: readonly number[],
): Promise<Map<number, string>> {
  if (!viewerId || threadIds.length === 0) return new Map();
  const rows = await db
    .select({ id: threads.id, slug: threads.slug })
    .from(threads)
    .where(and(inArray(threads.id, [...threadIds]), isUnread(viewerId)));
  return new Map(rows.map((r) => [r.id, threadUnreadUrl(r)]));
}

export interface FirstUnreadReader {
  viewerId: string | null;
  /** Staff read deleted threads and posts and posts awaiting approval: the jump counts those too. */
  seesDeleted: boolean;
}

/**
 * Where "jump to first unread" leads: the page and anchor of the first post the member can see and
 * has not read; the last post when they have read everything; the first post when they never read
 * the thread (and for guests). Null when the thread does not exist for them.
 *
 * Posts up to the thread's read position were shown to the member, so the scan of the thread's
 * (thread_id, position) index starts there; the time test covers "Mark forum read" / "Mark all read".
 */
export async function firstUnreadLocation(
  threadId: number,
  reader: FirstUnreadReader,
): Promise<string | null> {
  const { viewerId, seesDeleted } = reader;
  const threadVisible = seesDeleted
    ? sql`true`
    : and(isNull(threads.deletedAt), threadShownTo(viewerId))!;
  const postVisible = seesDeleted
    ? sql`true`
    : and(isNull(posts.deletedAt), postShownTo(viewerId))!;
  const mark = viewerId ? readMark(viewerId) : sql`null::timestamptz`;
  const readPosition = viewerId
    ? sql`coalesce((select ${threadReads.lastReadPosition} from ${threadReads} where ${threadReads.userId} = ${viewerId} and ${threadReads.threadId} = ${threads.id}), 0)`
    : sql`0`;
  const rows = await db.execute<{
    id: number;
    slug: string;
    first_unread: number | null;
    first_unread_position: number | null;
    last_id: number | null;
    last_position: number | null;
  }>(sql`
    select ${threads.id} as id, ${threads.slug} as slug, unread.id as first_unread, unread.position as first_unread_position, last.id as last_id, last.position as last_position
    from ${threads}
    cross join lateral (select ${mark} as at, ${readPosition} as position) as read
    left join lateral (
      select ${posts.id} as id, ${posts.position} as position from ${posts}
      where ${posts.threadId} = ${threads.id} and ${posts.position} > read.position and (read.at is null or ${posts.createdAt} > read.at) and ${postVisible}
      order by ${posts.position} limit 1
    ) as unread on true
    left join lateral (
      select ${posts.id} as id, ${posts.position} as position from ${posts}
      where ${posts.threadId} = ${threads.id} and ${postVisible}
      order by ${posts.position} desc limit 1
    ) as last on unread.id is null
    where ${threads.id} = ${threadId} and ${threadVisible}`);
  const row = rows[0];
  if (!row) return null;
  const thread = { id: row.id, slug: row.slug };
  const target =
    row.first_unread !== null
      ? { id: row.first_unread, position: row.first_unread_position! }
      : row.last_id !== null
        ? { id: row.last_id, position: row.last_position! }
        : null;
  if (!target) return threadUrl(thread);
  return `${threadUrl(thread, Math.ceil(target.position / POSTS_PER_PAGE))}#post-${target.id}`;
}
