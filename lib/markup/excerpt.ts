import markdownIt from "markdown-it";
import { stripQuotes } from "./quote";

// Markdown's own decoding of entities ("&apos;", "&#8217;") and backslash escapes, as the page shows them.
const { unescapeAll } = markdownIt().utils;

const SPOILER = /^(:{3,})[ \t]*spoiler\b[^\n]*\n[\s\S]*?\n\1[ \t]*$/gmu;
// Each stops at the next tag of its kind, so unclosed ones cannot make the scan quadratic.
const BB_SPOILER = /\[spoiler(?:=[^\]\n]*)?\](?:(?!\[\/?spoiler\b)[\s\S])*\[\/spoiler\]/giu;
// Images and media show no words of their own; other BBCode tags are dropped and their content kept.
const BB_EMBED = /\[(img|media)\b[^\]\n]*\][^[]*\[\/\1\]/giu;
const BB_INLINE_TAG = /\[\/?(?:b|i|u|s|size|color|url|icode|user)(?:=[^\]\n]*)?\]/giu;
const BB_BLOCK_TAG = /\[\/?(?:center|list|code|spoiler|quote)(?:=[^\]\n]*)?\]|\[\*\]/giu;
/** A quote or spoiler still open once the closed ones are gone: the source was cut inside it. */
const UNCLOSED_BLOCK = /^:{3,}[ \t]*(?:quote|spoiler)\b[\s\S]*$/mu;

/** A post's own words as plain text, for feeds and What's new: quotes and spoilers (hidden on the
 * page until opened) left out, Markdown marks dropped, link and image syntax reduced to their text.
 * The source may be cut short (What's new reads only its start), even inside a block. */
export function plainExcerpt(source: string, length = 300): string {
  const marked = stripQuotes(source.replace(/\r\n?/g, "\n"))
    .replace(SPOILER, " ")
    .replace(BB_SPOILER, " ")
    .replace(BB_EMBED, " ")
    .replace(BB_BLOCK_TAG, " ")
    .replace(BB_INLINE_TAG, "")
    .replace(UNCLOSED_BLOCK, " ")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^:{3,}.*$/gmu, "")
    .replace(/^[ \t]*(?:#{1,6}|>+)[ \t]*/gm, "")
    // Single underscores stay: they are part of names (Srinivas_K) more often than emphasis.
    .replace(/\*+|__|~~|`+/g, "");
  const text = unescapeAll(marked).replace(/\s+/g, " ").trim();
  return text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text;
}
