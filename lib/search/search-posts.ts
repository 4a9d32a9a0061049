// The full-text search itself: one statement per search, over posts.search and threads.title_search
// (titles alone for "Titles only"), both GIN-indexed tsvectors of English text. The words are always a bound
// parameter, given to websearch_to_tsquery, which accepts anything a visitor types ("quoted phrases",
// or, -exclusions) and never fails on syntax.
//
// Why the results are capped. Ranking means computing ts_rank_cd for every match before the best 20
// are known; for a common word on a forum of a million posts that is a hundred thousand documents
// read and ranked per request (over a second), for pages of results nobody reads. So a search first
// takes the newest MAX_RESULTS + 1 visible matches (the candidates) and ranks only those:
//   - a common word: walk posts_created_idx newest first and stop after MAX_RESULTS + 1 matches,
//     ~10,000 rows for a word in one post of ten, whatever the size of the forum;
//   - a rare word: the GIN index finds its few matches directly, and all of them are ranked.
// The price: for searches with more than MAX_RESULTS matches, "relevance" ranks the newest
// MAX_RESULTS of them, and older matches are reached by narrowing the search (a forum, a member,
// dates). The page says so when it happens, and the count shown is exact only up to the cap.
//
// Which of the two, search-plan.ts decides. A statement that still runs past STATEMENT_TIME_LIMIT
// is cancelled and the visitor asked to narrow the search, rather than holding a connection.
import { EVERYONE_ONLY, inReadableForum } from "../forum/forum-access";
import type { ForumViewRule } from "../permissions";
import "server-only";
import { and, eq, gte, inArray, isNull, lt, sql, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { posts, threads } from "@/db/schema";
import { notIgnoredBy } from "../members/ignore-filter";
import { postShownTo, threadShownTo } from "../moderation/visibility";
import { forumUrl, memberUrl, postUrl, threadUrl } from "../urls";
import { MAX_RESULTS, RESULTS_PER_PAGE, type SearchOrder } from "./query";
import { choosePlan, type SearchPlan } from "./search-plan";
import {
  headlineSource,
  headlineToHtml,
  plainSource,
  SNIPPET_OPTIONS,
  TITLE_OPTIONS,
} from "./snippet";

export interface SearchFilter {
  /** Empty: no words, everything that passes the other filters (a member's content). */
  words: string;
  forumId: number | null;
  authorId: string | null;
  from: Date | null;
  before: Date | null;
  titlesOnly: boolean;
  order: SearchOrder;
  page: number;
  /** The forums' view rules the searcher may read (readableRules); a guest's by default. */
  viewRules?: readonly ForumViewRule[];
}

export interface SearchHit {
  postId: number;
  /** The post's permalink (/posts/<id>), which finds its page in the thread. */
  url: string;
  threadUrl: string;
  /** Escaped HTML: the thread title with matches in <mark> when searching titles. */
  titleHtml: string;
  /** Escaped HTML: the best passages of the post with matches in <mark>. */
  snippetHtml: string;
  /** `id` lets a page rendered for everyone hide an ignored member's post in the browser. */
  author: { id: string | null; name: string; url: string | null };
  createdAt: Date;
  forum: { title: string; url: string };
}

export interface SearchResults {
  /** Matches found, at most MAX_RESULTS. */
  total: number;
  /** More than MAX_RESULTS matched: only the newest MAX_RESULTS are listed. */
  capped: boolean;
  pageCount: number;
  hits: SearchHit[];
}

const english = (words: string) => sql`websearch_to_tsquery('english', ${words})`;

/** A backstop for what the plan did not foresee. */
const STATEMENT_TIME_LIMIT = "3s";

/** The search ran past the time limit: the page asks for a narrower one. */
export class SearchTooBroadError extends Error {
  constructor() {
    super("This search takes too long.");
    this.name = "SearchTooBroadError";
  }
}

/** What websearch_to_tsquery makes of the words: no lexemes at all (only stop words or symbols), or
 * only exclusions ("-word"), which no index can answer and which would match nearly everything. */
export async function inspectWords(
  words: string,
): Promise<"searchable" | "nothing" | "only-exclusions"> {
  const [row] = await db.execute<{ nodes: number; tree: string }>(
    sql`select numnode(q) as nodes, querytree(q) as tree from ${english(words)} as q`,
  );
  if (!row || Number(row.nodes) === 0) return "nothing";
  return row.tree === "T" ? "only-exclusions" : "searchable";
}

/** The newest MAX_RESULTS + 1 visible posts that match, with their search documents for ranking.
 * Only `posts` is in the FROM list (or, for "forum", the forum's threads, one at a time): the plan
 * chosen in search-plan.ts is then the only sensible one left to Postgres, with the settings `run`
 * makes (no sequential scans; for "newest" no bitmap scans either). */
function postCandidates(viewerId: string | null, f: SearchFilter, plan: SearchPlan): SQL {
  // "newest" and "forum" read posts in an order and check the words on each: coalesce() hides the
  // GIN index from the planner (it cannot match the expression to it). "index" uses the GIN index
  // and orders its matches in an order no index offers ("desc" is nulls first; the indexes are
  // "desc nulls last", as the walk spells it so that they can give it).
  const matches = !f.words
    ? undefined
    : plan === "index"
      ? sql`${posts.search} @@ ${english(f.words)}`
      : sql`coalesce(${posts.search}, ''::tsvector) @@ ${english(f.words)}`;
  const newestFirst =
    plan === "index"
      ? sql`created_at desc, id desc`
      : sql`created_at desc nulls last, id desc nulls last`;
  const postConditions = and(
    matches,
    isNull(posts.deletedAt),
    postShownTo(viewerId),
    notIgnoredBy(viewerId, posts.authorId),
    f.authorId === null ? undefined : eq(posts.authorId, f.authorId),
    f.from === null ? undefined : gte(posts.createdAt, f.from),
    f.before === null ? undefined : lt(posts.createdAt, f.before),
  );
  // The thread is asked about per candidate, through a scalar subquery (which Postgres never
  // flattens), so that `threads` stays out of the FROM list and the planner cannot start from the
  // forum's threads when the plan says otherwise (with the GIN index: one bitmap per thread, 23 s).
  const threadConditions = and(
    isNull(threads.deletedAt),
    threadShownTo(viewerId),
    inReadableForum(f.viewRules ?? EVERYONE_ONLY),
    f.forumId === null ? undefined : eq(threads.forumId, f.forumId),
  );
  const threadShown = sql`(select ${threadConditions} from ${threads} where ${threads.id} = ${posts.threadId})`;
  const columns = sql`${posts.id} as id, ${posts.createdAt} as created_at, ${f.words ? posts.search : sql`null::tsvector`} as document`;
  if (plan === "forum" && f.forumId !== null) {
    // Thread by thread through the forum (offset 0 keeps the inner query a loop over one thread).
    return sql`
      select found.* from ${threads}
      cross join lateral (
        select ${columns} from ${posts} where ${posts.threadId} = ${threads.id} and ${postConditions} and ${threadShown} offset 0
      ) found
      where ${threads.forumId} = ${f.forumId} and ${isNull(threads.deletedAt)}
      order by ${newestFirst}
      limit ${MAX_RESULTS + 1}`;
  }
  return sql`
    select ${columns} from ${posts}
    where ${postConditions} and ${threadShown}
    order by ${newestFirst}
    limit ${MAX_RESULTS + 1}`;
}

/** The same for thread titles: the newest MAX_RESULTS + 1 visible threads whose title matches. */
function threadCandidates(viewerId: string | null, f: SearchFilter): SQL {
  const where = and(
    f.words ? sql`${threads.titleSearch} @@ ${english(f.words)}` : undefined,
    isNull(threads.deletedAt),
    threadShownTo(viewerId),
    inReadableForum(f.viewRules ?? EVERYONE_ONLY),
    notIgnoredBy(viewerId, threads.authorId),
    f.forumId === null ? undefined : eq(threads.forumId, f.forumId),
    f.authorId === null ? undefined : eq(threads.authorId, f.authorId),
    f.from === null ? undefined : gte(threads.createdAt, f.from),
    f.before === null ? undefined : lt(threads.createdAt, f.before),
  );
  return sql`
    select ${threads.id} as id, ${threads.createdAt} as created_at, ${f.words ? threads.titleSearch : sql`null::tsvector`} as document
    from ${threads}
    where ${where}
    order by ${threads.createdAt} desc nulls last, ${threads.id} desc nulls last
    limit ${MAX_RESULTS + 1}`;
}

/** The threads whose title matches, as the candidates a word search adds to the posts': each one's
 * opening post, the title weighted above any post's words ('A') so a title match ranks first. A
 * post that matches too is one candidate, with both documents. */
function withTitleMatches(postHits: SQL, titleThreadIds: readonly number[]): SQL {
  if (titleThreadIds.length === 0) return postHits;
  return sql`
    with post_hits as materialized (${postHits}),
    title_hits as (
      select ${threads.firstPostId} as id, ${threads.createdAt} as created_at, setweight(${threads.titleSearch}, 'A') as document
      from ${threads}
      where ${inArray(threads.id, [...titleThreadIds])} and ${threads.firstPostId} is not null
    )
    select coalesce(ph.id, th.id) as id, coalesce(ph.created_at, th.created_at) as created_at,
           coalesce(th.document, ''::tsvector) || coalesce(ph.document, ''::tsvector) as document
    from post_hits ph full join title_hits th on th.id = ph.id
    order by 2 desc nulls last, 1 desc
    limit ${MAX_RESULTS + 1}`;
}

/** One statement: the candidates, their count, and the requested page of them with titles,
 * authors, forums and snippets (ts_headline runs for the 20 rows shown only). A page past the end
 * still returns one row, with the count and no hit. */
function searchStatement(
  viewerId: string | null,
  f: SearchFilter,
  plan: SearchPlan,
  titleThreadIds: readonly number[],
): SQL {
  const byRelevance = f.words !== "" && f.order === "relevance";
  const rank = f.words ? sql`ts_rank_cd(document, ${english(f.words)}, 1)` : sql`0::real`;
  const order = byRelevance
    ? sql`rank desc, created_at desc, id desc`
    : sql`created_at desc, id desc`;
  // Titles only: the hit is the thread's opening post; otherwise the post that matched.
  const hitJoin = f.titlesOnly
    ? sql`join threads t on t.id = page.id join posts p on p.id = t.first_post_id`
    : sql`join posts p on p.id = page.id join threads t on t.id = p.thread_id`;
  // With no words there is nothing to mark: the start of the post serves as its excerpt.
  const query = f.words ? english(f.words) : sql`''::tsquery`;
  return sql`
    with candidates as materialized (${f.titlesOnly ? threadCandidates(viewerId, f) : withTitleMatches(postCandidates(viewerId, f, plan), titleThreadIds)}),
    -- The one candidate past the cap only tells that there are more: it is never listed.
    listed as (select * from candidates order by created_at desc, id desc limit ${MAX_RESULTS}),
    page as (
      select id, created_at, ${rank} as rank from listed
      order by ${order}
      limit ${RESULTS_PER_PAGE} offset ${(f.page - 1) * RESULTS_PER_PAGE}
    )
    select counted.total, hit.*
    from (select count(*)::int as total from candidates) counted
    left join lateral (
      select page.id as hit_id, page.rank, p.id as post_id, extract(epoch from page.created_at) * 1000 as created_ms,
             t.id as thread_id, t.slug as thread_slug,
             ts_headline('english', ${headlineSource(sql`t.title`)}, ${query}, ${TITLE_OPTIONS}) as title_headline,
             ts_headline('english', ${headlineSource(plainSource(sql`p.source`))}, ${query}, ${SNIPPET_OPTIONS}) as snippet_headline,
             coalesce(u.name, ${f.titlesOnly ? sql`t.author_name` : sql`p.author_name`}) as author_name, u.id as author_id, u.number as author_number,
             f.title as forum_title, f.slug as forum_slug
      from page
      ${hitJoin}
      join forums f on f.id = t.forum_id
      left join users u on u.id = ${f.titlesOnly ? sql`t.author_id` : sql`p.author_id`}
    ) hit on true
    order by ${byRelevance ? sql`hit.rank desc,` : sql``} hit.created_ms desc, hit.hit_id desc`;
}

interface Row extends Record<string, unknown> {
  total: number;
  hit_id: number | null;
  post_id: number;
  created_ms: string | number;
  thread_id: number;
  thread_slug: string;
  title_headline: string;
  snippet_headline: string;
  author_name: string;
  author_id: string | null;
  author_number: number | null;
  forum_title: string;
  forum_slug: string;
}

const QUERY_CANCELED = "57014";

function wasCanceled(error: unknown): boolean {
  const codes = [error, (error as { cause?: unknown } | null)?.cause].map(
    (e) => (e as { code?: string } | null)?.code,
  );
  return codes.includes(QUERY_CANCELED);
}

async function run(
  viewerId: string | null,
  filter: SearchFilter,
  plan: SearchPlan,
): Promise<Row[]> {
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('statement_timeout', ${STATEMENT_TIME_LIMIT}, true)`);
      // A word search looks in titles too ("Titles only" narrows it to them). The titles' GIN index
      // is read before the settings below, which are for the posts' plan.
      const titleMatches =
        filter.words && !filter.titlesOnly
          ? await tx.execute<{ id: number }>(
              sql`select id from (${threadCandidates(viewerId, filter)}) found`,
            )
          : [];
      const titleThreadIds = [...titleMatches].map((row) => Number(row.id));
      // Holds the statement to the chosen plan (local: ends with the transaction).
      await tx.execute(
        sql`select set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', ${plan === "newest" ? "off" : "on"}, true)`,
      );
      return [...(await tx.execute<Row>(searchStatement(viewerId, filter, plan, titleThreadIds)))];
    });
  } catch (error) {
    if (wasCanceled(error)) throw new SearchTooBroadError();
    throw error;
  }
}

/** `plan` is for tests, which check that every plan finds the same. */
export async function searchPosts(
  viewerId: string | null,
  filter: SearchFilter,
  plan?: SearchPlan,
): Promise<SearchResults> {
  // Without words, the newest posts (of a member: posts_author_idx) are the candidates as they come.
  plan ??= filter.words && !filter.titlesOnly ? await choosePlan(filter) : "newest";
  const rows = await run(viewerId, filter, plan);
  const found = Number(rows[0]?.total ?? 0);
  const total = Math.min(found, MAX_RESULTS);
  return {
    total,
    capped: found > MAX_RESULTS,
    pageCount: Math.max(1, Math.ceil(total / RESULTS_PER_PAGE)),
    hits: rows
      .filter((row) => row.hit_id !== null)
      .map((row) => ({
        postId: row.post_id,
        url: postUrl(row.post_id),
        threadUrl: threadUrl({ id: row.thread_id, slug: row.thread_slug }),
        titleHtml: headlineToHtml(row.title_headline),
        snippetHtml: headlineToHtml(row.snippet_headline),
        author: {
          id: row.author_id,
          name: row.author_name,
          url:
            row.author_number === null
              ? null
              : memberUrl({ number: row.author_number, name: row.author_name }),
        },
        createdAt: new Date(Number(row.created_ms)),
        forum: { title: row.forum_title, url: forumUrl({ slug: row.forum_slug }) },
      })),
  };
}
