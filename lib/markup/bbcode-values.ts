// The arguments BBCode tags carry ([color=…], [size=…], [quote="…"], [media=…]), read into values the
// renderer can write without further checks. Anything not recognised gives null: the tag's formatting
// is left out and its content kept.

/** `="a b"`, `='a b'` or `=a b` without the quotes, trimmed. */
export function unquote(arg: string): string {
  const trimmed = arg.trim();
  const quoted = /^(["'])([\s\S]*)\1$/u.exec(trimmed);
  return (quoted ? (quoted[2] ?? "") : trimmed).trim();
}

// CSS named colours members actually use; a longer list would only add ways to hide text.
const NAMED_COLOURS = new Set([
  "black",
  "white",
  "gray",
  "grey",
  "silver",
  "red",
  "maroon",
  "orange",
  "yellow",
  "olive",
  "lime",
  "green",
  "teal",
  "aqua",
  "cyan",
  "blue",
  "navy",
  "purple",
  "fuchsia",
  "magenta",
  "pink",
  "brown",
  "gold",
  "indigo",
  "violet",
  "crimson",
  "darkred",
  "darkgreen",
  "darkblue",
  "darkorange",
  "royalblue",
  "skyblue",
  "tomato",
]);

/** A colour safe to put in a style attribute: a named colour from the list, or #rgb / #rrggbb. */
export function safeColour(arg: string): string | null {
  const value = unquote(arg).toLowerCase();
  if (/^#[0-9a-f]{3}(?:[0-9a-f]{3})?$/.test(value)) return value;
  return NAMED_COLOURS.has(value) ? value : null;
}

// XenForo's [size=1]…[size=7] scale, in pixels; [size=15px] is accepted within the same range.
const SIZE_SCALE = [10, 12, 15, 18, 22, 26, 32] as const;

export function safeFontSize(arg: string): string | null {
  const value = unquote(arg).toLowerCase();
  const step = /^([1-7])$/.exec(value);
  if (step) return `${SIZE_SCALE[Number(step[1]) - 1]}px`;
  const px = /^(\d{1,2})px$/.exec(value);
  if (px && Number(px[1]) >= SIZE_SCALE[0] && Number(px[1]) <= SIZE_SCALE[6]) return `${px[1]}px`;
  return null;
}

export interface BbQuoteSource {
  author: string;
  postId: number | null;
}

/** `[quote]`, `[quote=Razor]`, `[quote="Razor, post: 123, member: 45"]` (XenForo's own form). */
export function parseQuoteArg(arg: string | undefined): BbQuoteSource {
  if (arg === undefined) return { author: "", postId: null };
  const value = unquote(arg);
  const post = /,\s*post:\s*(\d{1,15})\b/iu.exec(value);
  const author = value.replace(/,\s*(?:post|member|attachment):[\s\S]*$/iu, "").trim();
  const postId = post ? Number(post[1]) : null;
  return {
    author,
    postId: postId !== null && Number.isSafeInteger(postId) && postId > 0 ? postId : null,
  };
}

const MEDIA_SITES: Record<string, (id: string) => string> = {
  youtube: (id) => `https://www.youtube.com/watch?v=${id}`,
  vimeo: (id) => `https://vimeo.com/${id}`,
  twitter: (id) => `https://twitter.com/i/web/status/${id}`,
  dailymotion: (id) => `https://www.dailymotion.com/video/${id}`,
};

/** [media=youtube]id[/media] as the page it embeds (shown as a link, never embedded), or a plain
 * http(s) URL given as the content. */
export function mediaUrl(site: string | undefined, content: string): string | null {
  const id = content.trim();
  if (/^https?:\/\/[^\s/\\]/i.test(id)) return id;
  const page = site === undefined ? undefined : MEDIA_SITES[unquote(site).toLowerCase()];
  if (!page || !/^[\w-]{1,64}$/u.test(id)) return null;
  return page(id);
}
