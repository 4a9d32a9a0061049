import { sql, type SQL } from "drizzle-orm";
import { forumReads, threadReads, threads, users } from "@/db/schema";

/** Threads whose last post is older than this count as read for everyone, as XenForo's read-marking
 * cutoff does: a member coming back after months is not faced with every thread in bold, and read
 * marks older than this can be pruned. */
export const READ_CUTOFF_DAYS = 30;

/** When the viewer last caught up with a thread: the newest of their read mark for the thread, the
 * forum's "Mark forum read", their "Mark all read" and the cutoff. Three primary-key lookups. */
export function readUpTo(viewerId: string): SQL<Date> {
  return sql<Date>`greatest(
    (select ${threadReads.lastReadPostAt} from ${threadReads} where ${threadReads.userId} = ${viewerId} and ${threadReads.threadId} = ${threads.id}),
    (select ${forumReads.readAt} from ${forumReads} where ${forumReads.userId} = ${viewerId} and ${forumReads.forumId} = ${threads.forumId}),
    (select ${users.allReadAt} from ${users} where ${users.id} = ${viewerId}),
    now() - make_interval(days => ${READ_CUTOFF_DAYS})
  )`;
}

/** The one definition of "unread" for a row of `threads`: every list that marks unread threads
 * (forum pages, What's new, watched threads) uses it. False for guests. */
export function isUnread(viewerId: string | null): SQL<boolean> {
  if (!viewerId) return sql<boolean>`false`;
  return sql<boolean>`(${threads.lastPostAt} > ${readUpTo(viewerId)})`;
}
