// The scrapes lost the quote markup: a reply simply repeats lines of an earlier post and adds its
// own. This module finds those repeated lines again and turns them into quote blocks.
import type { PostBlock } from "./types";
import { foldLine, isBlank, linesToText } from "./text-lines";

/** A reply may cut a quoted line short; shorter prefixes than this are too generic to trust. */
const MIN_PREFIX_CHARS = 40;
/** Fuzzy matching is only safe on long lines, where accidental overlap is implausible. */
const MIN_FUZZY_CHARS = 60;
const MIN_FUZZY_SHINGLES = 8;
/** Share of the reply line's word 4-grams that must occur in the earlier line. */
const MIN_SHINGLE_CONTAINMENT = 0.8;
const SHINGLE_WORDS = 4;
/** Lines this short ("Reference:") match by chance too easily to count on their own. */
const MIN_STRONG_WORDS = 3;
const MIN_STRONG_CHARS = 15;

interface OwnLine {
  postIndex: number;
  folded: string;
  shingles: Set<string>;
}

interface Match {
  postIndex: number;
  /** A short exact match only stands when a neighbouring line is quoted from the same post. */
  weak: boolean;
}

function words(line: string): string[] {
  return line.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function shingles(ws: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + SHINGLE_WORDS <= ws.length; i++)
    out.push(ws.slice(i, i + SHINGLE_WORDS).join(" "));
  return out;
}

/**
 * Word 4-gram containment tolerates what happens when a post is edited after being quoted (a
 * clause added, "But frankly" → "Frankly") while two unrelated lines essentially never share most
 * of their 4-grams. Containment, not Dice: the quote may repeat only part of a longer line.
 */
function isFuzzyMatch(reply: string, replyShingles: readonly string[], own: OwnLine): boolean {
  if (reply.length < MIN_FUZZY_CHARS || replyShingles.length < MIN_FUZZY_SHINGLES) return false;
  let hits = 0;
  for (const s of replyShingles) if (own.shingles.has(s)) hits++;
  return hits / replyShingles.length >= MIN_SHINGLE_CONTAINMENT;
}

/**
 * Tiers are tried in order of confidence, each over earlier posts in thread order, so an exact
 * repetition wins over a fuzzy one and the earliest author of a line gets the attribution.
 */
function findSource(line: string, own: readonly OwnLine[]): Match | null {
  const folded = foldLine(line);
  const weak = words(folded).length < MIN_STRONG_WORDS || folded.length < MIN_STRONG_CHARS;
  const exact = own.find((o) => o.folded === folded);
  if (exact) return { postIndex: exact.postIndex, weak };
  if (folded.length >= MIN_PREFIX_CHARS) {
    const prefix = own.find((o) => o.folded.startsWith(folded));
    if (prefix) return { postIndex: prefix.postIndex, weak: false };
  }
  const replyShingles = shingles(words(folded));
  const fuzzy = own.find((o) => isFuzzyMatch(folded, replyShingles, o));
  return fuzzy ? { postIndex: fuzzy.postIndex, weak: false } : null;
}

/** Keeps a weak match only when the nearest non-blank line on either side is quoted from the same post. */
function settleWeak(matches: readonly (Match | null | undefined)[]): (number | null | undefined)[] {
  const strongAt = (i: number): number | null => {
    const m = matches[i];
    return m && !m.weak ? m.postIndex : null;
  };
  const neighbour = (i: number, step: number): number | null => {
    for (let j = i + step; j >= 0 && j < matches.length; j += step) {
      if (matches[j] !== undefined) return strongAt(j);
    }
    return null;
  };
  return matches.map((m, i) => {
    if (m === undefined || m === null) return m;
    if (!m.weak) return m.postIndex;
    return neighbour(i, -1) === m.postIndex || neighbour(i, 1) === m.postIndex ? m.postIndex : null;
  });
}

/** Groups lines into blocks; blank lines stay with the run they sit in and are trimmed at its ends. */
function toBlocks(
  lines: readonly string[],
  sources: readonly (number | null | undefined)[],
): PostBlock[] {
  const blocks: PostBlock[] = [];
  let run: string[] = [];
  let runSource: number | null = null;
  const flush = () => {
    const text = linesToText(run);
    if (text !== "") {
      blocks.push(
        runSource === null ? { kind: "text", text } : { kind: "quote", postIndex: runSource, text },
      );
    }
    run = [];
  };
  lines.forEach((line, i) => {
    const source = sources[i];
    if (source !== undefined && source !== runSource) {
      flush();
      runSource = source;
    }
    run.push(line);
  });
  flush();
  return blocks;
}

/**
 * Splits each post (given as its lines, in thread order) into own text and quotes of earlier posts.
 * Only earlier posts' own text is a quote source: a line that was itself quoted points back to
 * where it was first written. The quote keeps the reply's wording, not the source's.
 */
export function recoverQuotes(posts: readonly (readonly string[])[]): PostBlock[][] {
  const own: OwnLine[] = [];
  return posts.map((lines, postIndex) => {
    // undefined marks a blank line: it neither starts nor ends a run.
    const matches = lines.map((line) => (isBlank(line) ? undefined : findSource(line, own)));
    const blocks = toBlocks(lines, settleWeak(matches));
    for (const block of blocks) {
      if (block.kind !== "text") continue;
      for (const line of block.text.split("\n")) {
        if (isBlank(line)) continue;
        const folded = foldLine(line);
        own.push({ postIndex, folded, shingles: new Set(shingles(words(folded))) });
      }
    }
    return blocks;
  });
}
