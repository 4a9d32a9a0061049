// Articles scraped from blogs and news sites (seeds 001, 002, 004): a title, sometimes an author
// line, the body, and site furniture around it. The body is imported as it stands, gaps included.
import type { ImportedDocument } from "./types";
import { foldLine, linesToText, splitLines } from "./text-lines";

/** Promotional lines a site puts above the article; never the title. */
const LEADING_FURNITURE = [/^Get Even More Visitors To Your Blog\b/i];
/** Everything from one of these lines on is the site's footer (sources, share buttons, comments). */
const FOOTER_STARTS = [/^Source Article from\b/i, /^Share the post$/i, /^Leave a Reply$/i];
/** Navigation left inside the body by the scrape. */
const DROPPED_LINES = [/^•\s*Navigation menu$/i, /^Leave a Reply$/i];

const matchesAny = (patterns: readonly RegExp[], line: string): boolean =>
  patterns.some((p) => p.test(line.trim()));

/**
 * "Authors: Tsuneo Akaha and Anna Vassilieva, MIIS" → "Tsuneo Akaha and Anna Vassilieva". The
 * affiliation (and in 004 the article's first sentences) follows the first comma.
 */
function parseByline(line: string): string | null {
  const m = /^Authors?:\s*(.+)$/i.exec(line.trim());
  if (!m) return null;
  const names = (m[1] ?? "").split(",")[0]?.trim() ?? "";
  return names === "" ? null : names;
}

export function parseArticle(fileName: string, text: string): ImportedDocument {
  const lines = splitLines(text);
  const titleAt = lines.findIndex((l) => l.trim() !== "" && !matchesAny(LEADING_FURNITURE, l));
  if (titleAt < 0) throw new Error(`${fileName}: empty article`);
  const title = (lines[titleAt] ?? "").trim();

  let body = lines.slice(titleAt + 1);
  const footer = body.findIndex((l) => matchesAny(FOOTER_STARTS, l));
  if (footer >= 0) body = body.slice(0, footer);
  body = body.filter((l) => !matchesAny(DROPPED_LINES, l));

  // Some pages print the title again as the first body line; showing it twice adds nothing.
  const first = body.findIndex((l) => l.trim() !== "");
  if (first >= 0 && foldLine(body[first] ?? "") === foldLine(title)) body = body.slice(first + 1);

  // The author line stays in the body: in 004 it also carries the article's opening sentences.
  let byline: string | null = null;
  for (const line of body) {
    byline = parseByline(line);
    if (byline !== null) break;
  }

  const bodyText = linesToText(body);
  return {
    thread: {
      sourceFile: fileName,
      kind: "article",
      title,
      byline,
      posts: [
        {
          authorUsername: null,
          blocks: bodyText === "" ? [] : [{ kind: "text", text: bodyText }],
          edited: false,
        },
      ],
    },
    members: [],
  };
}
