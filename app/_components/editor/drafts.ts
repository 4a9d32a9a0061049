// Unsent post text kept in localStorage under the editor's draftKey, so a reload, a crash or a wrong
// click loses nothing. Browser-only; every call is a no-op where storage is unavailable.

/** Dispatched on window by clearDraft, detail { draftKey }: a mounted editor drops its pending save. */
export const DRAFT_CLEARED_EVENT = "parley:draft-cleared";

export interface DraftClearedDetail {
  draftKey: string;
}

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null; // blocked by the browser's privacy settings
  }
}

export function loadDraft(draftKey: string): string | null {
  try {
    return storage()?.getItem(draftKey) ?? null;
  } catch {
    return null;
  }
}

export function saveDraft(draftKey: string, text: string): void {
  try {
    if (text.trim() === "") storage()?.removeItem(draftKey);
    else storage()?.setItem(draftKey, text);
  } catch {
    // Quota exceeded or storage blocked: the text is still in the editor.
  }
}

/** Forgets the draft, e.g. once the post is saved. Safe to call on the server (does nothing). */
export function clearDraft(draftKey: string): void {
  try {
    storage()?.removeItem(draftKey);
  } catch {
    // nothing stored, nothing to clear
  }
  if (typeof window !== "undefined") {
    window.dispatchEvent(
      new CustomEvent<DraftClearedDetail>(DRAFT_CLEARED_EVENT, { detail: { draftKey } }),
    );
  }
}
