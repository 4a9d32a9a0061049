import { sql, type AnyColumn, type SQL } from "drizzle-orm";

/** A condition keeping rows whose author the viewer does not ignore (always true for guests). Every
 * list that leaves ignored members out (What's new, search, alerts) uses this one definition.
 *
 * The author's role is read here, at query time, not when they were ignored: a member who has since
 * become a moderator or administrator is shown again (staff cannot be ignored), and shows up hidden
 * once more if they step down. The tables are aliased so an outer query's own `users` (a member list
 * passing `users.id` as the author) is never captured by the subquery. */
export function notIgnoredBy(viewerId: string | null, authorId: AnyColumn | SQL): SQL {
  if (!viewerId) return sql`true`;
  return sql`not exists (select 1 from ignored_members ignore_row join users ignored_author on ignored_author.id = ignore_row.ignored_id where ignore_row.user_id = ${viewerId} and ignore_row.ignored_id = ${authorId} and ignored_author.role = 'member')`;
}
