// What the approval queue hides from readers, as SQL conditions the reading queries add. A thread
// whose opening post waits for approval (or was rejected) is shown to its author only (staff read
// everything through their own path); a post waiting for approval is shown to its author only.
import { sql, type SQL } from "drizzle-orm";
import { posts, threads } from "@/db/schema";

/** The thread (the `threads` table in the query) has an approved opening post, or is the viewer's.
 * "offset 0" keeps the NOT EXISTS a primary-key lookup per listed thread: pulled up into an
 * anti-join, the planner (expecting almost no unapproved posts) first reads every post to collect
 * them, 0.5 s at a million posts before a list of 20 threads can start. */
export function threadShownTo(viewerId: string | null): SQL {
  const approved = sql`not exists (select 1 from ${posts} opening where opening.id = ${threads.firstPostId} and opening.approval_state <> 'approved' offset 0)`;
  return viewerId ? sql`(${threads.authorId} = ${viewerId} or ${approved})` : sql`(${approved})`;
}

/** The post (the `posts` table in the query) is approved, or is the viewer's. */
export function postShownTo(viewerId: string | null): SQL {
  return viewerId
    ? sql`(${posts.approvalState} = 'approved' or ${posts.authorId} = ${viewerId})`
    : sql`(${posts.approvalState} = 'approved')`;
}

/** threadShownTo(null) for lists of many threads: the same rule, written so Postgres checks each
 * thread against one hashed set of the (few) posts not approved (posts_not_approved_idx) instead of
 * one index lookup per thread, and so the forum listing index answers it without reading threads. */
export function threadListedToGuests(): SQL {
  return sql`(coalesce(${threads.firstPostId}, 0) not in (select hidden.id from ${posts} hidden where hidden.approval_state <> 'approved'))`;
}
