"use client";

// Quotes arriving from the page: a post's Quote button (./events.ts) and the multi-quote selection's
// "Insert quotes" button (./multi-quote.ts).
import { useEffect, useEffectEvent, useState } from "react";
import { quotesFor } from "./actions";
import {
  INSERT_QUOTE_EVENT,
  isQuoteTarget,
  noteQuoteTargetFocus,
  registerQuoteTarget,
  type InsertQuoteDetail,
} from "./events";
import { clearMultiQuote } from "./multi-quote";
import { useMultiQuote } from "./use-multi-quote";

/** Joins the page's editors that may receive quotes; returns the textarea's onFocus handler. */
export function useQuoteTarget(insert: (markup: string) => void): () => void {
  const onQuote = useEffectEvent(insert);
  /** This editor's identity among the page's editors (events.ts picks which one gets a quote). */
  const [self] = useState(() => ({}));
  useEffect(() => {
    const leave = registerQuoteTarget(self);
    const onInsert = (event: Event) => {
      const markup = (event as CustomEvent<InsertQuoteDetail>).detail?.markup;
      if (typeof markup === "string" && isQuoteTarget(self)) onQuote(markup);
    };
    window.addEventListener(INSERT_QUOTE_EVENT, onInsert);
    return () => {
      window.removeEventListener(INSERT_QUOTE_EVENT, onInsert);
      leave();
    };
  }, [self]);
  return () => noteQuoteTargetFocus(self);
}

/** The thread's multi-quote selection, and inserting it all at once (then forgetting it). */
export function useMultiQuoteInsert(
  threadId: number | undefined,
  insert: (markup: string) => void,
) {
  const selected = useMultiQuote(threadId);
  const [quoting, setQuoting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function insertSelected() {
    if (threadId === undefined || selected.length === 0 || quoting) return;
    setQuoting(true);
    setError(null);
    try {
      const result = await quotesFor(selected);
      if ("markup" in result) {
        insert(result.markup);
        clearMultiQuote(threadId);
      } else {
        setError(result.error);
      }
    } catch {
      setError("The quotes could not be loaded. Please try again.");
    } finally {
      setQuoting(false);
    }
  }

  return {
    count: threadId === undefined ? 0 : selected.length,
    quoting,
    error,
    insertSelected,
  };
}
