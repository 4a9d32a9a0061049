"use client";

// The post editor for new threads, replies and edits: a controlled textarea (React 19 resets
// uncontrolled fields after a server action; controlled state keeps the text when a submit fails), a
// formatting toolbar (./toolbar.tsx), a server-rendered preview (./preview.tsx), drafts kept in
// localStorage (./use-draft.ts), quotes inserted from the page (./quotes.ts) and @mention completion
// (./mentions.tsx). A page may hold several (a reply box and an inline edit): every id is this
// instance's own.
import { useId } from "react";
import {
  insertQuoteBlock,
  insertSmilie,
  insertText,
  toggleBold,
  toggleItalic,
  type EditorCommand,
} from "@/lib/markup/editor-commands";
import { AttachFiles, useAttachments } from "./attachments";
import { EditorFooter, overLimit, showsCount } from "./editor-footer";
import { mentionOptionId, MentionList, mentionStatus, useMentions } from "./mentions";
import { PreviewPanel, PreviewTabs, usePreview } from "./preview";
import { useMultiQuoteInsert, useQuoteTarget } from "./quotes";
import { Toolbar } from "./toolbar";
import { useDraftRestore, useDraftSaving } from "./use-draft";
import { useEditorText } from "./use-editor-text";

export interface PostEditorProps {
  /** Form field name, e.g. "message". */
  name: string;
  /** The textarea's accessible name. */
  label?: string;
  /** Initial text (edit page). A saved draft wins over it when draftKey is set and a draft exists. */
  defaultValue?: string;
  /** localStorage key: the text is saved as the member types and restored on mount. */
  draftKey?: string;
  /** Shown under the textarea, which points at it (aria-describedby) and is marked invalid. */
  error?: string;
  /** Controlled use (optional). */
  value?: string;
  onChange?: (value: string) => void;
  autoFocus?: boolean;
  /** Enables multi-quote ("Insert quotes") for this thread. */
  threadId?: number;
}

export function PostEditor({
  name,
  label = "Message",
  defaultValue,
  draftKey,
  error,
  value,
  onChange,
  autoFocus,
  threadId,
}: PostEditorProps) {
  const baseId = useId();
  const textareaId = `${baseId}-${name}`;
  const errorId = `${textareaId}-error`;
  const countId = `${textareaId}-count`;
  const listboxId = `${baseId}-mentions`;
  const previewId = `${baseId}-preview`;

  const drafts = useDraftSaving(draftKey, defaultValue);
  const editor = useEditorText({ value, defaultValue, onChange, onEdit: drafts.schedule });
  const { text, textareaRef, textRef, applyEdit, currentSelection } = editor;
  const discardDraft = useDraftRestore({ draftKey, defaultValue, autoFocus, editor });
  const preview = usePreview();
  const mentions = useMentions(editor, preview.previewing);

  /** Quote markup from the page (a post's Quote button, multi-quote), at the caret. */
  function insertQuoteMarkup(markup: string) {
    const textarea = textareaRef.current;
    const wasPreviewing = textarea?.hidden ?? false;
    const start = textarea?.selectionStart ?? textRef.current.length;
    const end = textarea?.selectionEnd ?? start;
    const result = insertQuoteBlock(textRef.current, start, end, markup);
    if (!wasPreviewing) return applyEdit(result, { scroll: true });
    preview.hide();
    editor.selectAfterRender({
      start: result.selStart,
      end: result.selEnd,
      focus: true,
      scroll: true,
    });
    editor.setText(result.text);
  }
  const onQuoteTargetFocus = useQuoteTarget(insertQuoteMarkup);
  const quotes = useMultiQuoteInsert(threadId, insertQuoteMarkup);

  function runCommand(command: EditorCommand) {
    const [start, end] = currentSelection();
    applyEdit(command(textRef.current, start, end));
  }

  function pickSmilie(code: string) {
    const [start, end] = currentSelection();
    applyEdit(insertSmilie(textRef.current, start, end, code));
  }

  /** An uploaded file's markup at the caret, on a line of its own when the caret is mid-line. */
  const attachments = useAttachments((markup) => {
    const [start, end] = currentSelection();
    const before = start > 0 && textRef.current.charAt(start - 1) !== "\n" ? "\n" : "";
    applyEdit(insertText(textRef.current, start, end, `${before}${markup}\n`));
  });

  function showPreview() {
    mentions.close();
    void preview.show(textRef.current);
  }

  function showWrite() {
    preview.hide();
    const textarea = textareaRef.current;
    editor.selectAfterRender({
      start: textarea?.selectionStart ?? 0,
      end: textarea?.selectionEnd ?? 0,
      focus: true,
      scroll: false,
    });
  }

  function onTextareaKeyDown(event: React.KeyboardEvent<HTMLTextAreaElement>) {
    // Keys that confirm an input method's composition (Enter in CJK input) are not ours.
    if (event.nativeEvent.isComposing) return;
    if (mentions.onKeyDown(event)) return;

    const modifier = event.ctrlKey || event.metaKey;
    if (!modifier || event.altKey) return;
    const key = event.key.toLowerCase();
    if (key === "b" && !event.shiftKey) {
      event.preventDefault();
      runCommand(toggleBold);
    } else if (key === "i" && !event.shiftKey) {
      event.preventDefault();
      runCommand(toggleItalic);
    } else if (event.key === "Enter") {
      // Ctrl/Cmd+Enter sends the form, as in most forum editors.
      const form = event.currentTarget.form;
      if (form) {
        event.preventDefault();
        drafts.flush();
        form.requestSubmit();
      }
    }
  }

  const { previewing } = preview;
  const list = mentions.list;
  const describedBy =
    [error && errorId, showsCount(text.length) && countId].filter(Boolean).join(" ") || undefined;

  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-end justify-between gap-x-4 gap-y-1">
        <label htmlFor={textareaId} className="block text-sm font-semibold text-slate-800">
          {label}
        </label>
        <PreviewTabs
          previewing={previewing}
          panelId={previewId}
          onWrite={showWrite}
          onPreview={showPreview}
        />
      </div>

      <div
        data-invalid={error ? "" : undefined}
        onDragOver={attachments.onDragOver}
        onDrop={attachments.onDrop}
        className="relative rounded border border-slate-300 bg-surface shadow-sm has-[textarea:focus-visible]:border-brand-600 has-[textarea:focus-visible]:ring-1 has-[textarea:focus-visible]:ring-brand-600 data-invalid:border-red-600"
      >
        <Toolbar
          controls={textareaId}
          disabled={previewing}
          onCommand={runCommand}
          onSmilie={pickSmilie}
        />

        <div className="relative">
          <textarea
            ref={textareaRef}
            id={textareaId}
            name={name}
            value={text}
            hidden={previewing}
            rows={10}
            autoFocus={autoFocus}
            aria-invalid={error || overLimit(text.length) ? true : undefined}
            aria-describedby={describedBy}
            aria-autocomplete="list"
            aria-controls={list ? listboxId : undefined}
            aria-activedescendant={list ? mentionOptionId(listboxId, list.active) : undefined}
            onChange={(event) => {
              editor.setText(event.target.value);
              mentions.check(event.target);
            }}
            onSelect={(event) => mentions.check(event.currentTarget)}
            onKeyDown={onTextareaKeyDown}
            onFocus={onQuoteTargetFocus}
            onBlur={mentions.close}
            onPaste={attachments.onPaste}
            className="block max-h-[80vh] min-h-48 w-full resize-y rounded-b bg-surface px-3 py-2 text-base leading-relaxed outline-none focus-visible:outline-none"
          />
          {list && (
            <MentionList
              id={listboxId}
              list={list}
              onPick={mentions.pick}
              onHover={mentions.setActive}
            />
          )}
          {previewing && <PreviewPanel id={previewId} preview={preview.preview} />}
        </div>
      </div>

      <p role="status" className="sr-only">
        {mentionStatus(list)}
      </p>

      <AttachFiles attachments={attachments} />

      <EditorFooter
        length={text.length}
        countId={countId}
        errorId={errorId}
        error={error}
        draftRestored={editor.fromDraft}
        onDiscardDraft={discardDraft}
        quotes={quotes}
      />
    </div>
  );
}
