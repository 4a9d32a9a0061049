// Member names for the post editor's @mention completion (GET /api/members/suggest): names starting
// with what was typed, most active members first.
import "server-only";
import { asc, desc, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";

export interface MemberSuggestion {
  name: string;
  avatarUrl: string | null;
}

export const SUGGEST_LIMIT_MAX = 8;

/** `%`, `_` and `\` match literally in a LIKE pattern (Postgres' default escape character is `\`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}

/**
 * Up to `limit` members whose name starts with `prefix`, case-insensitively, by message count then
 * name. Matches `lower(name)`, which the users_name_lower_idx index covers.
 */
export async function suggestMembers(
  prefix: string,
  limit = SUGGEST_LIMIT_MAX,
): Promise<MemberSuggestion[]> {
  const start = prefix.normalize("NFC");
  const count = Math.max(1, Math.min(SUGGEST_LIMIT_MAX, Math.trunc(limit) || SUGGEST_LIMIT_MAX));
  if (!start) return [];
  const rows = await db
    .select({ name: users.name, avatarUrl: users.image })
    .from(users)
    .where(sql`lower(${users.name}) like lower(${escapeLike(start)}) || '%'`)
    .orderBy(desc(users.messageCount), asc(sql`lower(${users.name})`), asc(users.name))
    .limit(count);
  return rows;
}
