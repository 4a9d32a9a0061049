// BBCode's inline tags inside a paragraph: [b] [i] [u] [s] [size] [color] [url] [img] [media] [icode]
// and XenForo's [user]. Each becomes the token Markdown would have made (strong, em, link, image…), so
// link checks, the image cap and the sanitizer treat both syntaxes alike. Tags are paired once per
// paragraph with a stack; a tag without its pair, or an unknown one, is left as typed.
import type { MarkdownIt, StateInline } from "markdown-it";
import { mediaUrl, safeColour, safeFontSize, unquote } from "./bbcode-values";

const INLINE_TAG =
  /\[(\/?)(b|i|u|s|size|color|url|img|media|icode|user)(?:=([^\]\n]{0,500})|[ \t][^\]\n]{0,500})?\]/giu;

/** Tags whose content is taken as typed (a URL, an id, code), not read as markup. */
const RAW_CONTENT = new Set(["img", "media", "icode"]);

/** Formatting tags nested deeper than this are left as text, so hostile nesting cannot recurse far. */
const MAX_INLINE_DEPTH = 20;

interface Pair {
  name: string;
  arg: string | undefined;
  openEnd: number;
  closeStart: number;
  closeEnd: number;
}

const pairsByState = new WeakMap<StateInline, Map<number, Pair>>();
const depthByState = new WeakMap<StateInline, number>();

function pairTags(src: string): Map<number, Pair> {
  const pairs = new Map<number, Pair>();
  const stack: Array<{ name: string; arg: string | undefined; start: number; openEnd: number }> =
    [];
  const openCount = new Map<string, number>();
  INLINE_TAG.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = INLINE_TAG.exec(src))) {
    const [raw, slash, rawName, arg] = match;
    const name = (rawName ?? "").toLowerCase();
    const end = match.index + raw.length;
    if (!slash) {
      stack.push({ name, arg, start: match.index, openEnd: end });
      openCount.set(name, (openCount.get(name) ?? 0) + 1);
      continue;
    }
    if (arg !== undefined || !openCount.get(name)) continue;
    // Opens above the matching one were never closed: they are dropped and stay text.
    for (let open = stack.pop(); open; open = stack.pop()) {
      openCount.set(open.name, (openCount.get(open.name) ?? 1) - 1);
      if (open.name !== name) continue;
      pairs.set(open.start, {
        name,
        arg: open.arg,
        openEnd: open.openEnd,
        closeStart: match.index,
        closeEnd: end,
      });
      break;
    }
  }
  return pairs;
}

function pairsFor(state: StateInline): Map<number, Pair> {
  let pairs = pairsByState.get(state);
  if (!pairs) {
    pairs = pairTags(state.src);
    pairsByState.set(state, pairs);
  }
  return pairs;
}

/** Reads the markup between the tags, as the link rule does for a link's text. */
function tokenizeBetween(state: StateInline, pair: Pair): void {
  const max = state.posMax;
  const depth = depthByState.get(state) ?? 0;
  depthByState.set(state, depth + 1);
  state.pos = pair.openEnd;
  state.posMax = pair.closeStart;
  state.md.inline.tokenize(state);
  state.posMax = max;
  depthByState.set(state, depth);
}

function wrap(state: StateInline, pair: Pair, type: string, tag: string, style?: string): void {
  const open = state.push(`${type}_open`, tag, 1);
  open.markup = `[${pair.name}]`;
  if (style) open.attrSet("style", style);
  tokenizeBetween(state, pair);
  state.push(`${type}_close`, tag, -1).markup = `[/${pair.name}]`;
}

function pushText(state: StateInline, content: string): void {
  state.push("text", "", 0).content = content;
}

/** A link token pair, or false when the URL is refused (the tags then stay as typed). */
function link(state: StateInline, pair: Pair, rawHref: string, text: string | null): boolean {
  const trimmed = rawHref.trim();
  const href = state.md.normalizeLink(/^www\./iu.test(trimmed) ? `http://${trimmed}` : trimmed);
  if (!trimmed || !state.md.validateLink(href) || state.linkLevel > 0) return false;
  state.push("link_open", "a", 1).attrs = [["href", href]];
  state.linkLevel++;
  if (text === null) tokenizeBetween(state, pair);
  else pushText(state, text);
  state.linkLevel--;
  state.push("link_close", "a", -1);
  return true;
}

function render(state: StateInline, pair: Pair, content: string): boolean {
  switch (pair.name) {
    case "b":
      wrap(state, pair, "strong", "strong");
      return true;
    case "i":
      wrap(state, pair, "em", "em");
      return true;
    case "s":
      wrap(state, pair, "s", "s");
      return true;
    case "u":
      wrap(state, pair, "bb_u", "u");
      return true;
    case "color":
    case "size": {
      const value =
        pair.name === "color" ? safeColour(pair.arg ?? "") : safeFontSize(pair.arg ?? "");
      if (value === null) tokenizeBetween(state, pair);
      else
        wrap(
          state,
          pair,
          "bb_span",
          "span",
          `${pair.name === "color" ? "color" : "font-size"}:${value}`,
        );
      return true;
    }
    case "user":
      tokenizeBetween(state, pair);
      return true;
    case "url":
      return pair.arg === undefined
        ? link(state, pair, content, content.trim())
        : link(state, pair, unquote(pair.arg), null);
    case "media": {
      const url = mediaUrl(pair.arg, content);
      return url !== null && link(state, pair, url, url);
    }
    case "icode": {
      const token = state.push("code_inline", "code", 0);
      token.content = content;
      token.markup = "`";
      return true;
    }
    case "img": {
      const src = content.trim();
      if (!src) return false;
      const token = state.push("image", "img", 0);
      token.attrs = [
        ["src", state.md.normalizeLink(src)],
        ["alt", ""],
      ];
      token.children = [];
      token.content = "";
      return true;
    }
    default:
      return false;
  }
}

function bbcodeInline(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x5b /* [ */) return false;
  const pair = pairsFor(state).get(state.pos);
  if (!pair || pair.closeEnd > state.posMax) return false;
  if ((depthByState.get(state) ?? 0) >= MAX_INLINE_DEPTH) return false;
  if (silent) {
    state.pos = pair.closeEnd;
    return true;
  }
  const content = state.src.slice(pair.openEnd, pair.closeStart);
  // render() pushes nothing when it answers false.
  if (!render(state, pair, RAW_CONTENT.has(pair.name) || pair.name === "url" ? content : ""))
    return false;
  state.pos = pair.closeEnd;
  return true;
}

export function bbcodeInlineTags(md: MarkdownIt): void {
  // Before "link", so "[b]" is not read as the start of a link's text.
  md.inline.ruler.before("link", "parley_bbcode_inline", bbcodeInline);
}
