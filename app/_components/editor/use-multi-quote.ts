"use client";
// The multi-quote selection as React state, for client components (the editor's "Insert quotes"
// button, a post's multi-quote toggle). Kept apart from multi-quote.ts so that module stays React-free.
import { useSyncExternalStore } from "react";
import { MULTI_QUOTE_CHANGED_EVENT, parseMultiQuote, readMultiQuoteRaw } from "./multi-quote";

// useSyncExternalStore needs the same array back while nothing changed: cache it by the stored text.
const snapshots = new Map<number, { raw: string | null; ids: number[] }>();
const EMPTY: number[] = [];

function snapshot(threadId: number): number[] {
  const raw = readMultiQuoteRaw(threadId);
  const cached = snapshots.get(threadId);
  if (cached && cached.raw === raw) return cached.ids;
  const ids = parseMultiQuote(raw);
  snapshots.set(threadId, { raw, ids });
  return ids;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(MULTI_QUOTE_CHANGED_EVENT, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(MULTI_QUOTE_CHANGED_EVENT, onChange);
    window.removeEventListener("storage", onChange);
  };
}

/**
 * The thread's selected post ids, kept current (for client components: e.g. a post's multi-quote
 * toggle's aria-pressed). Empty during server rendering and hydration. Pass null for no thread.
 */
export function useMultiQuote(threadId: number | null | undefined): number[] {
  return useSyncExternalStore(
    subscribe,
    () => (threadId == null ? EMPTY : snapshot(threadId)),
    () => EMPTY,
  );
}
