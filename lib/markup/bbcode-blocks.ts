// BBCode's block tags ([quote], [spoiler], [center], [code], [list] with [*]) rewritten into the
// Markdown this renderer already reads, before markdown-it parses blocks: a XenForo quote becomes the
// same "::: quote id author" container a Markdown quote is, so it gets the same verified attribution,
// nesting cap and HTML. Inline tags ([b], [url], …) are read later by bbcode-inline.ts.
//
// Tags are paired with a stack; a close without its open, an open never closed and tags inside
// Markdown code are left as typed. Past POST_NESTING a tag's wrapper is left out and its content kept,
// as nesting.ts does for Markdown, which also keeps list indentation (and so the source) small.
import type { MarkdownIt, StateCore } from "markdown-it";
import { tallyOf, type RenderTally } from "./bounds";
import { fenceLineText } from "./quote";
import { parseQuoteArg, unquote } from "./bbcode-values";

const BLOCK_TAG = /\[(\/?)(quote|spoiler|center|code|list|\*)(?:=([^\]\n]{0,200}))?\]/giu;

type BlockName = "quote" | "spoiler" | "center" | "code" | "list";

interface Element {
  name: BlockName;
  arg: string | undefined;
  open: string;
  children: Node[];
  /** Only for an element past the nesting cap: its open tag's text if it is never closed. */
  slot?: Slot;
}
interface Slot {
  text: string;
}
/** A [*] directly inside a [list]; `raw` is what it was typed as, for when the list is not closed. */
interface Item {
  item: string;
}
type Node = string | Element | Item | Slot;

/** Markdown code (fenced blocks and backtick spans), where BBCode is text: [start, end) pairs. */
function markdownCodeRanges(source: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const fence = /^ {0,3}(`{3,}|~{3,})[^\n]*$/gmu;
  let match: RegExpExecArray | null;
  while ((match = fence.exec(source))) {
    const marker = match[1] ?? "```";
    const close = new RegExp(
      `^ {0,3}${marker[0] === "`" ? "`" : "~"}{${marker.length},}[ \\t]*$`,
      "gmu",
    );
    close.lastIndex = match.index + match[0].length;
    const end = close.exec(source);
    const stop = end ? end.index + end[0].length : source.length;
    ranges.push([match.index, stop]);
    fence.lastIndex = stop;
  }
  // Backtick spans outside fences: a run closes at the next run of the same length. Once a length has
  // no later run, none of that length can close either (keeps this linear on "` ` ` …").
  const unclosed = new Set<number>();
  const runs = /`+/gu;
  let inFence = 0;
  while ((match = runs.exec(source))) {
    while (inFence < ranges.length && (ranges[inFence]?.[1] ?? 0) <= match.index) inFence++;
    const fenceRange = ranges[inFence];
    if (fenceRange && fenceRange[0] <= match.index) {
      runs.lastIndex = fenceRange[1];
      continue;
    }
    const length = match[0].length;
    if (unclosed.has(length)) continue;
    const closer = new RegExp(`(?<!\`)\`{${length}}(?!\`)`, "gu");
    closer.lastIndex = match.index + length;
    const end = closer.exec(source);
    if (!end) {
      unclosed.add(length);
      continue;
    }
    ranges.push([match.index, end.index + length]);
    runs.lastIndex = end.index + length;
  }
  return ranges;
}

/** Whether positions, asked in increasing order, fall inside the (sorted, disjoint) ranges. */
function insideCode(ranges: Array<[number, number]>): (at: number) => boolean {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  let next = 0;
  return (at) => {
    while (next < sorted.length && (sorted[next]?.[1] ?? 0) <= at) next++;
    const range = sorted[next];
    return range !== undefined && range[0] <= at;
  };
}

/** The source as a tree of paired block tags; everything else is text. Elements deeper than
 * POST_NESTING are "flat": they share their parent's children, so the tree (and the recursion that
 * writes it) is never deeper than the cap, and only a slot for their open tag marks where they were. */
function parseBlocks(source: string, tally: RenderTally): Node[] {
  const inCode = insideCode(markdownCodeRanges(source));
  const lastCodeClose = source.toLowerCase().lastIndexOf("[/code]");
  const root: Element = { name: "center", arg: undefined, open: "", children: [] };
  const stack: Element[] = [root];
  const openCount = new Map<string, number>();
  let nested = 0;
  let textFrom = 0;
  const top = () => stack[stack.length - 1] ?? root;
  const flushText = (end: number) => {
    if (end > textFrom) top().children.push(source.slice(textFrom, end));
  };
  const pop = (): Element => {
    const element = stack.pop() ?? root;
    openCount.set(element.name, (openCount.get(element.name) ?? 1) - 1);
    if (!element.slot && element.name !== "code") nested--;
    return element;
  };
  // An element that turned out unpaired gives its open tag back as text, and its content to its parent.
  const unwrap = (element: Element) => {
    if (element.slot) {
      element.slot.text = element.open;
      return;
    }
    const parent = top();
    parent.children.push(element.open);
    for (const child of element.children)
      parent.children.push(typeof child === "object" && "item" in child ? child.item : child);
  };

  BLOCK_TAG.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = BLOCK_TAG.exec(source))) {
    const [raw, slash, rawName, arg] = match;
    const name = (rawName ?? "").toLowerCase();
    const at = match.index;
    const current = top();
    // Inside [code] only its own close counts.
    if (current.name === "code" && current !== root && !(slash && name === "code")) continue;
    if (inCode(at)) continue;
    if (name === "*") {
      if (slash || current.name !== "list" || current === root) continue;
      flushText(at);
      current.children.push({ item: raw });
    } else if (!slash) {
      if (name === "code" && lastCodeClose < at) continue;
      flushText(at);
      const element: Element = { name: name as BlockName, arg, open: raw, children: [] };
      if (name !== "code" && !tally.allowDepth(nested + 1)) {
        element.slot = { text: "" };
        element.children = current.children;
        current.children.push(element.slot);
      } else if (name !== "code") nested++;
      stack.push(element);
      openCount.set(name, (openCount.get(name) ?? 0) + 1);
    } else {
      if (!openCount.get(name)) continue;
      flushText(at);
      for (let open = pop(); open !== root; open = pop()) {
        if (open.name !== name) unwrap(open);
        else {
          if (!open.slot) top().children.push(open);
          break;
        }
      }
    }
    textFrom = at + raw.length;
  }
  flushText(source.length);
  while (stack.length > 1) unwrap(pop());
  return root.children;
}

const CONTAINERS = new Set<BlockName>(["quote", "spoiler", "center"]);

/** How many containers deep an element's content goes: its fence needs that many more colons. */
function containerHeight(node: Node, memo: Map<Element, number>): number {
  if (typeof node !== "object" || !("name" in node)) return 0;
  const known = memo.get(node);
  if (known !== undefined) return known;
  let below = 0;
  for (const child of node.children) below = Math.max(below, containerHeight(child, memo));
  const height = below + (CONTAINERS.has(node.name) ? 1 : 0);
  memo.set(node, height);
  return height;
}

const BLOCK_START = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)|^(?:`{3,}|~{3,}|:{3,})/u;

class Writer {
  readonly parts: string[] = [];
  constructor(
    private readonly baseFence: number,
    private readonly tally: RenderTally,
    private readonly heights: Map<Element, number>,
  ) {}

  private endLine(): void {
    const last = this.parts[this.parts.length - 1];
    if (last !== undefined && !last.endsWith("\n")) this.parts.push("\n");
  }

  write(nodes: readonly Node[], depth: number): void {
    for (const node of nodes) {
      if (typeof node === "string") this.parts.push(node);
      else if ("item" in node) this.parts.push(node.item);
      else if ("text" in node) this.parts.push(node.text);
      else this.element(node, depth);
    }
  }

  private element(node: Element, depth: number): void {
    if (node.name === "code") return this.codeBlock(node);
    if (!this.tally.allowDepth(depth + 1)) return this.write(node.children, depth);
    if (node.name === "list") return this.list(node, depth + 1);
    const fence = ":".repeat(this.baseFence + (this.heights.get(node) ?? 1));
    this.endLine();
    this.parts.push(`${fence} ${this.containerInfo(node)}\n`);
    this.write(node.children, depth + 1);
    this.endLine();
    this.parts.push(`${fence}\n`);
  }

  private containerInfo(node: Element): string {
    if (node.name === "quote") {
      const { author, postId } = parseQuoteArg(node.arg);
      return ["quote", postId ?? "-", fenceLineText(author)]
        .filter((part) => part !== "")
        .join(" ");
    }
    if (node.name === "spoiler") {
      const title = node.arg === undefined ? "" : fenceLineText(unquote(node.arg));
      return title ? `spoiler ${title}` : "spoiler";
    }
    return "center";
  }

  private codeBlock(node: Element): void {
    const text = node.children
      .map((child) => (typeof child === "string" ? child : ""))
      .join("")
      .replace(/^[ \t]*\n/u, "")
      .replace(/\n[ \t]*$/u, "");
    let longest = 0;
    for (const run of text.matchAll(/`+/gu)) longest = Math.max(longest, run[0].length);
    const fence = "`".repeat(Math.max(3, longest + 1));
    const language = /^[\w+#.-]{1,20}$/u.exec(unquote(node.arg ?? ""))?.[0] ?? "";
    this.endLine();
    this.parts.push(`${fence}${language}\n${text}\n${fence}\n`);
  }

  private list(node: Element, depth: number): void {
    const ordered = node.arg !== undefined && /^\s*["']?\d/u.test(node.arg);
    const before: Node[] = [];
    const items: Node[][] = [];
    for (const child of node.children) {
      if (typeof child === "object" && "item" in child) items.push([]);
      else (items[items.length - 1] ?? before).push(child);
    }
    const lead = this.render(before, depth).trim();
    this.endLine();
    // Blank lines only around the lead text and after the last item: one between items would make
    // the list loose (a paragraph in every item).
    if (lead) this.parts.push(`${lead}\n\n`);
    items.forEach((item, index) => {
      const marker = ordered ? `${index + 1}. ` : "- ";
      const indent = " ".repeat(marker.length);
      const lines = this.render(item, depth).trim().split("\n");
      // "- - - a" on one line would be a rule, not lists in lists: a block starts on the next line.
      if (BLOCK_START.test(lines[0] ?? "")) lines.unshift("");
      const body = lines.map((line, i) => (i === 0 || line === "" ? line : indent + line));
      this.parts.push(`${marker.trimEnd()}${lines[0] === "" ? "" : " "}${body.join("\n")}\n`);
    });
    this.parts.push("\n");
  }

  private render(nodes: readonly Node[], depth: number): string {
    const inner = new Writer(this.baseFence, this.tally, this.heights);
    inner.write(nodes, depth);
    return inner.parts.join("");
  }
}

/** The source with its paired BBCode block tags written as Markdown; unchanged when it has none. */
export function rewriteBbBlocks(source: string, tally: RenderTally): string {
  BLOCK_TAG.lastIndex = 0;
  if (!BLOCK_TAG.test(source)) return source;
  const nodes = parseBlocks(source, tally);
  if (nodes.every((node) => typeof node === "string")) return source;
  // Fences longer than any run of colons the text has, so no line of it can close one.
  let longestRun = 0;
  for (const run of source.matchAll(/:+/gu)) longestRun = Math.max(longestRun, run[0].length);
  const heights = new Map<Element, number>();
  for (const node of nodes) containerHeight(node, heights);
  const writer = new Writer(Math.max(2, longestRun), tally, heights);
  writer.write(nodes, 0);
  return writer.parts.join("");
}

export function bbcodeBlocks(md: MarkdownIt): void {
  md.core.ruler.after("normalize", "parley_bbcode_blocks", (state: StateCore) => {
    state.src = rewriteBbBlocks(state.src, tallyOf(state.env));
  });
}
