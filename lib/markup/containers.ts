// Quote and spoiler blocks, as markdown-it-container fences ("::: quote …" / "::: spoiler …").
// Their open/close tags are written here by hand because the attribution and summary come from the
// info string, which markdown-it leaves raw: every piece of it is escaped before it reaches HTML.
import container from "markdown-it-container";
import type { MarkdownIt, RendererRule } from "markdown-it";
import { postUrl } from "../urls";
import { parseQuoteInfo, type QuoteAttribution } from "./quote";

interface ContainerOptions {
  validate: (params: string, markup: string) => boolean;
  render: RendererRule;
}

// @types/markdown-it-container is written against markdown-it 13's types; markdown-it 15 ships its own.
const containerPlugin = container as unknown as (
  md: MarkdownIt,
  name: string,
  options: ContainerOptions,
) => void;

const startsWithWord = (word: string) => (params: string) =>
  new RegExp(`^${word}(?:\\s|$)`, "u").test(params.trim());

export const QUOTED_POSTS_ENV_KEY = "parleyQuotedPosts";
/** post id → the name of its real author, for the posts a source quotes. */
export type QuotedPosts = ReadonlyMap<number, string>;

/** A quote may claim any post and author: when the real posts are known, the post's real author is
 * shown, and a quote of a post that does not exist keeps its text but loses its link. */
function verifiedAttribution(
  claimed: QuoteAttribution,
  known: QuotedPosts | undefined,
): QuoteAttribution {
  if (!known || claimed.postId === null) return claimed;
  const author = known.get(claimed.postId);
  return author === undefined
    ? { postId: null, author: claimed.author }
    : { postId: claimed.postId, author };
}

export function forumContainers(md: MarkdownIt): void {
  const escape = md.utils.escapeHtml;

  const renderQuote: RendererRule = (tokens, idx, _options, env) => {
    const token = tokens[idx];
    if (!token || token.nesting !== 1) return "</div></blockquote>\n";
    const claimed = parseQuoteInfo(token.info);
    const { postId, author } = verifiedAttribution(
      claimed,
      (env as Record<string, unknown>)[QUOTED_POSTS_ENV_KEY] as QuotedPosts | undefined,
    );
    const idAttr = postId !== null ? ` data-post-id="${postId}"` : "";
    let attribution = "";
    if (author) {
      const said = `${escape(author)} said:`;
      const linked = postId !== null ? `<a href="${escape(postUrl(postId))}">${said}</a>` : said;
      attribution = `<p class="quote-attribution">${linked}</p>`;
    }
    return `<blockquote class="quote"${idAttr}>${attribution}<div class="quote-body">\n`;
  };

  const renderSpoiler: RendererRule = (tokens, idx) => {
    const token = tokens[idx];
    if (!token || token.nesting !== 1) return "</div></details>\n";
    const title = token.info
      .trim()
      .replace(/^spoiler/u, "")
      .replace(/[\p{Cc}\u202A-\u202E\u2066-\u2069]+/gu, " ")
      .trim();
    const summary = title ? `Spoiler: ${escape(title)}` : "Spoiler";
    return `<details class="spoiler"><summary>${summary}</summary><div class="spoiler-body">\n`;
  };

  // Written by BBCode's [center] (bbcode-blocks.ts); "::: center" works in Markdown too.
  const renderCenter: RendererRule = (tokens, idx) =>
    tokens[idx]?.nesting === 1 ? '<div style="text-align:center">\n' : "</div>\n";

  containerPlugin(md, "quote", { validate: startsWithWord("quote"), render: renderQuote });
  containerPlugin(md, "center", { validate: startsWithWord("center"), render: renderCenter });
  containerPlugin(md, "spoiler", { validate: startsWithWord("spoiler"), render: renderSpoiler });
}
