// Quotes, spoilers, block quotes and lists inside one another. Every level is a pair of tags around
// everything inside it, so a line of ">>>>…" once rendered to 26 characters of HTML for each ">" of
// source. Past POST_NESTING the wrappers are left out and what they held is shown at the deepest
// allowed level: nothing is lost, nothing nests further.
import type { MarkdownIt, StateCore, Token } from "markdown-it";
import { tallyOf } from "./bounds";

const NESTS = new Set([
  "blockquote",
  "bullet_list",
  "ordered_list",
  "container_quote",
  "container_spoiler",
  "container_center",
]);

function capNesting(state: StateCore): void {
  const tally = tallyOf(state.env);
  const kept: Token[] = [];
  // One entry per open nest around the current token: whether its tags were left out.
  const open: boolean[] = [];
  let insideDropped = false;
  for (const token of state.tokens) {
    const kind = token.type.replace(/_(?:open|close)$/, "");
    if (NESTS.has(kind)) {
      if (token.nesting === 1) {
        const dropped = !tally.allowDepth(open.length + 1);
        open.push(dropped);
        insideDropped = dropped;
        if (!dropped) kept.push(token);
      } else {
        const dropped = open.pop() ?? false;
        insideDropped = open.at(-1) ?? false;
        if (!dropped) kept.push(token);
      }
      continue;
    }
    if (insideDropped) {
      // A list item whose list was left out goes with it; its paragraphs, hidden in a tight list,
      // are shown as paragraphs so its items do not run together.
      if (kind === "list_item") continue;
      if (kind === "paragraph") token.hidden = false;
    }
    kept.push(token);
  }
  state.tokens = kept;
}

export function forumNesting(md: MarkdownIt): void {
  md.core.ruler.after("block", "parley_cap_nesting", capNesting);
}
