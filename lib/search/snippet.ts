// Highlighted snippets made safe. Postgres's ts_headline returns the document's own text with markers
// around the matches and escapes nothing, and the document is the member's Markdown: anything in it
// (`<img onerror=…>`) would reach the page as HTML. So ts_headline marks matches with control
// characters that cannot occur in the text (they are removed from it first, see SNIPPET_SOURCE),
// and this module escapes the whole snippet and only then turns the markers into <mark>.
//
// `<` is also swapped for a control character before ts_headline, because its parser drops anything
// shaped like a tag (`<script>`) from the headline: a post about HTML would lose its words.
import { sql, type SQL } from "drizzle-orm";

const LT = "\u0001";
const START = "\u0002";
const STOP = "\u0003";

/** ts_headline options for a post's snippet: one passage of 15 to 35 words around the best match.
 * (Not MaxFragments: with one match it repeats the same passage twice, and it drops trailing words.) */
export const SNIPPET_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxWords=35, MinWords=15`;
/** For thread titles: the whole title, every match marked. */
export const TITLE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, HighlightAll=true`;

/** A text column prepared for ts_headline: marker characters removed, `<` swapped out, and the
 * `::: quote 123 Name` / `:::` lines of quote and spoiler blocks left out (their text stays). */
export function headlineSource(column: SQL | SQL.Aliased | unknown): SQL {
  return sql`regexp_replace(replace(translate(${column}, ${LT + START + STOP}, ''), '<', ${LT}), '^:::.*$', '', 'gn')`;
}

// A post's source → its words as the page shows them, for snippets: Markdown and BBCode marks left
// out (as plainExcerpt does in lib/markup/excerpt.ts), so a snippet never shows "**Type 26**". Postgres
// regular expressions, applied in order; only the 20 rows shown run them.
const PLAIN_TEXT_STEPS: ReadonlyArray<
  readonly [pattern: string, replacement: string, flags: string]
> = [
  // Images and media show no words.
  ["\\[(img|media)[^]\n]*\\][^[]*\\[/\\1\\]", " ", "gi"],
  ["!\\[([^]\n]*)\\]\\([^)\n]*\\)", "\\1", "g"],
  // [text](url) → text
  ["\\[([^]\n]*)\\]\\([^)\n]*\\)", "\\1", "g"],
  // BBCode block tags part words, inline ones do not.
  ["\\[/?(quote|spoiler|center|code|list)(=[^]\n]*)?\\]|\\[\\*\\]", " ", "gi"],
  ["\\[/?(b|i|u|s|size|color|url|icode|user)(=[^]\n]*)?\\]", "", "gi"],
  ["^([ \t]*(#{1,6}|>+))+[ \t]*", "", "gn"],
  ["\\*+|__|~~|`+", "", "g"],
];

/** A post source column as plain text (see PLAIN_TEXT_STEPS), for headlineSource. */
export function plainSource(column: SQL | SQL.Aliased | unknown): SQL {
  return PLAIN_TEXT_STEPS.reduce<SQL>(
    (text, [pattern, replacement, flags]) =>
      sql`regexp_replace(${text}, ${pattern}, ${replacement}, ${flags})`,
    sql`${column}`,
  );
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** ts_headline's output → HTML with nothing but escaped text and balanced <mark> elements. */
export function headlineToHtml(headline: string): string {
  let html = "";
  let open = false;
  for (const part of headline.replaceAll(LT, "<").split(/([\u0002\u0003])/)) {
    if (part === START) {
      if (!open) html += "<mark>";
      open = true;
    } else if (part === STOP) {
      if (open) html += "</mark>";
      open = false;
    } else {
      // One line: the snippet is a glimpse of the post, not its layout.
      html += escapeHtml(part.replace(/[\u0000-\u001f\u007f\s]+/g, " "));
    }
  }
  return (open ? `${html}</mark>` : html).trim();
}
