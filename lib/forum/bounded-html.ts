// Stored post HTML within its budget (lib/limits/sizes.ts, renderedPostBudget), whatever was stored:
// posts rendered before the caps, or written to the database by something other than Parley, could hold
// megabytes of HTML for 50,000 characters of source, and reading them exhausted the server's memory.
import { and, asc, gt, sql } from "drizzle-orm";
import { posts } from "@/db/schema";
import type { DbOrTx } from "@/db/tx";
import { RENDERED_POST } from "../limits/sizes";
import { plainTextHtml } from "../markup/bounds";
import { renderPost } from "../markup/render";
import { rewriteRemoteImages } from "../remote-images/rewrite";
import { renderFacts } from "./render-context";

// Constants, not input: inlined so the predicate is the same text in every query. Postgres's length()
// counts code points, as renderPost's budget check does.
const withinBudget = sql`length(${posts.html}) <= ${sql.raw(String(RENDERED_POST.ratio))} * length(${posts.source}) + ${sql.raw(String(RENDERED_POST.slack))}`;

/** The stored HTML when it is within budget, else null: an oversized copy never leaves Postgres. */
export const storedHtmlWithinBudget = sql<
  string | null
>`case when ${withinBudget} then ${posts.html} end`;

/** What a reading page shows: the stored HTML (remote images through the proxy), or the post as
 * plain text when that was oversized. */
export function shownPostHtml(post: { htmlWithinBudget: string | null; source: string }): string {
  return post.htmlWithinBudget === null
    ? plainTextHtml(post.source)
    : rewriteRemoteImages(post.htmlWithinBudget);
}

const BATCH = 100;

/**
 * Renders again, with today's caps, every post whose stored HTML is over budget; a start does this
 * (db/prepare.ts), so such posts get their formatting back instead of the reading pages' plain-text
 * stand-in. Answers how many it rewrote.
 */
export async function rerenderOversizedPosts(db: DbOrTx): Promise<number> {
  let after = 0;
  let rewritten = 0;
  for (;;) {
    const batch = await db
      .select({ id: posts.id, source: posts.source })
      .from(posts)
      .where(and(gt(posts.id, after), sql`not (${withinBudget})`))
      .orderBy(asc(posts.id))
      .limit(BATCH);
    for (const post of batch) {
      const facts = await renderFacts(db, post.source);
      await db
        .update(posts)
        .set({ html: renderPost(post.source, facts.ctx) })
        .where(sql`${posts.id} = ${post.id} and ${posts.source} = ${post.source}`);
      rewritten++;
    }
    if (batch.length < BATCH) return rewritten;
    after = batch[batch.length - 1]!.id;
  }
}
