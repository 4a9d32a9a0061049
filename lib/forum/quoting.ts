import "server-only";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { posts, threads } from "@/db/schema";
import { quoteMarkup, stripQuotes } from "../markup/quote";
import { ok, refuse, type Result } from "../result";
import type { ForumViewRule } from "../permissions";
import { inReadableForum } from "./forum-access";

const MAX_QUOTES = 20;

/** Quote blocks for the given posts, in thread order, attributed to their authors and linked. */
/** `rules`: the forums' view rules the quoter may read (readableRules). */
export async function quotesMarkup(
  postIds: number[],
  rules: readonly ForumViewRule[],
): Promise<Result<{ markup: string }>> {
  const ids = [...new Set(postIds.filter((id) => Number.isSafeInteger(id) && id > 0))].slice(
    0,
    MAX_QUOTES,
  );
  if (ids.length === 0) return refuse("Choose posts to quote first.");
  const rows = await db
    .select({ id: posts.id, authorName: posts.authorName, source: posts.source })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(
      and(
        inArray(posts.id, ids),
        isNull(posts.deletedAt),
        isNull(threads.deletedAt),
        inReadableForum(rules),
        eq(posts.approvalState, "approved"),
      ),
    )
    .orderBy(asc(posts.threadId), asc(posts.position));
  if (rows.length === 0) return refuse("Those posts cannot be quoted any more.");
  return ok({
    markup: rows
      .map((p) => quoteMarkup({ author: p.authorName, postId: p.id }, stripQuotes(p.source)))
      .join("\n"),
  });
}
