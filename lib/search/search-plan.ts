// How to find a search's candidates (the newest MAX_RESULTS + 1 visible matches) without reading
// every match. Three ways, each fast where the others are slow:
//   - "newest": read posts newest first (posts_created_idx, or posts_author_idx for a member)
//     checking each against the words, and stop at MAX_RESULTS + 1 matches. For a word in one post
//     of ten that is ~10,000 rows, whatever the size of the forum; for a rare word, every post.
//   - "forum": read every post of the forum's threads (posts_thread_position_idx), then keep the
//     newest matches: bounded by the size of the forum.
//   - "index": fetch every match through the GIN index on posts.search, then keep the newest. Cheap
//     for a rare word; for a common one it reads a hundred thousand scattered rows (over a second).
//
// Postgres would choose from its statistics, and for one word it estimates well; but for several it
// assumes the words are independent, which the words of a phrase are not ("delivery schedule"): it
// expects few matches and takes the GIN index. With a forum filter it went further, rebuilding the
// GIN bitmap once per thread of the forum (23 s at a million posts). So the search sizes itself
// first, in one small statement: how many of the newest PROBE_SIZE posts match (the share of
// matches, f), and how many posts the forum (n_forum) and member (n_member) filters leave, of N.
// Then, in rows read, with n the smaller of the two:
//   newest ≈ MAX_RESULTS / (f × n / N)   (with a member: min(n_member, that) × FETCH_COST)
//   forum ≈ n_forum × FETCH_COST         index ≈ f × N × FETCH_COST
// where FETCH_COST weighs a scattered fetch against a row read in the order rows are stored. The
// sample assumes older posts use the words about as often as the newest do, which a burst of posts
// breaks (the bench's thousand identical replies hid a word in 2.7% of posts, and the index plan read
// all 27,000 of them). So the share is also taken from Postgres's own estimate (the statistics ANALYZE
// keeps on posts.search), and the larger is believed: each errs low, the sample after a burst, the
// planner on several correlated words. search-posts.ts's time limit is the backstop.
import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { forums, posts, users } from "@/db/schema";
import { MAX_RESULTS } from "./query";

export type SearchPlan = "newest" | "forum" | "index";

const PROBE_SIZE = 2000;
/** A row fetched through the GIN bitmap (random heap access, recheck) against one read in order. */
const FETCH_COST = 10;

export interface PlanInput {
  words: string;
  forumId: number | null;
  authorId: string | null;
}

/** Postgres's estimate of how many posts match, from its statistics (EXPLAIN plans, runs nothing). */
async function plannerEstimate(words: string): Promise<number> {
  const [row] = await db.execute<{ "QUERY PLAN": unknown }>(
    sql`explain (format json) select 1 from ${posts} where ${posts.search} @@ websearch_to_tsquery('english', ${words})`,
  );
  const raw = row?.["QUERY PLAN"];
  const plan = (typeof raw === "string" ? JSON.parse(raw) : raw) as
    [{ Plan?: { "Plan Rows"?: number } }] | undefined;
  return Number(plan?.[0]?.Plan?.["Plan Rows"] ?? 0);
}

/** How many of the newest PROBE_SIZE posts match, the posts in all, in the forum and by the member. */
function sampleStatement(words: string, forumId: number | null, authorId: string | null) {
  return db.execute<{
    hits: number;
    sampled: number;
    total: number;
    in_forum: number | null;
    by_member: number | null;
  }>(sql`
    select recent.hits, recent.sampled,
      (select coalesce(sum(${forums.messageCount}), 0) from ${forums})::int as total,
      (select ${forums.messageCount} from ${forums} where ${forums.id} = ${forumId ?? -1}) as in_forum,
      (select ${users.messageCount} from ${users} where ${users.id} = ${authorId ?? ""}) as by_member
    from (
      select count(*) filter (where document @@ websearch_to_tsquery('english', ${words}))::int as hits, count(*)::int as sampled
      from (select ${posts.search} as document from ${posts}
            order by ${posts.createdAt} desc nulls last, ${posts.id} desc nulls last limit ${PROBE_SIZE}) newest
    ) recent`);
}

export async function choosePlan({ words, forumId, authorId }: PlanInput): Promise<SearchPlan> {
  const [[row], estimated] = await Promise.all([
    sampleStatement(words, forumId, authorId),
    plannerEstimate(words),
  ]);
  // The forums' counters leave out posts awaiting approval; the sample counts every post it read.
  const total = Math.max(1, Number(row?.total ?? 0), Number(row?.sampled ?? 0));
  const inForum = forumId === null ? total : Math.min(total, Number(row?.in_forum ?? 0));
  const byMember = authorId === null ? total : Math.min(total, Number(row?.by_member ?? 0));
  const inScope = Math.max(1, Math.min(inForum, byMember));
  // No match in the sample still means some share: half a post in PROBE_SIZE.
  const sampledShare =
    Math.max(Number(row?.hits ?? 0), 0.5) / Math.max(1, Number(row?.sampled ?? 0));
  const share = Math.min(1, Math.max(sampledShare, estimated / total));
  // Posts are stored in the order they were written: newest first over all posts reads them in
  // order, but a member's posts, a thread's posts and the GIN index's matches are scattered.
  const walked = MAX_RESULTS / ((share * inScope) / total);
  const costs: [SearchPlan, number][] = [
    ["newest", authorId === null ? walked : Math.min(byMember, walked) * FETCH_COST],
    ["index", share * total * FETCH_COST],
  ];
  if (forumId !== null) costs.push(["forum", inForum * FETCH_COST]);
  return costs.reduce((best, next) => (next[1] < best[1] ? next : best))[0];
}
