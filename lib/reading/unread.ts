import { sql, type SQL } from "drizzle-orm";
import { forumReads, threadReads, threads, users } from "@/db/schema";

/** Threads whose last post is older than this count as read for everyone, as XenForo's read-marking
 * cutoff does: a member coming back after months is not faced with every thread in bold, and read
 * marks older than this can be pruned. */
export const READ_CUTOFF_DAYS = 30;

/** The moment before which everything counts as read by the cutoff alone. */
const readCutoff = (): SQL<Date> => sql<Date>`(now() - make_interval(days => ${READ_CUTOFF_DAYS}))`;

/** The member's own marks on the thread of the query's `threads` row: how far they read it, its
 * forum's "Mark forum read" and their "Mark all read". Each a primary-key lookup; the last one does
 * not depend on the thread, so Postgres evaluates it once per query. */
function marks(viewerId: string): SQL[] {
  return [
    sql`(select ${threadReads.lastReadPostAt} from ${threadReads} where ${threadReads.userId} = ${viewerId} and ${threadReads.threadId} = ${threads.id})`,
    sql`(select ${forumReads.readAt} from ${forumReads} where ${forumReads.userId} = ${viewerId} and ${forumReads.forumId} = ${threads.forumId})`,
    sql`(select ${users.allReadAt} from ${users} where ${users.id} = ${viewerId})`,
  ];
}

/** The newest of the member's marks (null when they have none): posts after it are the ones they
 * have not seen. Unlike readUpTo it ignores the cutoff, so "jump to first unread" in a thread never
 * read leads to its first post rather than to whatever happens to be 30 days old. */
export function readMark(viewerId: string): SQL<Date | null> {
  return sql<Date | null>`greatest(${sql.join(marks(viewerId), sql`, `)})`;
}

/** When the viewer last caught up with a thread: the newest of their read mark for the thread, the
 * forum's "Mark forum read", their "Mark all read" and the cutoff. Three primary-key lookups. */
function readUpTo(viewerId: string): SQL<Date> {
  return sql<Date>`greatest(${sql.join([...marks(viewerId), readCutoff()], sql`, `)})`;
}

/** The one definition of "unread" for a row of `threads`: every list that marks unread threads
 * (forum pages, What's new, watched threads) uses it. False for guests. */
export function isUnread(viewerId: string | null): SQL<boolean> {
  if (!viewerId) return sql<boolean>`false`;
  return sql<boolean>`(${threads.lastPostAt} > ${readUpTo(viewerId)})`;
}

/** isUnread plus a bound the threads_last_post_idx index can use: only threads with a post after the
 * cutoff can be unread, so an "unread only" list scans the recent end of the index, not all of it. */
export function isUnreadIndexed(viewerId: string | null): SQL<boolean> {
  if (!viewerId) return sql<boolean>`false`;
  return sql<boolean>`(${threads.lastPostAt} > ${readCutoff()} and ${isUnread(viewerId)})`;
}
