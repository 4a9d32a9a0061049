import { renderRss, type FeedChannel } from "./rss";

/** Feed readers poll; five minutes of caching keeps them off the database without hiding new
 * threads for long. Only public content is in a feed, so shared caches may keep it too. */
export const FEED_CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=600";

export function rssResponse(channel: FeedChannel): Response {
  return new Response(renderRss(channel), {
    headers: { "content-type": "application/rss+xml; charset=utf-8", "cache-control": FEED_CACHE_CONTROL },
  });
}

/** Where this request was addressed, for the absolute links a feed needs. */
export const requestOrigin = (request: Request) => new URL(request.url).origin;
