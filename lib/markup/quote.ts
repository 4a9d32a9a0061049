// The quote block's source syntax, written and read in one place so the two cannot drift apart:
//
//   ::: quote 123 Razor          (post id, or "-" when there is none, then the author's name)
//   quoted text
//   :::
//
// The fence is markdown-it-container's: it closes at the first line of at least as many colons, so a
// quote that holds other quotes needs a longer fence than any it contains.

export interface QuoteAttribution {
  author: string;
  postId: number | null;
}

const MIN_FENCE = 3;

// Line breaks would end the fence line early and let the rest of a name become post text; control and
// bidi-override characters would let a name disguise itself or reorder the "said:" after it.
const UNSAFE_IN_FENCE_LINE = /[\p{Cc}\p{Zl}\p{Zp}\u202A-\u202E\u2066-\u2069]+/gu;

export function fenceLineText(text: string): string {
  return text.replace(UNSAFE_IN_FENCE_LINE, " ").replace(/\s+/gu, " ").trim();
}

function isPostId(value: number | null): value is number {
  return value !== null && Number.isSafeInteger(value) && value > 0;
}

/**
 * Source text of a quote block that renderPost renders as a `<blockquote class="quote">`. It ends with
 * a newline, so a reply can be appended directly (a blank line between reads better in the editor).
 * A postId that is not a positive integer is written as "-" (no link).
 */
export function quoteMarkup(attribution: QuoteAttribution, body: string): string {
  const text = body
    .replace(/\r\n?/g, "\n")
    .replace(/^(?:[ \t]*\n)+/, "")
    .replace(/\s+$/u, "");
  // Longer than every run of colons in the body, wherever it is: cheaper to reason about than knowing
  // which runs markdown-it would read as fences (inside code blocks, lists, other quotes...).
  let longestRun = 0;
  for (const run of text.matchAll(/:+/g)) longestRun = Math.max(longestRun, run[0].length);
  const fence = ":".repeat(Math.max(MIN_FENCE, longestRun + 1));
  const id = isPostId(attribution.postId) ? String(attribution.postId) : "-";
  const info = [fence, "quote", id, fenceLineText(attribution.author)].filter(Boolean).join(" ");
  return text ? `${info}\n${text}\n${fence}\n` : `${info}\n${fence}\n`;
}

/** Reads the container's info string (" quote 123 Razor"). "quote Razor" (typed by hand) has no id. */
export function parseQuoteInfo(info: string): QuoteAttribution {
  const rest = info.trim().replace(/^quote(?:\s+|$)/u, "");
  const withId = /^(\d+|-)(?:\s+|$)(.*)$/su.exec(rest);
  if (!withId) return { postId: null, author: fenceLineText(rest) };
  const postId = withId[1] === "-" ? null : Number(withId[1]);
  return { postId: isPostId(postId) ? postId : null, author: fenceLineText(withId[2] ?? "") };
}

/** The post ids a source's quote blocks point at (nested ones included), to look their authors up. */
export function quotedPostIds(source: string): number[] {
  const ids = new Set<number>();
  for (const match of source.matchAll(/^[ \t]*:{3,}[ \t]*quote[ \t]+(\d{1,9})\b/gmu))
    ids.add(Number(match[1]));
  // XenForo's [quote="Razor, post: 123, member: 45"]
  for (const match of source.matchAll(/\[quote=[^\]\n]*?,\s*post:\s*(\d{1,9})\b/giu))
    ids.add(Number(match[1]));
  return [...ids];
}

// An innermost BBCode quote: nothing inside it opens or closes another.
const INNERMOST_BB_QUOTE = /\[quote(?:=[^\]\n]*)?\](?:(?!\[\/?quote\b)[\s\S])*\[\/quote\]/giu;

/** BBCode quotes removed from the inside out; past POST_NESTING levels the rest is left as it is. */
function stripBbQuotes(source: string): string {
  let text = source;
  for (let pass = 0; pass < 8; pass++) {
    const next = text.replace(INNERMOST_BB_QUOTE, "");
    if (next === text) break;
    text = next;
  }
  return text;
}

/** A post's own words: its quote blocks removed, as XenForo does when a post is quoted again. */
export function stripQuotes(source: string): string {
  return stripBbQuotes(source)
    .replace(/^(:{3,})[ \t]*quote\b[^\n]*\n[\s\S]*?\n\1[ \t]*$/gmu, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
