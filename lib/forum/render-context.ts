import { inArray, sql } from "drizzle-orm";
import { posts, users } from "@/db/schema";
import type { DbOrTx } from "@/db/tx";
import { attachmentCountRefusal } from "../attachments/claim";
import { quotedPostIds } from "../markup/quote";
import { renderPostChecked, type RenderContext } from "../markup/render";
import { MEMBER_NAME } from "../limits/sizes";
import { memberUrl } from "../urls";

/** Every string an "@" could be the start of a member name with: up to five words, 32 characters. */
export function mentionCandidates(source: string): string[] {
  const found = new Set<string>();
  // The name is read in a lookahead, so one mention's text does not swallow the next "@" on the line.
  for (const match of source.matchAll(
    /(?:^|[^\p{L}\p{N}_@])@(?=([\p{L}\p{M}\p{N}_.\-][^\n]{0,64}))/gu,
  )) {
    const words = match[1]!.split(" ");
    for (let n = 1; n <= Math.min(5, words.length); n++) {
      const candidate = words
        .slice(0, n)
        .join(" ")
        .replace(/[.,!?;:)]+$/u, "");
      if (candidate.length >= MEMBER_NAME.min && candidate.length <= MEMBER_NAME.max)
        found.add(candidate.toLowerCase());
    }
  }
  return [...found].slice(0, 200);
}

export interface PostRenderFacts {
  ctx: Required<RenderContext>;
  /** profile URL → member id, to tell from the rendered HTML whom the post really mentions. */
  memberIdByUrl: ReadonlyMap<string, string>;
  quoted: { postId: number; authorId: string | null }[];
}

/** What rendering a post needs from the database: the members it mentions and the posts it quotes. */
export async function renderFacts(db: DbOrTx, source: string): Promise<PostRenderFacts> {
  const candidates = mentionCandidates(source);
  const ids = quotedPostIds(source).slice(0, 100);
  const [mentioned, quoted] = await Promise.all([
    candidates.length
      ? db
          .select({ id: users.id, number: users.number, name: users.name })
          .from(users)
          .where(inArray(sql`lower(${users.name})`, candidates))
      : [],
    ids.length
      ? db
          .select({ id: posts.id, authorId: posts.authorId, authorName: posts.authorName })
          .from(posts)
          .where(inArray(posts.id, ids))
      : [],
  ]);
  return {
    ctx: {
      members: new Map(mentioned.map((m) => [m.name.toLowerCase(), memberUrl(m)])),
      quotedPosts: new Map(quoted.map((q) => [q.id, q.authorName])),
    },
    memberIdByUrl: new Map(mentioned.map((m) => [memberUrl(m), m.id])),
    quoted: quoted.map((q) => ({ postId: q.id, authorId: q.authorId })),
  };
}

/** The HTML outside every block quote: a quoted post's mentions were its author's, alerted when it
 * was posted, and quoting it must not alert them again. The HTML is the renderer's (sanitized), so
 * its blockquote tags are balanced and this count of depth is exact. */
export function outsideQuotes(html: string): string {
  let depth = 0;
  let from = 0;
  let outside = "";
  for (const tag of html.matchAll(/<(\/?)blockquote\b[^>]*>/g)) {
    if (tag[1] === "") {
      if (depth === 0) outside += html.slice(from, tag.index);
      depth++;
    } else if (depth > 0 && --depth === 0) {
      from = tag.index + tag[0].length;
    }
  }
  return depth === 0 ? outside + html.slice(from) : outside;
}

/** The members a rendered post links as mentions outside quotes (the renderer picked the longest
 * matching names). */
export function mentionedMemberIds(html: string, facts: PostRenderFacts): string[] {
  const ids = new Set<string>();
  for (const tag of outsideQuotes(html).matchAll(/<a\b[^>]*\bclass="mention"[^>]*>/g)) {
    const href = /\bhref="([^"]+)"/.exec(tag[0])?.[1];
    const id = href ? facts.memberIdByUrl.get(href) : undefined;
    if (id) ids.add(id);
  }
  return [...ids];
}

export interface RenderedForSaving {
  html: string;
  facts: PostRenderFacts;
  /** The first formatting cap (lib/limits/sizes.ts) the message goes past, in the member's words. */
  refusal: string | null;
}

/**
 * A message rendered as it will be stored, and whether it may be: the one check of the formatting
 * caps for preview, new threads, replies and edits (server actions and the JSON reply route alike).
 * One render does both, so a preview costs what it did before the caps.
 */
export async function renderForSaving(db: DbOrTx, source: string): Promise<RenderedForSaving> {
  const facts = await renderFacts(db, source);
  const { html, exceeded } = renderPostChecked(source, facts.ctx);
  return { html, facts, refusal: exceeded[0] ?? attachmentCountRefusal(source) };
}
