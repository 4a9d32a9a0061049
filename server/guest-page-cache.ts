// A one-second micro-cache of the reading pages, in front of Next (server/serve.ts), for guests and
// members alike.
//
// Why it is correct: a reading page is rendered as a guest sees it, whoever asks: the request that
// fills the cache reaches Next without its cookies, so nothing personal can be in a copy. What is
// personal (who is signed in, own reactions, tools, unread marks, the reply box) comes to the
// browser from GET /api/personal, which is never cached. Whoever just made a write (WROTE_COOKIE)
// gets a fresh render, so their own reply or edit is always on the page they land on. Staff (the
// staff hint cookie, then their member row, re-read from Postgres, says they are active staff) get
// their role's copy, kept like the guests' one and rendered without anyone's cookies as the role sees
// it (lib/session/role-render.ts): moderation tools, deleted posts, staff-only forums, and no member's
// own things, which come from their personal answer as for members. Member-only lists (What's new's
// "Unread only") still get a per-request render. Only GETs of the reading routes below are kept,
// only when Next answered 200 (or a redirect, as a post permalink does) without Set-Cookie, never
// server-action requests. A client-side navigation's React Server Component answer is kept like a
// page, one copy per value of the headers it depends on (FLIGHT_HEADERS), so a member clicking from
// page to page gets copies too. A request gets a copy whose render *started* less than TTL_MS
// before the request arrived (a stored copy, or the render it waits for), so a reply, edit, reaction
// or moderator action that commits at time t is in the answer to every request arriving after
// t + 1 s, on every instance (each keeps its own copies; nothing needs to be told about a write,
// which is why there is no invalidation message to lose).
//
// Why it is fast: the compressed bytes are stored (nonce-template.ts), so a hit costs a copy, a fresh
// Content-Security-Policy nonce written over the stored one, and one write: no rendering, no database
// round trip and no gzip. After REFRESH_MS one request re-renders through Next
// while the others keep getting the copy (it is still inside its second), so at most one request per
// URL and second waits for a render; when no copy is fresh, concurrent misses wait for one render
// instead of each starting their own.
//
// Islands (app/_islands): the guests' copy of a reading page (ISLAND_PATHS), which members get too,
// is sent without Next's client runtime; one small bundle hydrates its client components instead
// (server/islands-html.ts makes that version of Next's HTML). Its render is buffered rather than
// passed through (capture-render.ts): Next answers into a response that reaches no one, and the
// request that filled the copy is sent the copy like every request after it, so no one is ever sent
// Next's version of a page that has an islands one. A hit costs what it did (the copy is stored
// ready, compressed and templated like any other); a render costs the transform once, about half a
// millisecond for a 170 KB page, and the request that waits for it gets its first byte when the page
// is whole rather than when the shell is, which for these pages is about the same (they stream no
// Suspense boundary: one would make the transform refuse it). What keeps Next's runtime, exactly as
// before: the staff roles' copies (their tools load through it), renders for one member (after a
// write, member-only lists, forums that are not public), client-side navigations' RSC answers,
// answers other than 200, every other route, a page the transform refuses (one that needs Next's
// inline scripts to be whole; each reason said once in the log), and every page while the islands
// build is missing (`<distDir>/islands-manifest.json`, scripts/build-islands.ts; said once too).
import type { IncomingMessage, ServerResponse, OutgoingHttpHeaders } from "node:http";
import path from "node:path";
import { env } from "../lib/env";
import { STAFF_HINT_COOKIE } from "../lib/personal/types";
import type { StaffRole } from "../lib/permissions/viewer";
import { asRoleRender } from "../lib/session/role-render";
import { cookieValue, WROTE_COOKIE } from "./cookies";
import {
  islandsLinkHeader,
  islandsPageOrWhyNot,
  readIslandsManifest,
  type IslandsManifest,
} from "./islands-html";
import {
  decodedPage,
  pageTemplate,
  plainPageTemplate,
  stamp,
  type PageTemplate,
} from "./nonce-template";
import { renderAndCapture, withoutCookies, type Captured } from "./capture-render";

const TTL_MS = 1000;
// A re-render blocks the event loop for its 40-80 ms (a thread page): every half second made it
// what thread pages' p99 was made of. At three quarters, a render slower than 250 ms (a very busy
// server) has the requests after the second wait for it rather than get an older copy.
const REFRESH_MS = 750;
// Bounds on what a crawler walking many URLs can make it hold (copies expire within a second anyway).
const MAX_TOTAL_BYTES = 32 * 1024 * 1024;

/** A post's permalink: a redirect to its thread page, not a page. */
const POST_PERMALINK = /^\/posts\/\d+$/;
/** Routes whose guest answer is the same for every guest. */
const CACHED_PATHS = [
  /^\/$/,
  /^\/forums\/[^/]+$/,
  /^\/threads\/[^/]+$/,
  /^\/members\/[^/]+$/,
  /^\/whats-new(\/[^/]+)?$/,
  /^\/search$/,
  POST_PERMALINK,
];
/** Of those, the pages whose rendering is the same for members (their personal parts come from
 * GET /api/personal, ignored members' items are hidden in the browser): all of them. Kept apart so
 * that a reading page added later is shared with members only on purpose. */
const SHARED_WITH_MEMBERS = [
  /^\/$/,
  /^\/forums\/[^/]+$/,
  /^\/threads\/[^/]+$/,
  /^\/members\/[^/]+$/,
  /^\/whats-new(\/[^/]+)?$/,
  /^\/search$/,
  POST_PERMALINK,
];
/** Of those, the pages whose guests' copy is sent with the islands runtime instead of Next's: every
 * reading page shared with members but a post permalink (a redirect to its thread page). */
export const ISLAND_PATHS = SHARED_WITH_MEMBERS.filter((route) => route !== POST_PERMALINK);

/** Why pages were served without islands, each said once (a page refused once a second, or a
 * change in Next's output refusing them all, must not flood the log). */
const refusalsSaid = new Set<string>();
function sayRefusal(url: string, reason: string) {
  if (refusalsSaid.has(reason) || refusalsSaid.size >= 50) return;
  refusalsSaid.add(reason);
  console.warn(`guest page cache: ${url} keeps Next's runtime: ${reason}`);
}

interface Entry {
  renderedAt: number;
  status: number;
  headers: OutgoingHttpHeaders;
  page: PageTemplate;
}

interface Render {
  startedAt: number;
  done: Promise<Entry | null>;
}

export interface GuestPageCache {
  /** Serves the request from the cache or through `render`, storing what it may. */
  handle(
    req: IncomingMessage,
    res: ServerResponse,
    render: (req: IncomingMessage, res: ServerResponse) => void,
  ): void;
}

function hasSessionCookie(req: IncomingMessage): boolean {
  const cookie = req.headers.cookie;
  // Auth.js names it authjs.session-token (with a __Secure- prefix over https, and .0, .1… chunks).
  return cookie !== undefined && cookie.includes("session-token");
}

function hasStaffHint(req: IncomingMessage): boolean {
  return cookieValue(req.headers.cookie, STAFF_HINT_COOKIE) === "1";
}

function justWrote(req: IncomingMessage): boolean {
  return cookieValue(req.headers.cookie, WROTE_COOKIE) === "1";
}

/** Pages that differ per member by their very URL: What's new's "Unread only", and a thread page
 * opened with `pending=1` right after posting a reply that awaits approval (only its author and the
 * staff see it). */
const MEMBER_ONLY_QUERY = /[?&](unread|pending)=/;

/** What a React Server Component answer (a client-side navigation or prefetch) depends on besides
 * its URL: the headers Next names in its Vary for them. */
const FLIGHT_HEADERS = [
  "rsc",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-url",
] as const;

/** The cache key, or null when this request must go to Next uncached. */
export function guestCacheKey(req: IncomingMessage): string | null {
  if (req.method !== "GET" || !req.url) return null;
  const h = req.headers;
  if (h["next-action"] || h["next-hmr-refresh"] || h.authorization) return null;
  if (h["if-none-match"] || h["if-modified-since"] || h.range) return null;
  if (hasSessionCookie(req) && MEMBER_ONLY_QUERY.test(req.url)) return null;
  const queryAt = req.url.indexOf("?");
  const path = queryAt === -1 ? req.url : req.url.slice(0, queryAt);
  if (!CACHED_PATHS.some((p) => p.test(path))) return null;
  if (hasSessionCookie(req) && !SHARED_WITH_MEMBERS.some((p) => p.test(path))) return null;
  // Next picks the content encoding from Accept-Encoding, and a client-side navigation's answer
  // from the flight headers: one copy per distinct value of each.
  const flight = h.rsc ? FLIGHT_HEADERS.map((name) => h[name] ?? "").join("\n") : "";
  return `${h["accept-encoding"] ?? ""}\n${flight}\n${req.url}`;
}

/** The copy with this request's nonce, in its headers (the policy) and its body (the scripts). */
function send(res: ServerResponse, entry: Entry, nonce: string | undefined) {
  const stored = entry.page.nonce;
  if (stored === undefined || nonce === undefined) {
    res.writeHead(entry.status, entry.headers);
    return void res.end(entry.page.body);
  }
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(entry.headers))
    headers[name] =
      typeof value === "string" && value.includes(stored) ? value.replaceAll(stored, nonce) : value;
  res.writeHead(entry.status, headers);
  res.end(stamp(entry.page, nonce));
}

/** Next's page made into its islands version (or null: Next's page is kept). The copy is stored
 * gzip-compressed when Next sent gzip, else plain, like any other (nonce-template.ts). */
async function islandsEntryOf(
  captured: Captured,
  encoding: string | undefined,
  nonce: string | undefined,
  manifest: IslandsManifest,
  url: string,
): Promise<Entry | null> {
  const type = captured.headers["content-type"];
  if (captured.status !== 200 || typeof type !== "string" || !type.startsWith("text/html"))
    return null;
  const plain = await decodedPage(captured.body, encoding);
  if (!plain) return null;
  let result: ReturnType<typeof islandsPageOrWhyNot>;
  try {
    result = islandsPageOrWhyNot(plain.toString("utf8"), manifest, nonce);
  } catch (error) {
    result = { refused: `the transform failed: ${(error as Error).message}` };
  }
  if ("refused" in result) {
    sayRefusal(url, result.refused);
    return null;
  }
  const page = await plainPageTemplate(Buffer.from(result.html), encoding === "gzip", nonce);
  const kept: OutgoingHttpHeaders = {
    ...captured.headers,
    "content-length": String(page.body.length),
  };
  delete kept["content-encoding"];
  if (page.encoding) kept["content-encoding"] = page.encoding;
  // Other bytes than the ones Next may have tagged, and none of Next's scripts to preload.
  delete kept.etag;
  const link = captured.headers.link;
  if (typeof link === "string") {
    const islandsLink = islandsLinkHeader(link);
    if (islandsLink === undefined) delete kept.link;
    else kept.link = islandsLink;
  }
  return { renderedAt: 0, status: captured.status, headers: kept, page };
}

/** The captured answer as a copy that can take a fresh nonce per answer (or null: not kept); the
 * islands version of it when `islands` names the bundle. */
async function entryOf(
  captured: Captured,
  nonce: string | undefined,
  islands: { manifest: IslandsManifest; url: string } | null,
): Promise<Entry | null> {
  const { headers } = captured;
  const encoding =
    typeof headers["content-encoding"] === "string" ? headers["content-encoding"] : undefined;
  if (islands) {
    const entry = await islandsEntryOf(captured, encoding, nonce, islands.manifest, islands.url);
    if (entry) return entry;
  }
  const page = nonce
    ? await pageTemplate(captured.body, encoding, nonce)
    : { body: captured.body, encoding: undefined, nonce: undefined, nonceAt: [], crc: null };
  if (!page) return null;
  const kept: OutgoingHttpHeaders = { ...headers, "content-length": String(page.body.length) };
  if (nonce) {
    delete kept["content-encoding"];
    if (page.encoding) kept["content-encoding"] = page.encoding;
  }
  return { renderedAt: 0, status: captured.status, headers: kept, page };
}

export function createGuestPageCache(
  options: {
    ttlMs?: number;
    refreshMs?: number;
    /** The Content-Security-Policy nonce a request's page must carry (security-headers.ts). */
    nonceOf?: (req: IncomingMessage) => string | undefined;
    /** Whether a signed-in member's request for this path (a members-only or staff-only forum's
     * page, lib/forum/restricted-paths.ts) must be rendered with their cookies, uncached. */
    needsViewer?: (path: string) => Promise<boolean>;
    /** The staff role whose copy the member a Cookie header names may be given (re-read from
     * Postgres), or null: asked only of requests with the staff hint cookie. */
    staffRoleOf?: (cookieHeader: string | undefined) => Promise<StaffRole | null>;
    /** The islands build's manifest (scripts/build-islands.ts), read at the first request for an
     * island route; null: no islands. Default: `<NEXT_DIST_DIR>/islands-manifest.json`. */
    islandsManifestFile?: string | null;
  } = {},
): GuestPageCache {
  const nonceOf = options.nonceOf ?? (() => undefined);
  const ttl = options.ttlMs ?? TTL_MS;
  const refreshAfter = options.refreshMs ?? REFRESH_MS;
  const entries = new Map<string, Entry>();
  const renders = new Map<string, Render>();
  let totalBytes = 0;
  const manifestFile =
    options.islandsManifestFile === undefined
      ? path.resolve(env.NEXT_DIST_DIR, "islands-manifest.json")
      : options.islandsManifestFile;
  let manifest: IslandsManifest | null | undefined = manifestFile === null ? null : undefined;

  /** The bundle for the guests' copy of this request's page, or null: Next's runtime. */
  function islandsFor(req: IncomingMessage): IslandsManifest | null {
    if (req.headers.rsc) return null;
    const pathname = req.url!.split("?", 1)[0]!;
    if (!ISLAND_PATHS.some((p) => p.test(pathname))) return null;
    if (manifest === undefined) manifest = readIslandsManifest(manifestFile!);
    return manifest;
  }

  const sweep = setInterval(() => {
    const now = performance.now();
    for (const [key, entry] of entries) {
      if (now - entry.renderedAt < ttl) continue;
      entries.delete(key);
      totalBytes -= entry.page.body.length;
    }
  }, ttl);
  sweep.unref();

  function startRender(
    key: string,
    req: IncomingMessage,
    res: ServerResponse,
    render: (req: IncomingMessage, res: ServerResponse) => void,
    islands: IslandsManifest | null,
  ): Render {
    const startedAt = performance.now();
    const nonce = nonceOf(req);
    const url = req.url!;
    // With islands, Next's answer is buffered and this request is answered below, with the copy.
    const buffer = islands !== null;
    const done = renderAndCapture(req, res, render, { buffer }).then(async (captured) => {
      const entry = captured?.cacheable
        ? await entryOf(captured, nonce, islands && { manifest: islands, url })
        : null;
      if (renders.get(key) === current) renders.delete(key);
      if (buffer) answerBuffered(res, captured, entry, nonce);
      if (!entry) return null;
      entry.renderedAt = startedAt;
      const existing = entries.get(key);
      if (!existing || existing.renderedAt < startedAt) {
        if (existing) {
          entries.delete(key);
          totalBytes -= existing.page.body.length;
        }
        // Oldest copies first (a Map iterates in insertion order).
        for (const [oldKey, old] of entries) {
          if (totalBytes + entry.page.body.length <= MAX_TOTAL_BYTES) break;
          entries.delete(oldKey);
          totalBytes -= old.page.body.length;
        }
        entries.set(key, entry);
        totalBytes += entry.page.body.length;
      }
      return entry;
    });
    const current: Render = { startedAt, done };
    renders.set(key, current);
    return current;
  }

  /** The answer to the request whose render was buffered: the copy, or Next's answer as it came when
   * it is not kept (a 404, a page too big); a render Next did not finish is cut short, as it would
   * have been for the client. */
  function answerBuffered(
    res: ServerResponse,
    captured: Captured | null,
    entry: Entry | null,
    nonce: string | undefined,
  ) {
    if (res.destroyed || res.headersSent) return;
    if (entry) return send(res, entry, nonce);
    if (!captured) return void res.destroy();
    res.writeHead(captured.status, captured.headers);
    res.end(captured.body);
  }

  function serveShared(
    key: string,
    req: IncomingMessage,
    res: ServerResponse,
    render: (req: IncomingMessage, res: ServerResponse) => void,
    islands: IslandsManifest | null,
  ) {
    const now = performance.now();
    const entry = entries.get(key);
    const inFlight = renders.get(key);
    if (entry && now - entry.renderedAt < ttl) {
      if (now - entry.renderedAt >= refreshAfter && !inFlight) {
        // This request renders the next copy; the others keep the current one meanwhile.
        startRender(key, req, res, render, islands);
        return;
      }
      return send(res, entry, nonceOf(req));
    }
    if (inFlight && now - inFlight.startedAt < ttl) {
      void inFlight.done.then((shared) => {
        if (shared && !res.headersSent) send(res, shared, nonceOf(req));
        else render(withoutCookies(req), res);
      });
      return;
    }
    startRender(key, req, res, render, islands);
  }

  const { needsViewer, staffRoleOf } = options;

  /** A member's page: their role's copy, the guests' copy, or (a forum that is not public, or when
   * that cannot be told) a render of their own, never a guest's answer to a member. */
  async function memberCopy(
    req: IncomingMessage,
  ): Promise<{ own: true } | { own: false; role: StaffRole | null }> {
    if (staffRoleOf && hasStaffHint(req)) {
      const role = await staffRoleOf(req.headers.cookie);
      // Staff read every forum: their role's copy holds what a guest's would refuse.
      if (role) return { own: false, role };
    }
    if (!needsViewer) return { own: false, role: null };
    const path = req.url!.split("?", 1)[0]!;
    return (await needsViewer(path)) ? { own: true } : { own: false, role: null };
  }

  return {
    handle(req, res, render) {
      const key = guestCacheKey(req);
      if (key === null) return render(req, res);
      // Their own reply or edit (even one awaiting approval, which only they see) must be on the page
      // they land on: a render of their own, as before this cache, for the two seconds after it.
      if (justWrote(req)) return render(req, res);
      if (!hasSessionCookie(req)) return serveShared(key, req, res, render, islandsFor(req));
      void memberCopy(req)
        .catch(() => ({ own: true }) as const)
        .then((copy) => {
          if (copy.own) return render(req, res);
          const role = copy.role;
          if (!role) return serveShared(key, req, res, render, islandsFor(req));
          // Rendered from the request once its cookies are gone (capture-render.ts), with Next's
          // runtime: staff tools are loaded on demand through it.
          serveShared(
            `${role}\n${key}`,
            req,
            res,
            (bare, out) => render(asRoleRender(bare, role), out),
            null,
          );
        });
    },
  };
}
