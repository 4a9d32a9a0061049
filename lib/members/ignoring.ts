import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import { ignoredMembers } from "@/db/schema";

/** A condition keeping rows whose author the viewer does not ignore (always true for guests). Every
 * list that leaves ignored members out (What's new, search, alerts) uses this one definition. */
export function notIgnoredBy(viewerId: string | null, authorId: AnyColumn | SQL): SQL {
  if (!viewerId) return sql`true`;
  return sql`not exists (select 1 from ${ignoredMembers} where ${ignoredMembers.userId} = ${viewerId} and ${ignoredMembers.ignoredId} = ${authorId})`;
}
