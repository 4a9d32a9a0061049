// XenForo thread in the "Senior Member" style (seed 003): a user block before every post, and a
// post ends at a line holding only U+00A0, optionally followed by "Last edited:".
import type { ImportedDocument, ImportedMember, ImportedPost } from "./types";
import { recoverQuotes } from "./recover-quotes";
import { dropTrailing, isLastEdited, isPostEnd, skipBlank, splitLines } from "./text-lines";
import { parseUserBlock, uniqueMembers } from "./user-block";

const TRAILING_CHROME = new Set([
  "Latest Replies",
  "Global Defence",
  "New threads",
  "Articles",
  "Top",
]);

interface RawPost {
  author: string;
  lines: string[];
  edited: boolean;
}

export function parseXenforoSenior(fileName: string, text: string): ImportedDocument {
  const lines = dropTrailing(splitLines(text), TRAILING_CHROME);
  const titleAt = skipBlank(lines, 0);
  const title = (lines[titleAt] ?? "").trim();

  const seen: ImportedMember[] = [];
  const raw: RawPost[] = [];
  let i = skipBlank(lines, titleAt + 1);
  while (i < lines.length) {
    const block = parseUserBlock(lines, i);
    if (!block) throw new Error(`${fileName}: expected a user block at line ${i + 1}`);
    seen.push(block.member);
    let end = block.end;
    while (end < lines.length && !isPostEnd(lines[end] ?? "")) end++;
    const edited = isLastEdited(lines[end + 1]);
    raw.push({ author: block.member.username, lines: lines.slice(block.end, end), edited });
    i = skipBlank(lines, end + (edited ? 2 : 1));
  }

  const blocks = recoverQuotes(raw.map((p) => p.lines));
  const posts: ImportedPost[] = raw.map((p, index) => ({
    authorUsername: p.author,
    blocks: blocks[index] ?? [],
    edited: p.edited,
  }));

  return {
    thread: { sourceFile: fileName, kind: "discussion", title, byline: null, posts },
    members: uniqueMembers(seen),
  };
}
