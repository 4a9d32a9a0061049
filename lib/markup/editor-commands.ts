// The post editor's text transformations (app/_components/editor): pure functions from the text and the
// selection to the new text and selection, so they can be tested without a browser. Every command wraps
// the selection when there is one, or inserts a placeholder and selects it so typing replaces it.
import { MEMBER_NAME, MESSAGE, MESSAGE_COUNT_FROM } from "../limits/sizes";
import { quoteMarkup } from "./quote";

export interface EditorState {
  text: string;
  selStart: number;
  selEnd: number;
}

export type EditorCommand = (text: string, selStart: number, selEnd: number) => EditorState;

/** The server's limit, under the names the editor components import. */
export const MESSAGE_MAX = MESSAGE.max;
export { MESSAGE_COUNT_FROM };

/** Mentions complete names of at most this many characters. */
export const MENTION_QUERY_MAX = MEMBER_NAME.max;

function clampSelection(text: string, selStart: number, selEnd: number): [number, number] {
  const a = Math.max(0, Math.min(text.length, selStart));
  const b = Math.max(0, Math.min(text.length, selEnd));
  return a <= b ? [a, b] : [b, a];
}

function replaceRange(
  text: string,
  start: number,
  end: number,
  insert: string,
  selStart: number,
  selEnd: number,
): EditorState {
  return {
    text: text.slice(0, start) + insert + text.slice(end),
    selStart: start + selStart,
    selEnd: start + selEnd,
  };
}

/** Replaces the selection with `insert` and puts the caret after it. */
export function insertText(
  text: string,
  selStart: number,
  selEnd: number,
  insert: string,
): EditorState {
  const [start, end] = clampSelection(text, selStart, selEnd);
  return replaceRange(text, start, end, insert, insert.length, insert.length);
}

// ---------------------------------------------------------------------------------------------------
// Inline wrappers: bold, italic, inline code

/**
 * Wraps the selection in `marker`…`marker`, or removes the markers when the selection is already
 * wrapped (inside or including them). Whitespace at the selection's edges stays outside the markers:
 * "**word **" would not be bold.
 */
function toggleInline(marker: string, placeholder: string): EditorCommand {
  return (text, selStart, selEnd) => {
    let [start, end] = clampSelection(text, selStart, selEnd);
    const m = marker.length;
    // A marker that is a run of one character must not be read out of a longer run: "**b**" is bold,
    // not italic inside stars, when toggling italic ("*").
    const single = marker.charAt(0);
    const isExactRun = (from: number, to: number) =>
      text.slice(from, to) === marker &&
      text.charAt(from - 1) !== single &&
      text.charAt(to) !== single;

    if (start === end) {
      // Caret inside an empty pair ("**|**" for bold): remove the pair.
      if (
        text.slice(start - m, start) === marker &&
        text.slice(start, start + m) === marker &&
        text.charAt(start - m - 1) !== single &&
        text.charAt(start + m) !== single
      ) {
        return replaceRange(text, start - m, start + m, "", 0, 0);
      }
      const insert = marker + placeholder + marker;
      return replaceRange(text, start, end, insert, m, m + placeholder.length);
    }

    // Markers just outside the selection: unwrap.
    if (start >= m && isExactRun(start - m, start) && isExactRun(end, end + m)) {
      const inner = text.slice(start, end);
      return replaceRange(text, start - m, end + m, inner, 0, inner.length);
    }
    // Markers as the selection's own edges: unwrap.
    const selected = text.slice(start, end);
    if (
      selected.length >= 2 * m + 1 &&
      selected.startsWith(marker) &&
      selected.endsWith(marker) &&
      selected.charAt(m) !== single &&
      selected.charAt(selected.length - m - 1) !== single &&
      text.charAt(start - 1) !== single &&
      text.charAt(end) !== single
    ) {
      const inner = selected.slice(m, -m);
      return replaceRange(text, start, end, inner, 0, inner.length);
    }

    const lead = /^\s*/u.exec(selected)![0].length;
    const trail = /\s*$/u.exec(selected)![0].length;
    if (lead === selected.length) {
      const insert = marker + placeholder + marker;
      return replaceRange(text, end, end, insert, m, m + placeholder.length);
    }
    start += lead;
    end -= trail;
    const inner = text.slice(start, end);
    return replaceRange(text, start, end, marker + inner + marker, m, m + inner.length);
  };
}

export const toggleBold: EditorCommand = toggleInline("**", "bold text");
export const toggleItalic: EditorCommand = toggleInline("*", "italic text");

// ---------------------------------------------------------------------------------------------------
// Links and images

const LOOKS_LIKE_URL = /^(?:https?:\/\/|mailto:|\/)\S*$/iu;

function linkCommand(prefix: "" | "!", placeholder: string): EditorCommand {
  return (text, selStart, selEnd) => {
    const [start, end] = clampSelection(text, selStart, selEnd);
    const selected = text.slice(start, end).trim();
    const url = "https://";
    if (!selected) {
      // "[link text](https://)" with "link text" selected: type the text, then the address.
      return replaceRange(
        text,
        start,
        end,
        `${prefix}[${placeholder}](${url})`,
        prefix.length + 1,
        prefix.length + 1 + placeholder.length,
      );
    }
    if (LOOKS_LIKE_URL.test(selected) && !/\n/u.test(selected)) {
      // A selected address becomes the target; the text to show is selected.
      const insert = `${prefix}[${placeholder}](${selected})`;
      return replaceRange(
        text,
        start,
        end,
        insert,
        prefix.length + 1,
        prefix.length + 1 + placeholder.length,
      );
    }
    // Selected text becomes the link text (brackets escaped); the address is selected, ready to type.
    const label = selected.replace(/\s*\n\s*/gu, " ").replace(/([[\]\\])/gu, "\\$1");
    const insert = `${prefix}[${label}](${url})`;
    const urlStart = prefix.length + label.length + 3;
    return replaceRange(text, start, end, insert, urlStart, urlStart + url.length);
  };
}

export const insertLink: EditorCommand = linkCommand("", "link text");
export const insertImageLink: EditorCommand = linkCommand("!", "image description");

// ---------------------------------------------------------------------------------------------------
// Lines: lists

function lineStart(text: string, index: number): number {
  return text.lastIndexOf("\n", index - 1) + 1;
}

function lineEnd(text: string, index: number): number {
  const next = text.indexOf("\n", index);
  return next === -1 ? text.length : next;
}

const LIST_ITEM = /^([ \t]*)[-*+][ \t]/u;

/**
 * Puts "- " before every selected line (the whole lines the selection touches; blank lines are left
 * alone), or takes it off when every non-blank selected line already is a list item.
 */
export const toggleList: EditorCommand = (text, selStart, selEnd) => {
  const [start, end] = clampSelection(text, selStart, selEnd);
  const from = lineStart(text, start);
  // A selection ending right after a line break does not take in the next line.
  const to = lineEnd(text, end > start && text.charAt(end - 1) === "\n" ? end - 1 : end);
  const block = text.slice(from, to);
  const lines = block.split("\n");
  const filled = lines.filter((line) => line.trim() !== "");

  if (filled.length === 0) {
    const placeholder = "List item";
    const insert = `- ${placeholder}`;
    return replaceRange(text, from, to, insert, 2, 2 + placeholder.length);
  }

  const removing = filled.every((line) => LIST_ITEM.test(line));
  const changed = lines.map((line) => {
    if (line.trim() === "") return line;
    return removing ? line.replace(LIST_ITEM, "$1") : `- ${line}`;
  });
  const replaced = changed.join("\n");
  if (start === end && !removing) {
    // A caret stays where it was in its line's text.
    const caret = start - from + 2;
    return replaceRange(text, from, to, replaced, caret, caret);
  }
  return replaceRange(text, from, to, replaced, 0, replaced.length);
};

// ---------------------------------------------------------------------------------------------------
// Blocks: block quotes, code, spoilers, quotes inserted from posts

/**
 * Inserts `block` (which ends with a line break) in place of the selection so that it stands on its own
 * lines: a line break before it unless it starts a line, one after it unless a line break follows.
 * Returns the state with [innerStart, innerEnd) of the block selected.
 */
function placeBlock(
  text: string,
  start: number,
  end: number,
  block: string,
  innerStart: number,
  innerEnd: number,
): EditorState {
  const before = start > 0 && text.charAt(start - 1) !== "\n" ? "\n" : "";
  // `block` ends with "\n", which separates it from text continuing on the same line; when a line
  // break follows anyway, the block's own would leave a blank line.
  const body = text.charAt(end) === "\n" ? block.replace(/\n$/u, "") : block;
  return replaceRange(
    text,
    start,
    end,
    before + body,
    before.length + innerStart,
    before.length + innerEnd,
  );
}

/** The shortest run of `char` (at least `min`) longer than every run of it in `body`. */
function fenceFor(char: string, body: string, min: number): string {
  let longest = 0;
  const run = new RegExp(`${char.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&")}+`, "gu");
  for (const match of body.matchAll(run)) longest = Math.max(longest, match[0].length);
  return char.repeat(Math.max(min, longest + 1));
}

/** The selected text (or the placeholder) in a `::: quote -` block with no author. */
export const insertBlockQuote: EditorCommand = (text, selStart, selEnd) => {
  const [start, end] = clampSelection(text, selStart, selEnd);
  const selected = text.slice(start, end);
  const placeholder = "Quoted text";
  const body = selected.trim() ? selected : placeholder;
  const block = quoteMarkup({ author: "", postId: null }, body);
  // quoteMarkup drops blank lines at the start and trailing whitespace: find the body it kept.
  const firstBreak = block.indexOf("\n") + 1;
  const closing = block.lastIndexOf("\n", block.length - 2);
  return placeBlock(text, start, end, block, firstBreak, closing);
};

/** A spoiler block around the selection (or a placeholder). */
export const insertSpoiler: EditorCommand = (text, selStart, selEnd) => {
  const [start, end] = clampSelection(text, selStart, selEnd);
  const selected = text
    .slice(start, end)
    .replace(/^(?:[ \t]*\n)+/u, "")
    .replace(/\s+$/u, "");
  const body = selected || "Spoiler text";
  const fence = fenceFor(":", body, 3);
  const open = `${fence} spoiler\n`;
  const block = `${open}${body}\n${fence}\n`;
  return placeBlock(text, start, end, block, open.length, open.length + body.length);
};

/**
 * Code: a fenced block for a selection spanning lines (or a caret on an empty line), inline backticks
 * otherwise. Fences are longer than any run of backticks inside.
 */
export const insertCode: EditorCommand = (text, selStart, selEnd) => {
  const [start, end] = clampSelection(text, selStart, selEnd);
  const selected = text.slice(start, end);
  const emptyLine =
    start === end && lineStart(text, start) === start && lineEnd(text, start) === start;

  if (selected.includes("\n") || emptyLine) {
    const body = selected.replace(/^(?:[ \t]*\n)+/u, "").replace(/\s+$/u, "") || "code";
    const fence = fenceFor("`", body, 3);
    const open = `${fence}\n`;
    return placeBlock(
      text,
      start,
      end,
      `${open}${body}\n${fence}\n`,
      open.length,
      open.length + body.length,
    );
  }

  const lead = /^\s*/u.exec(selected)![0].length;
  const trail = selected.trim() ? /\s*$/u.exec(selected)![0].length : 0;
  const innerStart = start + lead;
  const innerEnd = Math.max(innerStart, end - trail);
  const inner = text.slice(innerStart, innerEnd) || "code";
  const fence = fenceFor("`", inner, 1);
  // "`` `x` ``": a space keeps a backtick at the code's edge from joining the fence.
  const pad = inner.startsWith("`") || inner.endsWith("`") ? " " : "";
  const insert = `${fence}${pad}${inner}${pad}${fence}`;
  const at = fence.length + pad.length;
  if (!selected.trim()) return replaceRange(text, end, end, insert, at, at + inner.length);
  return replaceRange(text, innerStart, innerEnd, insert, at, at + inner.length);
};

/**
 * Quote markup from a post's Quote button (or several): on its own lines, followed by a blank line,
 * with the caret after it, ready for the reply. A blank line separates it from text before it.
 */
export function insertQuoteBlock(
  text: string,
  selStart: number,
  selEnd: number,
  markup: string,
): EditorState {
  const [start, end] = clampSelection(text, selStart, selEnd);
  const body = markup.replace(/\r\n?/gu, "\n").replace(/^\n+/u, "").replace(/\s+$/u, "");
  if (!body) return { text, selStart: start, selEnd: end };
  const head = text.slice(0, start);
  const tail = text.slice(end);
  const before = head === "" || head.endsWith("\n\n") ? "" : head.endsWith("\n") ? "\n" : "\n\n";
  // The line break ending the block and a blank line, unless the text after already starts with them.
  const after = tail.startsWith("\n\n") ? "" : tail.startsWith("\n") ? "\n" : "\n\n";
  const caret = head.length + before.length + body.length + 2;
  return { text: head + before + body + after + tail, selStart: caret, selEnd: caret };
}

// ---------------------------------------------------------------------------------------------------
// Smilies

/**
 * A smilie's code at the caret, with the spaces that make it render: faces need whitespace before
 * them and nothing word-like after (see matchSmilie). The caret goes after the code and its space.
 */
export function insertSmilie(
  text: string,
  selStart: number,
  selEnd: number,
  code: string,
): EditorState {
  const [start, end] = clampSelection(text, selStart, selEnd);
  const prev = text.charAt(start - 1);
  const next = text.charAt(end);
  const before = start > 0 && !/\s/u.test(prev) ? " " : "";
  const after = next === "" || !/\s/u.test(next) ? " " : "";
  const insert = before + code + after;
  return replaceRange(text, start, end, insert, insert.length, insert.length);
}

// ---------------------------------------------------------------------------------------------------
// Mentions

export interface MentionQuery {
  /** Index of the "@". */
  at: number;
  /** What follows it up to the caret (1 to MENTION_QUERY_MAX characters). */
  query: string;
}

const NAME_CHAR = /[\p{L}\p{M}\p{N}_]/u;
// What a username may hold (lib/accounts/rules.ts), single spaces between words.
const QUERY = /^[\p{L}\p{M}\p{N}_.\-](?:[\p{L}\p{M}\p{N}_.\-]| (?! ))*$/u;

/**
 * The member name being typed at the caret: the text between the last "@" before it and the caret,
 * when that "@" can start a mention (start of text or after a non-name character: not "a@b.com") and
 * the text could be the start of a username. Null otherwise.
 */
export function mentionQuery(text: string, caret: number): MentionQuery | null {
  const at = text.lastIndexOf("@", caret - 1);
  if (at === -1 || caret - at - 1 < 1 || caret - at - 1 > MENTION_QUERY_MAX) return null;
  if (at > 0 && NAME_CHAR.test(text.charAt(at - 1))) return null;
  const query = text.slice(at + 1, caret);
  if (!QUERY.test(query)) return null;
  return { at, query };
}

/** Replaces "@<query>" before the caret with "@Name " (no second space when one already follows). */
export function completeMention(
  text: string,
  at: number,
  caret: number,
  name: string,
): EditorState {
  const next = text.charAt(caret);
  const insert = next === " " ? name : `${name} `;
  const caretAfter = name.length + 1;
  return replaceRange(text, at + 1, caret, insert, caretAfter, caretAfter);
}
