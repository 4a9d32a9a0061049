// Multi-quote: posts a member marks on a thread's pages to quote together, kept in localStorage under
// `parley:multiquote:<threadId>` (an array of post ids) so the selection survives moving between pages.
// Every change dispatches MULTI_QUOTE_CHANGED_EVENT on window; other tabs see the storage event.

export const MULTI_QUOTE_CHANGED_EVENT = "parley:multiquote-changed";
/** Most posts one selection holds (the server quotes at most 20 at a time). */
export const MULTI_QUOTE_MAX = 20;

export interface MultiQuoteChangedDetail {
  threadId: number;
  postIds: number[];
}

export function multiQuoteKey(threadId: number): string {
  return `parley:multiquote:${threadId}`;
}

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}

/** Stored text → valid, distinct post ids. */
export function parseMultiQuote(raw: string | null): number[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    if (!Array.isArray(value)) return [];
    const ids = value.filter(
      (id): id is number => typeof id === "number" && Number.isSafeInteger(id) && id > 0,
    );
    return [...new Set(ids)].slice(0, MULTI_QUOTE_MAX);
  } catch {
    return [];
  }
}

/** The stored text (for the useMultiQuote hook's snapshot cache). */
export function readMultiQuoteRaw(threadId: number): string | null {
  return read(threadId);
}

function read(threadId: number): string | null {
  try {
    return storage()?.getItem(multiQuoteKey(threadId)) ?? null;
  } catch {
    return null;
  }
}

function write(threadId: number, postIds: number[]): void {
  try {
    if (postIds.length === 0) storage()?.removeItem(multiQuoteKey(threadId));
    else storage()?.setItem(multiQuoteKey(threadId), JSON.stringify(postIds));
  } catch {
    // storage blocked or full: the selection just does not stick
  }
  if (typeof window !== "undefined") {
    window.dispatchEvent(
      new CustomEvent<MultiQuoteChangedDetail>(MULTI_QUOTE_CHANGED_EVENT, {
        detail: { threadId, postIds },
      }),
    );
  }
}

/** The post ids selected in this thread, in the order they were picked. */
export function getMultiQuote(threadId: number): number[] {
  return parseMultiQuote(read(threadId));
}

/** Adds the post to the selection or takes it out; returns whether it is selected now. */
export function toggleMultiQuote(threadId: number, postId: number): boolean {
  const ids = getMultiQuote(threadId);
  const selected = !ids.includes(postId);
  write(
    threadId,
    selected ? [...ids, postId].slice(-MULTI_QUOTE_MAX) : ids.filter((id) => id !== postId),
  );
  return selected;
}

export function clearMultiQuote(threadId: number): void {
  write(threadId, []);
}
