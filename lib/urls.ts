// Every URL the app links to is built here, so routes and links cannot drift apart.

export function slugify(text: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return slug || "item";
}

/** "12-some-title" → 12; anything else → null (the route answers 404). */
export function idFromSlug(param: string): number | null {
  const match = /^(\d{1,9})(?:-|$)/.exec(decodedParam(param));
  return match ? Number(match[1]) : null;
}

/** A malformed escape ("%E0") in a hand-typed address is read as it stands, not thrown (a 500). */
function decodedParam(param: string): string {
  try {
    return decodeURIComponent(param);
  } catch {
    return param;
  }
}

export function pageFromParam(value: string | string[] | undefined): number | null {
  if (value === undefined) return 1;
  if (typeof value !== "string" || !/^\d{1,6}$/.test(value)) return null;
  const page = Number(value);
  return page >= 1 ? page : null;
}

const withPage = (base: string, page: number) => (page > 1 ? `${base}?page=${page}` : base);

export const forumUrl = (forum: { slug: string }, page = 1) =>
  withPage(`/forums/${forum.slug}`, page);
export const threadUrl = (thread: { id: number; slug: string }, page = 1) =>
  withPage(`/threads/${thread.id}-${thread.slug}`, page);
/** The plain reply page, for readers without JavaScript. */
export const threadReplyUrl = (thread: { id: number; slug: string }) =>
  `/threads/${thread.id}-${thread.slug}/reply`;
export const memberUrl = (member: { number: number; name: string }) =>
  `/members/${member.number}-${slugify(member.name)}`;
export const postUrl = (postId: number) => `/posts/${postId}`;
export const SITE_FEED_URL = "/rss";
export const forumFeedUrl = (forum: { slug: string }) => `/forums/${forum.slug}/rss`;
export const flagUrl = (code: string) => `/flags/${code.toUpperCase()}.svg`;

/** Redirects to the first post the member has not read (app/threads/[slug]/unread). */
export const threadUnreadUrl = (thread: { id: number; slug: string }) =>
  `/threads/${thread.id}-${thread.slug}/unread`;
export const whatsNewUrl = (
  tab: "posts" | "threads" | "activity",
  page = 1,
  query: Record<string, string> = {},
) => {
  const params = new URLSearchParams(query);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return `/whats-new/${tab}${search ? `?${search}` : ""}`;
};

export type QueryParams = Record<string, string | string[] | undefined>;

/** A page's search params back as "?a=1&b=2" (repeated ones kept, in order), or "" when there are
 * none; `drop` leaves some out (a merged thread's old page number means nothing in its new one). */
export function queryString(params: QueryParams, drop: readonly string[] = []): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || drop.includes(name)) continue;
    for (const one of Array.isArray(value) ? value : [value]) search.append(name, one);
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/**
 * Where a request should be sent when the slug it was asked with is not the record's own (a renamed
 * thread, a member's old name, an address typed by hand), with its query kept; null when it is.
 * `canonicalPath` is the record's address without a query ("/threads/12-new-title").
 */
export function slugRedirect(
  param: string,
  canonicalPath: string,
  params: QueryParams,
): string | null {
  const canonicalParam = canonicalPath.slice(canonicalPath.lastIndexOf("/") + 1);
  if (decodedParam(param) === decodedParam(canonicalParam)) return null;
  return `${canonicalPath}${queryString(params)}`;
}
