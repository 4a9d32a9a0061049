// Mentions and smilies live in plain text only: the rule runs on markdown-it's text tokens, so code
// spans and blocks (other token types) are never touched, and it skips everything between link_open
// and link_close, so URLs and link text stay as written.
import type { MarkdownIt, StateCore, Token } from "markdown-it";
import { tallyOf, type RenderTally } from "./bounds";
import { matchMention, memberIndex, type MemberIndex } from "./mentions";
import { isAllowedHref } from "./sanitize";
import { matchSmilie, SMILIE_START_CHARS } from "./smilies";

/** Where renderPost leaves the members for this rule. */
export const MEMBERS_ENV_KEY = "parleyMembers";

// A bare URL linkify did not recognise is still a URL: a word containing one is copied untouched.
const URLISH_WORD = /[^\s]*(?::\/\/|www\.)[^\s]*/iuy;

function membersFrom(state: StateCore): MemberIndex | null {
  const members = state.env[MEMBERS_ENV_KEY];
  return members instanceof Map ? memberIndex(members as ReadonlyMap<string, string>) : null;
}

function splitText(
  state: StateCore,
  source: Token,
  members: MemberIndex | null,
  tally: RenderTally,
): Token[] | null {
  const text = source.content;
  const out: Token[] = [];
  let plainFrom = 0;
  const flushPlain = (end: number) => {
    if (end > plainFrom) {
      const token = new state.Token("text", "", 0);
      token.content = text.slice(plainFrom, end);
      token.level = source.level;
      out.push(token);
    }
  };

  let i = 0;
  while (i < text.length) {
    if (i === 0 || /\s/u.test(text.charAt(i - 1))) {
      URLISH_WORD.lastIndex = i;
      const url = URLISH_WORD.exec(text);
      if (url) {
        i += url[0].length;
        continue;
      }
    }
    const char = text.charAt(i);
    let typed: string | null = null;
    let token: Token | null = null;
    if (char === "@") {
      const mention = matchMention(text, i, members);
      if (mention) {
        typed = mention.typed;
        const href = mention.href !== null && isAllowedHref(mention.href) ? mention.href : null;
        token = new state.Token("mention", href ? "a" : "span", 0);
        token.meta = { href };
      }
    } else if (SMILIE_START_CHARS.has(char)) {
      const smilie = matchSmilie(text, i);
      if (smilie) {
        typed = smilie.typed;
        token = new state.Token("smilie", "span", 0);
        token.meta = { emoji: smilie.smilie.emoji };
      }
    }
    if (typed && token && !tally.allow(token.type === "mention" ? "mentions" : "smilies")) {
      // Past the post's cap the rest stays as typed, skipped whole so no part of it matches again.
      i += typed.length;
    } else if (token && typed) {
      flushPlain(i);
      token.content = typed;
      token.level = source.level;
      out.push(token);
      i += typed.length;
      plainFrom = i;
    } else {
      i++;
    }
  }
  if (out.length === 0) return null;
  flushPlain(text.length);
  return out;
}

function forumText(state: StateCore): void {
  const members = membersFrom(state);
  const tally = tallyOf(state.env);
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children) continue;
    const children: Token[] = [];
    let linkDepth = 0;
    for (const child of block.children) {
      if (child.type === "link_open") linkDepth++;
      if (child.type === "link_close") linkDepth = Math.max(0, linkDepth - 1);
      const replaced =
        child.type === "text" && linkDepth === 0 ? splitText(state, child, members, tally) : null;
      // A loop, not push(...replaced): a long post can split into more tokens than fit in arguments.
      if (replaced) for (const token of replaced) children.push(token);
      else children.push(child);
    }
    block.children = children;
  }
}

export function forumInlineText(md: MarkdownIt): void {
  // Before text_join: escaped characters ("\@name", "\:)") are still separate text_special tokens
  // then, so escaping is how an author writes a literal @name or :).
  md.core.ruler.before("text_join", "parley_inline_text", forumText);

  const escape = md.utils.escapeHtml;
  md.renderer.rules.mention = (tokens, idx) => {
    const token = tokens[idx];
    if (!token) return "";
    const href = token.meta?.href;
    return typeof href === "string"
      ? `<a class="mention" href="${escape(href)}">${escape(token.content)}</a>`
      : `<span class="mention">${escape(token.content)}</span>`;
  };
  md.renderer.rules.smilie = (tokens, idx) => {
    const token = tokens[idx];
    if (!token) return "";
    return `<span class="smilie" title="${escape(token.content)}">${escape(String(token.meta?.emoji ?? ""))}</span>`;
  };
}
