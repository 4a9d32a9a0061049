// The text of synthetic posts: a handful of bodies rendered once with the app's own renderer, and
// every "quote + reply" pair rendered once with placeholders that SQL swaps for the quoted post's id
// and author. The quote blocks are written by quoteMarkup, exactly as the editor's Quote button does.
import { quoteMarkup, stripQuotes } from "../../lib/markup/quote";
import { renderPost } from "../../lib/markup/render";

/** Stand-ins replaced in SQL (replace()) by the quoted post's id and its author's name. Neither
 * string occurs in any body, and member names are plain letters and digits, which HTML leaves as is. */
export const QUOTED_ID_PLACEHOLDER = "987654321";
export const QUOTED_AUTHOR_PLACEHOLDER = "QuotedAuthorPlaceholder";

/** Words for the search scenarios: one in a few early (often picked) bodies, one only in the last
 * (rarely picked) body. The fill picks body k with a skewed probability (see fill.ts), so words come
 * with a realistic spread of frequencies. */
export const SEARCH_WORDS = { common: "schedule", rare: "hovercraft" } as const;

const BODIES: readonly string[] = [
  "Agreed.",
  "Good find, thanks for posting this :thumb:",
  "That is not what the report says. Read **page 14** again: the delivery schedule slipped by two years, not six months.",
  "Source? I have seen the same claim on three different sites and none of them links to anything official.",
  "The real problem is maintenance. A fleet of 40 airframes with a 30% availability rate is a fleet of 12, and everyone in the procurement office knows it.\n\nBuying more without fixing the depot backlog just moves the number around.",
  "Some context for those who missed the earlier pages:\n\n- the first batch was ordered in 2014\n- the second batch was cancelled after the budget review\n- the current order is a *lease*, not a purchase\n\nSo comparing unit prices across the three is meaningless.",
  "I was there for the exercise last year. The logistics were the weak point, not the equipment: fuel arrived late on two of the five days and the whole schedule shifted with it. :rolleyes:",
  "Interesting article here: https://example.com/analysis/naval-procurement-2024\n\nThe author argues that the shipyard capacity, not the budget, is what limits the programme. I am not fully convinced, but the numbers on workforce are hard to argue with.",
  "Lol, every thread ends up in the same place :D",
  "Let me try to summarise where we are.\n\n### What is confirmed\nThe contract is signed and the first payment was made in March.\n\n### What is not\nThe engine choice, the local production share and the delivery dates. Anything you read about those is speculation for now, including what I wrote on the previous page.",
  "Numbers from the annual report, for reference:\n\n1. personnel: 14,200 active, 3,100 reserve\n2. budget: up 4.1% in real terms\n3. procurement share: 23% of the total\n\nThe procurement share is the one to watch; it was 31% five years ago.",
  "You are mixing up two different programmes. The one you are thinking of was the coastal patrol vessel; this thread is about the frigate replacement. Easy mistake, the names are almost identical ;)",
  "The parliament committee asked the same question last week and got no answer. The minister promised a written reply before the summer recess.",
  "Satellite images from Tuesday show the submarine back in the dry dock, so the sea trials are clearly delayed again.",
  "Radar coverage in the north is still patchy. Two of the four stations run on generators since the storm, according to the local press.",
  "Training hours per pilot dropped to 110 a year. NATO's guideline is 180. No amount of new aircraft fixes that.",
  "Recruitment figures are out: the army missed its target by 18%, the navy by 9%. The air force was the only service above plan.",
  "Anyone know whether the howitzer order includes ammunition? The press release mentions a support package but no quantities.",
  "Photos of the new armoured vehicles at the parade. The turret looks different from the prototype, probably the export version.",
  "Old but relevant: the 1998 white paper predicted exactly this shortage of engineers. Nobody listened then either.",
  "The hovercraft squadron was disbanded in 2011, so that part of the story cannot be right.",
  "Quartermaster records from the depot audit list 212 unserviceable tyres and a single working forklift. Make of that what you will.",
];

/** Short signatures for some members' profiles (and their rendered HTML). */
const SIGNATURES: readonly string[] = [
  "*Si vis pacem, para bellum.*",
  "Opinions are my own. Sources on request.",
  "Retired, still reading everything :coffee:",
];

export interface Rendered {
  source: string;
  html: string;
}

export interface QuoteTemplate extends Rendered {
  /** Index of the reply's own body. */
  own: number;
  /** Index of the quoted post's body. */
  quoted: number;
}

export function postTemplates(): {
  plain: Rendered[];
  quotes: QuoteTemplate[];
  signatures: Rendered[];
} {
  const plain = BODIES.map((source) => ({ source, html: renderPost(source) }));
  const quotedPosts = new Map([[Number(QUOTED_ID_PLACEHOLDER), QUOTED_AUTHOR_PLACEHOLDER]]);
  const quotes: QuoteTemplate[] = [];
  for (let quoted = 0; quoted < BODIES.length; quoted++) {
    for (let own = 0; own < BODIES.length; own++) {
      const block = quoteMarkup(
        { author: QUOTED_AUTHOR_PLACEHOLDER, postId: Number(QUOTED_ID_PLACEHOLDER) },
        stripQuotes(BODIES[quoted]!),
      );
      const source = `${block}\n${BODIES[own]!}`;
      const html = renderPost(source, { quotedPosts });
      if (
        !html.includes(`data-post-id="${QUOTED_ID_PLACEHOLDER}"`) ||
        !html.includes(`${QUOTED_AUTHOR_PLACEHOLDER} said:`)
      ) {
        throw new Error(
          "The quote template did not render as a linked quote: has lib/markup changed the quote HTML?",
        );
      }
      quotes.push({ own, quoted, source, html });
    }
  }
  for (const text of [...BODIES, ...SIGNATURES]) {
    if (text.includes(QUOTED_ID_PLACEHOLDER) || text.includes(QUOTED_AUTHOR_PLACEHOLDER))
      throw new Error("a body contains a placeholder");
  }
  const signatures = SIGNATURES.map((source) => ({ source, html: renderPost(source) }));
  return { plain, quotes, signatures };
}
