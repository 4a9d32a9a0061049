"use client";

// The editor's text and caret: controlled or not, and how a command's result reaches the textarea so
// the member can undo it like their own typing.
import { useCallback, useLayoutEffect, useRef, useState } from "react";
import type { EditorState } from "@/lib/markup/editor-commands";

/** Selection (and whether to focus / scroll) to apply once React has rendered a new text. */
export interface PendingSelection {
  start: number;
  end: number;
  focus: boolean;
  scroll: boolean;
}

/** The changed span between two texts: [start, end in old, end in new]. */
function changedRange(before: string, after: string): [number, number, number] {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (
    endBefore > start &&
    endAfter > start &&
    before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)
  ) {
    endBefore--;
    endAfter--;
  }
  return [start, endBefore, endAfter];
}

export function scrollToTextarea(textarea: HTMLTextAreaElement) {
  const reduceMotion = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
  textarea.scrollIntoView({ block: "center", behavior: reduceMotion ? "auto" : "smooth" });
}

export function useEditorText({
  value,
  defaultValue,
  onChange,
  onEdit,
}: {
  value: string | undefined;
  defaultValue: string | undefined;
  onChange: ((value: string) => void) | undefined;
  /** Every change the member makes (typing, commands), e.g. to save a draft. */
  onEdit: (next: string) => void;
}) {
  const [ownText, setOwnText] = useState(defaultValue ?? "");
  // The text is a draft restored from localStorage that the member has not changed yet.
  const [fromDraft, setFromDraft] = useState(false);
  const controlled = value !== undefined;
  const text = controlled ? value : ownText;

  const textareaRef = useRef<HTMLTextAreaElement>(null);
  // Handlers need the text as of this moment: execCommand fires onChange before React re-renders.
  const textRef = useRef(text);
  useLayoutEffect(() => {
    textRef.current = text;
  });

  const pendingSelection = useRef<PendingSelection | null>(null);
  useLayoutEffect(() => {
    const pending = pendingSelection.current;
    const textarea = textareaRef.current;
    if (!pending || !textarea || textarea.hidden) return;
    pendingSelection.current = null;
    if (pending.focus) textarea.focus({ preventScroll: true });
    textarea.setSelectionRange(pending.start, pending.end);
    if (pending.scroll) scrollToTextarea(textarea);
  });

  const replaceText = useCallback(
    (next: string) => {
      textRef.current = next;
      if (!controlled) setOwnText(next);
      onChange?.(next);
    },
    [controlled, onChange],
  );

  /** The member's edit: saved as a draft, and the text is no longer the restored one. */
  const setText = useCallback(
    (next: string) => {
      replaceText(next);
      setFromDraft(false);
      onEdit(next);
    },
    [replaceText, onEdit],
  );

  /** Puts a saved draft in place of the page's text (not an edit: nothing to save). */
  const restoreDraft = useCallback(
    (draft: string) => {
      replaceText(draft);
      setFromDraft(true);
    },
    [replaceText],
  );

  /** Where the caret goes once the next text is rendered. */
  const selectAfterRender = useCallback((selection: PendingSelection) => {
    pendingSelection.current = selection;
  }, []);

  /**
   * Applies a command's result. Through execCommand("insertText") where the browser supports it, so
   * the member can undo it with Ctrl+Z like their own typing; by setting the text otherwise.
   */
  const applyEdit = useCallback(
    (result: EditorState, options: { scroll?: boolean } = {}) => {
      const textarea = textareaRef.current;
      const before = textRef.current;
      if (textarea && !textarea.hidden && textarea.value === before) {
        textarea.focus({ preventScroll: true });
        const [start, endBefore, endAfter] = changedRange(before, result.text);
        const replacement = result.text.slice(start, endAfter);
        textarea.setSelectionRange(start, endBefore);
        let done = false;
        if (replacement !== "" || endBefore > start) {
          try {
            done =
              replacement === ""
                ? document.execCommand("delete")
                : document.execCommand("insertText", false, replacement);
          } catch {
            done = false;
          }
        } else {
          done = true;
        }
        if (done && textarea.value === result.text) {
          // The input event has gone through onChange (setText) already.
          if (textRef.current !== result.text) setText(result.text);
          textarea.setSelectionRange(result.selStart, result.selEnd);
          if (options.scroll) scrollToTextarea(textarea);
          return;
        }
      }
      pendingSelection.current = {
        start: result.selStart,
        end: result.selEnd,
        focus: true,
        scroll: options.scroll ?? false,
      };
      setText(result.text);
    },
    [setText],
  );

  /** The textarea's selection, or the end of the text before it exists. */
  const currentSelection = useCallback((): [number, number] => {
    const textarea = textareaRef.current;
    if (!textarea) return [textRef.current.length, textRef.current.length];
    return [textarea.selectionStart, textarea.selectionEnd];
  }, []);

  return {
    text,
    fromDraft,
    textareaRef,
    textRef,
    setText,
    restoreDraft,
    applyEdit,
    currentSelection,
    selectAfterRender,
  };
}

export type EditorText = ReturnType<typeof useEditorText>;
