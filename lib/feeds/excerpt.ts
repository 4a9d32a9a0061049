import markdownIt from "markdown-it";
import { stripQuotes } from "../markup/quote";

// Markdown's own decoding of entities ("&apos;", "&#8217;") and backslash escapes, as the page shows them.
const { unescapeAll } = markdownIt().utils;

const SPOILER = /^(:{3,})[ \t]*spoiler\b[^\n]*\n[\s\S]*?\n\1[ \t]*$/gmu;

/** A post's own words as plain text, for feeds: quotes and spoilers (hidden on the page until
 * opened) left out, Markdown marks dropped, link and image syntax reduced to their text. */
export function plainExcerpt(source: string, length = 300): string {
  const marked = stripQuotes(source.replace(/\r\n?/g, "\n"))
    .replace(SPOILER, " ")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^:{3,}.*$/gmu, "")
    .replace(/^[ \t]*(?:#{1,6}|>+)[ \t]*/gm, "")
    // Single underscores stay: they are part of names (Srinivas_K) more often than emphasis.
    .replace(/\*+|__|~~|`+/g, "");
  const text = unescapeAll(marked).replace(/\s+/g, " ").trim();
  return text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text;
}
