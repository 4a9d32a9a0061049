// The pages and actions the bench loads, and where in the synthetic forum they point.
import type { Sql } from "postgres";
import { slugify } from "../../lib/urls";
import { actionHeaders, reactionBody, reactionProblem, replyBody, replyProblem } from "./actions";
import { BROWSER_HEADERS, type LoadRequest } from "./load";
import { SEARCH_WORDS } from "./templates";

const PER_PAGE = 20;
const REACTION_KINDS = ["like", "love", "haha", "wow", "sad", "angry"];

export interface Targets {
  bigThread: { id: number; url: string; posts: number; lastPage: number; midPage: number };
  forum: { url: string; threads: number; pages: number; deepPage: number };
  member: { url: string; name: string; messages: number };
  permalink: { postId: number; position: number };
  replyThreads: { id: number; url: string }[];
  reactionPosts: { id: number; url: string }[];
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
  // Replies go to open threads other than the big one (its page URLs stay put), each posted from the
  // thread's last page as a reader would; reactions to posts anywhere, from the page showing them.
  const replyThreads = await sql<{ id: number; slug: string; reply_count: number }[]>`
    select id, slug, reply_count from threads where id <> ${big.id} and not is_locked and deleted_at is null order by random() limit 2000`;
  const reactionPosts = await sql<
    { id: number; thread_id: number; slug: string; position: number }[]
  >`
    select p.id, p.thread_id, t.slug, p.position
    from (select distinct 1 + floor(random() * (select max(id) from posts))::int as id from generate_series(1, 6000)) r
    join posts p on p.id = r.id join threads t on t.id = p.thread_id
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
    replyThreads: replyThreads.map((t) => ({
      id: t.id,
      url: threadUrl(t.id, t.slug, Math.ceil((t.reply_count + 1) / PER_PAGE)),
    })),
    reactionPosts: reactionPosts.map((p) => ({
      id: p.id,
      url: threadUrl(p.thread_id, p.slug, Math.ceil(p.position / PER_PAGE)),
    })),
  };
}

export interface Scenario {
  key: string;
  label: string;
  who: "anonymous" | "member" | "—";
  /** Statuses that count as success. */
  expect: number[];
  /** Read pages: the path (probed for queries and used for warm-up). */
  path?: string;
  signedIn: boolean;
  target: "app" | "ceiling";
  requestFor: (connection: number) => LoadRequest;
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

export function readScenarios(
  targets: Targets,
  cookies: string[],
  optional: OptionalRoutes,
): Scenario[] {
  const { bigThread, forum, member, permalink } = targets;
  const t = (page: number) => `${bigThread.url}${page > 1 ? `?page=${page}` : ""}`;
  const pages: { key: string; label: string; path: string; expect: number[] }[] = [
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
  const scenarios: Scenario[] = [];
  for (const signedIn of [false, true]) {
    for (const page of pages) {
      scenarios.push({
        key: `${page.key}${signedIn ? "-member" : ""}`,
        label: page.label,
        who: signedIn ? "member" : "anonymous",
        expect: page.expect,
        path: page.path,
        signedIn,
        target: "app",
        requestFor: (connection) => ({
          path: page.path,
          headers: signedIn
            ? { ...BROWSER_HEADERS, cookie: cookies[connection % cookies.length]! }
            : BROWSER_HEADERS,
        }),
      });
    }
  }
  return scenarios;
}

export function ceilingScenario(path: string): Scenario {
  return {
    key: "ceiling",
    label: "Ceiling: plain Node http server, thread page 1 bytes from memory",
    who: "—",
    expect: [200],
    signedIn: false,
    target: "ceiling",
    requestFor: () => ({ path, headers: BROWSER_HEADERS }),
  };
}

export function writeScenarios(
  targets: Targets,
  cookies: string[],
  origin: string,
  ids: { reply: string; reaction: string },
): Scenario[] {
  let replies = 0;
  const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!;
  return [
    {
      key: "reply",
      label: "Posting a reply (server action over HTTP)",
      who: "member",
      expect: [200],
      signedIn: true,
      target: "app",
      requestFor: (connection) => {
        const cookie = cookies[connection % cookies.length]!;
        const build = () => {
          const thread = pick(targets.replyThreads);
          const { body, contentType } = replyBody(
            thread.id,
            `Benchmark reply ${++replies}: the delivery schedule slipped again, see the report on the previous page.`,
          );
          return {
            path: thread.url,
            body,
            headers: actionHeaders(ids.reply, origin, cookie, contentType),
          };
        };
        return { method: "POST", ...build(), build, check: replyProblem };
      },
    },
    {
      key: "reaction",
      label: "Toggling a reaction (server action over HTTP)",
      who: "member",
      expect: [200],
      signedIn: true,
      target: "app",
      requestFor: (connection) => {
        const cookie = cookies[connection % cookies.length]!;
        const build = () => {
          const post = pick(targets.reactionPosts);
          const { body, contentType } = reactionBody(post.id, pick(REACTION_KINDS));
          return {
            path: post.url,
            body,
            headers: actionHeaders(ids.reaction, origin, cookie, contentType),
          };
        };
        return { method: "POST", ...build(), build, check: reactionProblem };
      },
    },
  ];
}

function int(n: number): string {
  return n.toLocaleString("en-US");
}
