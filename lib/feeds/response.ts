import { createHash } from "node:crypto";
import { env } from "../env";
import { renderRss, type FeedChannel } from "./rss";

/** Feed readers poll; five minutes of caching keeps them off the database without hiding new
 * threads for long. Only public content is in a feed, so shared caches may keep it too. */
export const FEED_CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=600";

/** The feed, or 304 when the reader already holds these very bytes (If-None-Match): readers poll
 * far more often than threads start, and most polls then cost no transfer. */
export function rssResponse(request: Request, channel: FeedChannel): Response {
  const body = renderRss(channel);
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  const headers = {
    "content-type": "application/rss+xml; charset=utf-8",
    "cache-control": FEED_CACHE_CONTROL,
    etag,
  };
  const held = request.headers
    .get("if-none-match")
    ?.split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""));
  if (held?.includes(etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { headers });
}

const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** Where this request was addressed, for the absolute links a feed needs. SITE_URL, when set, wins:
 * a public, cacheable answer should not take its links from a header any client can write. Behind server/serve.ts,
 * Next's request.url says "localhost" whatever host the reader asked for, so the Host header is used
 * (X-Forwarded-Host behind a trusted proxy) when it is a plain host name; the scheme is Next's. */
export function requestOrigin(request: Request): string {
  if (env.SITE_URL) return new URL(env.SITE_URL).origin;
  const url = new URL(request.url);
  const forwarded = env.TRUST_PROXY
    ? request.headers.get("x-forwarded-host")?.split(",")[0]?.trim()
    : undefined;
  const host = forwarded || request.headers.get("host");
  return host && HOST.test(host) ? `${url.protocol}//${host}` : url.origin;
}
