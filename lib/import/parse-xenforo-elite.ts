// XenForo thread in the "ELITE MEMBER" style (seed 000): one user block for the opening post, after
// which the scrape lost every author. Posts end at a line holding only U+00A0, optionally followed
// by "Last edited:", and then a line of dots.
import type { ImportedDocument, ImportedPost } from "./types";
import { recoverQuotes } from "./recover-quotes";
import { dropTrailing, isLastEdited, isPostEnd, skipBlank, splitLines } from "./text-lines";
import { parseUserBlock } from "./user-block";

const LEADING_CHROME = new Set(["What's new"]);
const TRAILING_CHROME = new Set(["Back", "Top Bottom"]);

/** The dot line XenForo leaves between posts: "." or ". . .". */
function isDotLine(line: string | undefined): boolean {
  return line !== undefined && /^\.(\s*\.)*$/.test(line.trim());
}

/** True when a post-end line is followed (after an optional "Last edited:") by a dot line. */
export function hasEliteSeparator(lines: readonly string[]): boolean {
  return lines.some((line, i) => {
    if (!isPostEnd(line)) return false;
    const next = isLastEdited(lines[i + 1]) ? i + 2 : i + 1;
    return isDotLine(lines[next]);
  });
}

interface RawPost {
  lines: string[];
  edited: boolean;
}

function splitPosts(lines: readonly string[], from: number): RawPost[] {
  const posts: RawPost[] = [];
  let current: string[] = [];
  let i = from;
  while (i < lines.length) {
    const line = lines[i] ?? "";
    if (!isPostEnd(line)) {
      current.push(line);
      i++;
      continue;
    }
    const edited = isLastEdited(lines[i + 1]);
    i += edited ? 2 : 1;
    if (isDotLine(lines[i])) i++;
    posts.push({ lines: current, edited });
    current = [];
  }
  // Text after the last separator (chrome already removed) would be a post the page cut short.
  if (current.some((l) => l.trim() !== "")) posts.push({ lines: current, edited: false });
  return posts;
}

export function parseXenforoElite(fileName: string, text: string): ImportedDocument {
  const lines = dropTrailing(splitLines(text), TRAILING_CHROME);
  let i = skipBlank(lines, 0);
  while (i < lines.length && LEADING_CHROME.has((lines[i] ?? "").trim()))
    i = skipBlank(lines, i + 1);
  const title = (lines[i] ?? "").trim();

  const userStart = skipBlank(lines, i + 1);
  const block = parseUserBlock(lines, userStart);
  if (!block) throw new Error(`${fileName}: no user block after the title`);

  const raw = splitPosts(lines, block.end);
  const blocks = recoverQuotes(raw.map((p) => p.lines));
  const posts: ImportedPost[] = raw.map((p, index) => ({
    // Only the opening post kept its author; the rest show as Guest.
    authorUsername: index === 0 ? block.member.username : null,
    blocks: blocks[index] ?? [],
    edited: p.edited,
  }));

  return {
    thread: { sourceFile: fileName, kind: "discussion", title, byline: null, posts },
    members: [block.member],
  };
}
