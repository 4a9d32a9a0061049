// The query string of GET /api/personal, checked before anything reaches Postgres.
import { z } from "zod";
import { rowId } from "../row-id";
import { PERSONAL_SCOPE_MAX, type PersonalScope } from "./types";

const ids = z.array(rowId()).max(PERSONAL_SCOPE_MAX);

/** "1,2,3": at most PERSONAL_SCOPE_MAX row ids, duplicates dropped. */
const idList = z
  .string()
  .max(PERSONAL_SCOPE_MAX * 11)
  .transform((s, ctx): number[] => {
    const parsed = ids.safeParse(s === "" ? [] : s.split(","));
    if (parsed.success) return [...new Set(parsed.data)];
    ctx.addIssue({ code: "custom", message: "Not a list of row ids." });
    return z.NEVER;
  });

const scopeSchema = z.object({
  thread: rowId().nullable().default(null),
  posts: idList.default([]),
  threads: idList.default([]),
});

/** The scope a query string names, or null when it is malformed (the route answers 400). */
export function parseScope(query: URLSearchParams): PersonalScope | null {
  const parsed = scopeSchema.safeParse({
    thread: query.get("thread") ?? undefined,
    posts: query.get("posts") ?? undefined,
    threads: query.get("threads") ?? undefined,
  });
  return parsed.success ? parsed.data : null;
}
