// Post source → the HTML stored with the post. Markdown with forum extensions (quotes, spoilers,
// mentions, smilies, attachment placeholders) and XenForo's BBCode beside it (bbcode-*.ts), then an
// allowlist sanitizer over the result.
import markdownIt, { type MarkdownIt, type StateCore, type Token } from "markdown-it";
import { codePointLength, plainTextHtml, RenderTally, TALLY_ENV_KEY } from "./bounds";
import { renderedPostBudget } from "../limits/sizes";
import { forumAttachments } from "./attachments";
import { bbcodeBlocks } from "./bbcode-blocks";
import { bbcodeInlineTags } from "./bbcode-inline";
import { forumContainers, QUOTED_POSTS_ENV_KEY, type QuotedPosts } from "./containers";
import { forumImages } from "./images";
import { forumInlineText, MEMBERS_ENV_KEY } from "./inline-text";
import { forumNesting } from "./nesting";
import { isAllowedHref, sanitizePostHtml } from "./sanitize";

export interface RenderContext {
  /** lower-cased username → profile URL, for members that exist */
  members?: ReadonlyMap<string, string>;
  /** post id → real author, for every post the source quotes; when given, quote attributions are
   * checked against it (see containers.ts). */
  quotedPosts?: QuotedPosts;
}

/**
 * Links to anything but http(s), mailto or a site path lose their link and keep their text, before
 * mentions and smilies run, so that text is treated like any other.
 */
function dropUnsafeLinks(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children) continue;
    const kept: Token[] = [];
    let dropping = false;
    for (const child of block.children) {
      if (child.type === "link_open" && !isAllowedHref(String(child.attrGet("href") ?? ""))) {
        dropping = true;
        continue;
      }
      if (child.type === "link_close" && dropping) {
        dropping = false;
        continue;
      }
      const previous = kept[kept.length - 1];
      if (child.type === "text" && previous?.type === "text") previous.content += child.content;
      else kept.push(child);
    }
    block.children = kept;
  }
}

/**
 * The thread page owns h1 (thread title) and h2 (the post list), so headings in a post start at h3:
 * "# Title" in a post becomes h3, "##" h4, and so on down to h6, keeping the page outline usable for
 * screen-reader navigation.
 */
function clampHeadings(state: StateCore): void {
  for (const token of state.tokens) {
    if (token.type !== "heading_open" && token.type !== "heading_close") continue;
    const level = Number(token.tag.slice(1));
    token.tag = `h${Math.min(6, level + 2)}`;
  }
}

function createMarkdown(): MarkdownIt {
  const md = markdownIt({ html: false, linkify: true, breaks: true, typographer: false });
  // Tables: pipes in prose could turn into one by accident, and alignment needs inline styles.
  // Setext headings: with breaks on, "text" followed by a "---" line is a separator in forum prose,
  // not a request to make "text" a heading; "---" alone still gives <hr>.
  md.disable(["table", "lheading"]);
  md.core.ruler.after("linkify", "parley_drop_unsafe_links", dropUnsafeLinks);
  md.core.ruler.push("parley_clamp_headings", clampHeadings);
  md.use(bbcodeBlocks);
  md.use(bbcodeInlineTags);
  md.use(forumContainers);
  md.use(forumNesting);
  md.use(forumImages);
  md.use(forumAttachments);
  md.use(forumInlineText);
  return md;
}

const md = createMarkdown();

export interface RenderedPost {
  html: string;
  /** The messages of the caps (lib/limits/sizes.ts) this source went past, first met first. */
  exceeded: readonly string[];
}

/**
 * Sanitized HTML for a post's source text, within renderedPostBudget: smilies, mentions, images and
 * nesting past their caps stay as typed, and a post whose HTML would still be larger is shown as plain
 * text. Safe to store and to insert into the thread page as is.
 */
export function renderPostChecked(source: string, ctx?: RenderContext): RenderedPost {
  const tally = new RenderTally();
  const env = {
    [MEMBERS_ENV_KEY]: ctx?.members,
    [QUOTED_POSTS_ENV_KEY]: ctx?.quotedPosts,
    [TALLY_ENV_KEY]: tally,
  };
  const html = sanitizePostHtml(md.render(source, env));
  if (codePointLength(html) <= renderedPostBudget(codePointLength(source)))
    return { html, exceeded: tally.exceeded };
  tally.noteTooLarge();
  return { html: plainTextHtml(source), exceeded: tally.exceeded };
}

export function renderPost(source: string, ctx?: RenderContext): string {
  return renderPostChecked(source, ctx).html;
}
