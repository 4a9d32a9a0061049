// What one render has expanded so far. A post's source is at most 50,000 characters, but ":) " is 3 of
// them and its smilie ~45 characters of HTML; 20 such posts made a 35 MB page that four guests could
// not be served at once. Each rule that builds markup asks here first: past a cap, the rest stays as
// typed, so a stored post renders within the caps whenever it was written.
import {
  POST_IMAGES,
  POST_MENTIONS,
  POST_NESTING,
  POST_SMILIES,
  RENDERED_POST,
  renderedPostBudget,
  type CountLimit,
} from "../limits/sizes";

export const TALLY_ENV_KEY = "parleyTally";

const LIMITS = {
  smilies: POST_SMILIES,
  mentions: POST_MENTIONS,
  images: POST_IMAGES,
  nesting: POST_NESTING,
} satisfies Record<string, CountLimit>;

export type Expansion = keyof typeof LIMITS;

export class RenderTally {
  private readonly counts: Record<Expansion, number> = {
    smilies: 0,
    mentions: 0,
    images: 0,
    nesting: 0,
  };
  /** The caps this source went past, in the order it met them (their messages). */
  readonly exceeded: string[] = [];

  /** Whether one more of `kind` may be built; counts it either way. */
  allow(kind: Expansion): boolean {
    this.counts[kind] += 1;
    return this.within(kind, this.counts[kind]);
  }

  /** Whether a container at `depth` (1 for the outermost) may be built. */
  allowDepth(depth: number): boolean {
    return this.within("nesting", depth);
  }

  noteTooLarge(): void {
    if (!this.exceeded.includes(RENDERED_POST.tooLarge)) this.exceeded.push(RENDERED_POST.tooLarge);
  }

  private within(kind: Expansion, n: number): boolean {
    const limit = LIMITS[kind];
    if (n <= limit.max) return true;
    if (!this.exceeded.includes(limit.tooMany)) this.exceeded.push(limit.tooMany);
    return false;
  }
}

/** The tally a render keeps in markdown-it's env (renderPost always puts one there). */
export function tallyOf(env: unknown): RenderTally {
  const tally = (env as Record<string, unknown> | null)?.[TALLY_ENV_KEY];
  return tally instanceof RenderTally ? tally : new RenderTally();
}

/** Characters as Postgres's length() counts them (code points), so a stored post and the budget
 * check that let it through agree. */
export function codePointLength(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) length--;
  }
  return length;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
const TRUNCATED = "<p><em>This post is too long to show in full.</em></p>";

/**
 * The post as plain text, line breaks kept, within renderedPostBudget: what a post shows when its
 * formatting would be larger. Built from escaped text only, so it needs no sanitizing; a source of
 * nothing but "&" (5 characters each once escaped) is cut short, with a note saying so.
 */
export function plainTextHtml(source: string): string {
  // Measured in UTF-16 units, never fewer than code points: within budget either way.
  const budget = renderedPostBudget(codePointLength(source)) - TRUNCATED.length - "<p></p>".length;
  const parts: string[] = [];
  let length = 0;
  let cut = false;
  for (const char of source) {
    const piece = char === "\n" ? "<br>\n" : (ESCAPES[char] ?? char);
    if (length + piece.length > budget) {
      cut = true;
      break;
    }
    parts.push(piece);
    length += piece.length;
  }
  return `<p>${parts.join("")}</p>${cut ? TRUNCATED : ""}`;
}
