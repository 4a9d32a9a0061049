"use client";

// The editor's draft in localStorage (./drafts.ts): saved a moment after the member stops typing,
// restored on mount, and the text typed into the server-rendered page before the script arrived.
import { useCallback, useEffect, useEffectEvent, useLayoutEffect, useRef } from "react";
import {
  clearDraft,
  DRAFT_CLEARED_EVENT,
  loadDraft,
  saveDraft,
  type DraftClearedDetail,
} from "./drafts";
import type { EditorText } from "./use-editor-text";

const DRAFT_SAVE_DELAY = 300;

/** Debounced saving: call schedule on each edit; flush before the page goes away or the form is sent. */
export function useDraftSaving(draftKey: string | undefined, defaultValue: string | undefined) {
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pendingSave = useRef<(() => void) | null>(null);

  const flush = useCallback(() => {
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = null;
    const save = pendingSave.current;
    pendingSave.current = null;
    save?.();
  }, []);

  const cancel = useCallback(() => {
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = null;
    pendingSave.current = null;
  }, []);

  const schedule = useCallback(
    (next: string) => {
      if (!draftKey) return;
      if (saveTimer.current) clearTimeout(saveTimer.current);
      pendingSave.current = () => {
        // Nothing worth keeping when the text is what the page started with.
        saveDraft(draftKey, next === (defaultValue ?? "") ? "" : next);
      };
      saveTimer.current = setTimeout(flush, DRAFT_SAVE_DELAY);
    },
    [draftKey, defaultValue, flush],
  );

  // A page that clears the draft (post saved) also cancels a save still waiting to happen.
  useEffect(() => {
    if (!draftKey) return;
    const onCleared = (event: Event) => {
      if ((event as CustomEvent<DraftClearedDetail>).detail?.draftKey === draftKey) cancel();
    };
    window.addEventListener(DRAFT_CLEARED_EVENT, onCleared);
    // Leaving the page (or this editor) keeps the last keystrokes.
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener(DRAFT_CLEARED_EVENT, onCleared);
      window.removeEventListener("pagehide", flush);
      flush();
    };
  }, [draftKey, cancel, flush]);

  return { schedule, flush };
}

/**
 * On mount (and when the key changes): adopts text typed before hydration, or else restores a saved
 * draft. Both live outside React until then (the DOM, localStorage), hence an effect; a layout
 * effect, so no re-render can overwrite the typed text first. Returns the notice's Discard action.
 */
export function useDraftRestore({
  draftKey,
  defaultValue,
  autoFocus,
  editor,
}: {
  draftKey: string | undefined;
  defaultValue: string | undefined;
  autoFocus: boolean | undefined;
  editor: EditorText;
}) {
  const adoptOrRestore = useEffectEvent(() => {
    // The server-rendered textarea can be typed in before this script arrives, and that text is in
    // the DOM but not in React's state; adopt it, or the first re-render would wipe it.
    const typed = editor.textareaRef.current?.value ?? "";
    if (typed !== editor.textRef.current && typed.trim() !== "") {
      editor.setText(typed);
      return;
    }
    // The server cannot see localStorage: the saved draft comes in here.
    if (!draftKey) return;
    const draft = loadDraft(draftKey);
    if (draft === null || draft === editor.textRef.current || draft.trim() === "") return;
    editor.restoreDraft(draft);
    if (autoFocus)
      editor.selectAfterRender({
        start: draft.length,
        end: draft.length,
        focus: true,
        scroll: false,
      });
  });
  useLayoutEffect(() => adoptOrRestore(), [draftKey]);

  return function discard() {
    if (draftKey) clearDraft(draftKey);
    const original = defaultValue ?? "";
    editor.selectAfterRender({
      start: original.length,
      end: original.length,
      focus: true,
      scroll: false,
    });
    editor.setText(original);
  };
}
