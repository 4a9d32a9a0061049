// How the rest of the page talks to the post editor: a window event, so a post's Quote button needs no
// reference to the editor (which may be further down the page, or not there at all).

export const INSERT_QUOTE_EVENT = "parley:insert-quote";

export interface InsertQuoteDetail {
  markup: string;
}

/** Inserts quote markup (e.g. quoteMarkup(...)) at the editor's caret, focuses and scrolls to it. */
export function insertQuote(markup: string): void {
  if (typeof window === "undefined") return;
  window.dispatchEvent(
    new CustomEvent<InsertQuoteDetail>(INSERT_QUOTE_EVENT, { detail: { markup } }),
  );
}

// When a page holds more than one editor (a reply box and an inline edit, say), a quote goes to the one
// the member last typed in, or else to the first one mounted. The editors register themselves here.
const editors: object[] = [];
let lastFocused: object | null = null;

/** For PostEditor: joins the editors that may receive quotes; returns the leave function. */
export function registerQuoteTarget(editor: object): () => void {
  editors.push(editor);
  return () => {
    const index = editors.indexOf(editor);
    if (index !== -1) editors.splice(index, 1);
    if (lastFocused === editor) lastFocused = null;
  };
}

/** For PostEditor: its textarea got focus. */
export function noteQuoteTargetFocus(editor: object): void {
  lastFocused = editor;
}

/** For PostEditor: whether an insert-quote event is this editor's to handle. */
export function isQuoteTarget(editor: object): boolean {
  return (lastFocused ?? editors[0]) === editor;
}
