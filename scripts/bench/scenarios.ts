// The pages and writes the bench loads, and where in the synthetic forum they point.
import type { Sql } from "postgres";
import { slugify } from "../../lib/urls";
import { BROWSER_HEADERS, FETCH_HEADERS, type LoadRequest } from "./load";
import { UsageError } from "./options";
import { personalProblem } from "./personal";
import { SEARCH_WORDS } from "./templates";
import { WROTE_COOKIE } from "../../server/cookies";
import {
  loadWrite,
  REACTION_KINDS,
  reactionProblem,
  reactionRequest,
  replyProblem,
  replyRequest,
} from "./writes";

const PER_PAGE = 20;

export interface Targets {
  bigThread: { id: number; url: string; posts: number; lastPage: number; midPage: number };
  forum: { url: string; threads: number; pages: number; deepPage: number };
  member: { url: string; name: string; messages: number };
  permalink: { postId: number; position: number };
  replyThreads: { id: number }[];
  reactionPosts: { id: number }[];
}

export async function findTargets(
  sql: Sql,
  bigThreadId: number,
  bigForumId: number,
): Promise<Targets> {
  const [big] = await sql<{ id: number; slug: string; posts: number }[]>`
    select t.id, t.slug, (select max(position) from posts p where p.thread_id = t.id) as posts from threads t where t.id = ${bigThreadId}`;
  const [forum] = await sql<
    { slug: string; thread_count: number }[]
  >`select slug, thread_count from forums where id = ${bigForumId}`;
  const [member] = await sql<{ number: number; name: string; message_count: number }[]>`
    select number, name, message_count from users order by message_count desc, number limit 1`;
  if (!big || !forum || !member)
    throw new Error("the synthetic forum is missing its big thread, forum or members");
  const lastPage = Math.ceil(big.posts / PER_PAGE);
  const position = Math.max(1, Math.min(big.posts, Math.round(big.posts / 2)));
  const [permalink] = await sql<
    { id: number }[]
  >`select id from posts where thread_id = ${big.id} and position = ${position}`;
  const threadUrl = (id: number, slug: string, page: number) =>
    `/threads/${id}-${slug}${page > 1 ? `?page=${page}` : ""}`;
  // Replies go to open threads other than the big one (its page URLs stay put); reactions to posts
  // anywhere.
  const replyThreads = await sql<{ id: number }[]>`
    select id from threads where id <> ${big.id} and not is_locked and deleted_at is null order by random() limit 2000`;
  const reactionPosts = await sql<{ id: number }[]>`
    select p.id
    from (select distinct 1 + floor(random() * (select max(id) from posts))::int as id from generate_series(1, 6000)) r
    join posts p on p.id = r.id
    limit 5000`;
  const pages = Math.max(1, Math.ceil(forum.thread_count / PER_PAGE));
  return {
    bigThread: {
      id: big.id,
      url: threadUrl(big.id, big.slug, 1),
      posts: big.posts,
      lastPage,
      midPage: Math.min(250, lastPage),
    },
    forum: {
      url: `/forums/${forum.slug}`,
      threads: forum.thread_count,
      pages,
      deepPage: Math.min(500, pages),
    },
    member: {
      url: `/members/${member.number}-${slugify(member.name)}`,
      name: member.name,
      messages: member.message_count,
    },
    permalink: { postId: permalink!.id, position },
    replyThreads: replyThreads.map((t) => ({ id: t.id })),
    reactionPosts: reactionPosts.map((p) => ({ id: p.id })),
  };
}

export type Who = "anonymous" | "member" | "moderator" | "—";

export interface Scenario {
  key: string;
  label: string;
  who: Who;
  /** Statuses that count as success. */
  expect: number[];
  /** Read pages: the page's path. */
  path?: string;
  target: "app" | "ceiling";
  /** What one connection sends, over and over: one request, or the requests of one page view. */
  requestsFor: (connection: number) => LoadRequest[];
  /** Fewer connections than the run's (--connections), when the scenario is about fewer. */
  connections?: number;
  /** Requests a second, all connections together, sent at that pace (autocannon's overallRate): how
   * long a unit takes while that many arrive, rather than how long a queue of connections sending
   * without a pause keeps (their count over the rate). Unset: as fast as answered. */
  rate?: number;
}

/** The cookies of the signed-in accounts, one of each kind per connection. */
export interface Sessions {
  members: string[];
  moderators: string[];
  /** Who sends the replies and reactions, each in turn (scripts/bench/fill.ts BenchAccounts). */
  writers: string[];
}

/** Routes other branches add; each is loaded only when the app answers it (not 404). */
export interface OptionalRoutes {
  search: boolean;
  whatsNew: boolean;
}

export const SEARCH_PATHS = {
  common: `/search?q=${SEARCH_WORDS.common}`,
  rare: `/search?q=${SEARCH_WORDS.rare}`,
};
export const WHATS_NEW_PATH = "/whats-new/posts";

interface Page {
  key: string;
  label: string;
  path: string;
  expect: number[];
}

export function readPages(targets: Targets, optional: OptionalRoutes): Page[] {
  const { bigThread, forum, member, permalink } = targets;
  const t = (page: number) => `${bigThread.url}${page > 1 ? `?page=${page}` : ""}`;
  const pages: Page[] = [
    { key: "home", label: "Home page", path: "/", expect: [200] },
    {
      key: "forum-1",
      label: `Forum page 1 (${int(forum.threads)} threads)`,
      path: forum.url,
      expect: [200],
    },
    {
      key: "forum-deep",
      label:
        forum.deepPage === 500
          ? "Forum page 500"
          : `Forum page ${forum.deepPage} (deepest; 500 does not exist at this size)`,
      path: `${forum.url}?page=${forum.deepPage}`,
      expect: [200],
    },
    {
      key: "thread-1",
      label: `Thread page 1 (${int(bigThread.posts)}-post thread)`,
      path: t(1),
      expect: [200],
    },
    {
      key: "thread-mid",
      label: `Thread page ${bigThread.midPage}`,
      path: t(bigThread.midPage),
      expect: [200],
    },
    {
      key: "thread-last",
      label: `Thread last page (${bigThread.lastPage})`,
      path: t(bigThread.lastPage),
      expect: [200],
    },
    {
      key: "member",
      label: `Member profile (top poster, ${int(member.messages)} posts)`,
      path: member.url,
      expect: [200],
    },
    {
      key: "permalink",
      label: "Post permalink redirect (not followed)",
      path: `/posts/${permalink.postId}`,
      expect: [303, 307, 308],
    },
  ];
  if (optional.search) {
    pages.push({
      key: "search",
      label: `Search, a common word (“${SEARCH_WORDS.common}”)`,
      path: SEARCH_PATHS.common,
      expect: [200],
    });
    pages.push({
      key: "search-rare",
      label: `Search, a rare word (“${SEARCH_WORDS.rare}”)`,
      path: SEARCH_PATHS.rare,
      expect: [200],
    });
  }
  if (optional.whatsNew)
    pages.push({
      key: "whats-new",
      label: "What's new: posts",
      path: WHATS_NEW_PATH,
      expect: [200],
    });
  return pages;
}

/** A member's page view: the page, then the personal JSON the page asks for (`personal`: its path,
 * from the scope the page embeds), as the browser's <PersonalLoader> fetches it. A page that
 * embeds none (a redirect) is the one request. */
function memberView(
  page: Page,
  cookie: string,
  personal: string | undefined,
  origin: string,
): LoadRequest[] {
  const pageRequest = { path: page.path, headers: { ...BROWSER_HEADERS, cookie } };
  if (!personal) return [pageRequest];
  return [
    pageRequest,
    {
      path: personal,
      headers: { ...FETCH_HEADERS, cookie, referer: origin + page.path },
      check: personalProblem,
    },
  ];
}

/** The headers of Next's router navigating from the home page (its router state: the root layout
 * showing the home page), as app-router-headers.js names them. */
export const NAVIGATION_FROM_HOME: Record<string, string> = {
  rsc: "1",
  "next-router-state-tree": encodeURIComponent(
    JSON.stringify(["", { children: ["__PAGE__", {}] }]),
  ),
};

/** Every reading page for a guest, then for a member (page views), then the thread's first page for
 * a moderator: a page view (their role's shared copy, then the personal JSON), and the page alone as
 * it is rendered for them in the two seconds after one of their writes. */
export function readScenarios(
  pages: Page[],
  sessions: Sessions,
  personal: Map<string, string>,
  origin: string,
  /** Thread page 1's address for a client-side navigation from the home page (its `_rsc` value). */
  threadNavigation?: string,
): Scenario[] {
  const guests = pages.map((page): Scenario => ({
    ...page,
    who: "anonymous",
    target: "app",
    requestsFor: () => [{ path: page.path, headers: BROWSER_HEADERS }],
  }));
  const members = pages.map((page): Scenario => ({
    ...page,
    key: `${page.key}-member`,
    who: "member",
    target: "app",
    requestsFor: (connection) =>
      memberView(
        page,
        sessions.members[connection % sessions.members.length]!,
        personal.get(page.path),
        origin,
      ),
  }));
  const thread = pages.find((p) => p.key === "thread-1")!;
  // The personal JSON of thread page 1 on its own: the route's own rate, without the page's.
  const threadPersonal = personal.get(thread.path);
  const personalAlone: Scenario[] = threadPersonal
    ? [
        {
          key: "personal",
          label: "Personal JSON alone, thread page 1's scope (GET /api/personal)",
          who: "member",
          expect: [200],
          target: "app",
          requestsFor: (connection) => [
            {
              path: threadPersonal,
              headers: {
                ...FETCH_HEADERS,
                cookie: sessions.members[connection % sessions.members.length]!,
                referer: origin + thread.path,
              },
              check: personalProblem,
            },
          ],
        },
      ]
    : [];
  // A member clicking through to the thread from the home page: the React Server Component answer
  // Next's router asks for, then the personal JSON, as PersonalLoader asks on every navigation.
  const navigation: Scenario[] = threadNavigation
    ? [
        {
          ...thread,
          key: "thread-1-member-nav",
          label: `${thread.label}, client-side navigation from the home page`,
          who: "member",
          target: "app",
          requestsFor: (connection) => {
            const cookie = sessions.members[connection % sessions.members.length]!;
            const [, personalJson] = memberView(thread, cookie, threadPersonal, origin);
            const flight = {
              path: threadNavigation,
              headers: { ...FETCH_HEADERS, ...NAVIGATION_FROM_HOME, cookie },
            };
            return personalJson ? [flight, personalJson] : [flight];
          },
        },
      ]
    : [];
  const moderator = (connection: number) =>
    sessions.moderators[connection % sessions.moderators.length]!;
  const staff: Scenario[] = [
    {
      ...thread,
      key: "thread-1-moderator",
      who: "moderator",
      target: "app",
      requestsFor: (connection) =>
        memberView(thread, moderator(connection), threadPersonal, origin),
    },
    {
      ...thread,
      key: "thread-1-moderator-own",
      label: `${thread.label}, rendered for them (after a write: the old staff row)`,
      who: "moderator",
      target: "app",
      requestsFor: (connection) => [
        {
          path: thread.path,
          headers: { ...BROWSER_HEADERS, cookie: `${moderator(connection)}; ${WROTE_COOKIE}=1` },
        },
      ],
    },
  ];
  return [...guests, ...members, ...navigation, ...personalAlone, ...staff];
}

/** The scenarios `--only` names, in their usual order (the ceiling always: rates are read against
 * it); every scenario when it names none. An unknown key is an error that lists the known ones. */
export function selectScenarios(all: Scenario[], only: readonly string[]): Scenario[] {
  if (only.length === 0) return all;
  const known = new Set(all.map((s) => s.key));
  const unknown = only.filter((key) => !known.has(key));
  if (unknown.length > 0)
    throw new UsageError(
      `--only: no scenario ${unknown.join(", ")}. Scenarios: ${[...known].join(", ")}.`,
    );
  return all.filter((s) => s.target === "ceiling" || only.includes(s.key));
}

export function ceilingScenario(path: string): Scenario {
  return {
    key: "ceiling",
    label: "Ceiling: plain Node http server, thread page 1 bytes from memory",
    who: "—",
    expect: [200],
    target: "ceiling",
    requestsFor: () => [{ path, headers: BROWSER_HEADERS }],
  };
}

/** Members replying at once in the reply-few scenario. */
const FEW_WRITERS = 5;
/** The reply target's pace (issue 12: ≥ 300 replies/s with a p50 under 30 ms). */
export const REPLY_TARGET_RATE = 300;

export function writeScenarios(targets: Targets, sessions: Sessions, origin: string): Scenario[] {
  let replies = 0;
  const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;
  // The writers take turns, whichever connection sends: at the bench's pace each stays within the
  // default rate limits, as members posting by hand do, so the limits are left at their defaults.
  // (A member sending 15 replies a second is not a forum's load: with the limit raised to allow it,
  // the posting check read back every post they had, about 2 ms of Postgres a reply by the end.)
  let turn = 0;
  const writer = () => sessions.writers[turn++ % sessions.writers.length]!;
  /** Every connection sending `body()` over and over, each time as the next writer. */
  const memberWrite = (
    key: string,
    label: string,
    body: Parameters<typeof loadWrite>[2],
    problem: Parameters<typeof loadWrite>[3],
  ): Scenario => ({
    key,
    label,
    who: "member",
    expect: [200],
    target: "app",
    requestsFor: () => [loadWrite(origin, writer, body, problem)],
  });
  const reply = memberWrite(
    "reply",
    "Posting a reply (POST /api/threads/:id/replies)",
    () =>
      replyRequest(
        pick(targets.replyThreads).id,
        `Benchmark reply ${++replies}: the delivery schedule slipped again, see the report on the previous page.`,
      ),
    replyProblem,
  );
  return [
    reply,
    {
      // The same replies from fewer members at once: 20 members replying without a pause keep 20
      // replies waiting whatever the server's pace, so a reply's median there says how long the
      // queue is (20 / replies per second) more than how long a reply takes.
      ...reply,
      key: "reply-few",
      label: `Posting a reply, ${FEW_WRITERS} members at once (POST /api/threads/:id/replies)`,
      connections: FEW_WRITERS,
    },
    {
      // The target's pace, whatever the answers: the median here is a reply's time at 300 a second
      // (while the server keeps up; past its capacity the queue grows as in the row above).
      ...reply,
      key: "reply-at-300",
      label: `Posting a reply, ${REPLY_TARGET_RATE} a second (POST /api/threads/:id/replies)`,
      rate: REPLY_TARGET_RATE,
    },
    memberWrite(
      "reaction",
      "Toggling a reaction (POST /api/posts/:id/reaction)",
      () => reactionRequest(pick(targets.reactionPosts).id, pick(REACTION_KINDS)),
      reactionProblem,
    ),
  ];
}

function int(n: number): string {
  return n.toLocaleString("en-US");
}
