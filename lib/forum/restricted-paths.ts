// Which reading URLs a signed-in member must get a render of their own for (issue 15). The page
// cache (server/guest-page-cache.ts) renders reading pages once, without cookies, and shares that
// render with members: right for forums open to everyone, wrong for members-only or staff-only ones,
// whose cookie-less render is a guest's 404. For those URLs the cache lets Next render the request
// with its cookies, uncached. Guests never ask (their view is the cookie-less one).
//
// The non-public forums are read at most every FRESH_MS per instance, so a forum whose rules change
// is treated by its new rules on every instance within seconds; while no forum is restricted (most
// sites), no URL costs a query.
import "server-only";
import { eq, ne } from "drizzle-orm";
import { db } from "@/db/client";
import { forums, posts, threads } from "@/db/schema";
import { idFromSlug } from "../urls";

const FRESH_MS = 2000;

interface Restricted {
  ids: Set<number>;
  slugs: Set<string>;
  /** A members-only forum exists: the home page lists it to members only. */
  membersOnly: boolean;
}

let loaded: { at: number; value: Promise<Restricted> } | null = null;

async function load(): Promise<Restricted> {
  const rows = await db
    .select({ id: forums.id, slug: forums.slug, viewRule: forums.viewRule })
    .from(forums)
    .where(ne(forums.viewRule, "everyone"));
  return {
    ids: new Set(rows.map((r) => r.id)),
    slugs: new Set(rows.map((r) => r.slug)),
    membersOnly: rows.some((r) => r.viewRule === "members"),
  };
}

function restricted(): Promise<Restricted> {
  const now = performance.now();
  if (!loaded || now - loaded.at > FRESH_MS) {
    const value = load();
    loaded = { at: now, value };
    // A failed read is tried again by the next request rather than kept for FRESH_MS.
    value.catch(() => {
      if (loaded?.value === value) loaded = null;
    });
  }
  return loaded.value;
}

async function forumOfThread(threadId: number): Promise<number | null> {
  const [row] = await db
    .select({ forumId: threads.forumId })
    .from(threads)
    .where(eq(threads.id, threadId));
  return row?.forumId ?? null;
}

async function forumOfPost(postId: number): Promise<number | null> {
  const [row] = await db
    .select({ forumId: threads.forumId })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(eq(posts.id, postId));
  return row?.forumId ?? null;
}

/** Whether a signed-in member's request for this path (no query string) must be rendered with
 * their cookies instead of sharing the cookie-less render. */
export async function needsViewerRender(path: string): Promise<boolean> {
  const forbidden = await restricted();
  if (forbidden.ids.size === 0) return false;
  // Lists across forums show a members-only forum's threads to members.
  if (path === "/" || path === "/search" || /^\/whats-new(\/[^/]+)?$/.test(path))
    return forbidden.membersOnly;
  const [, kind, param] = /^\/(forums|threads|posts)\/([^/]+)$/.exec(path) ?? [];
  if (!kind || !param) return false;
  if (kind === "forums") {
    try {
      return forbidden.slugs.has(decodeURIComponent(param));
    } catch {
      return false;
    }
  }
  const id =
    kind === "posts" ? (/^\d{1,9}$/.test(param) ? Number(param) : null) : idFromSlug(param);
  if (id === null) return false;
  const forumId = kind === "posts" ? await forumOfPost(id) : await forumOfThread(id);
  return forumId !== null && forbidden.ids.has(forumId);
}
