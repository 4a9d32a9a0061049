"use client";

// The post editor for new threads, replies and edits: a controlled textarea (React 19 resets
// uncontrolled fields after a server action; controlled state keeps the text when a submit fails), a
// formatting toolbar, a server-rendered preview, drafts kept in localStorage, quotes inserted from the
// page (events.ts, multi-quote.ts) and @mention completion (GET /api/members/suggest).
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import {
  completeMention,
  insertBlockQuote,
  insertCode,
  insertImageLink,
  insertLink,
  insertQuoteBlock,
  insertSmilie,
  insertSpoiler,
  MESSAGE_COUNT_FROM,
  MESSAGE_MAX,
  mentionQuery,
  toggleBold,
  toggleItalic,
  toggleList,
  type EditorCommand,
  type EditorState,
  type MentionQuery,
} from "@/lib/markup/editor-commands";
import { Avatar } from "../avatar";
import {
  clearDraft,
  DRAFT_CLEARED_EVENT,
  loadDraft,
  saveDraft,
  type DraftClearedDetail,
} from "./drafts";
import {
  INSERT_QUOTE_EVENT,
  isQuoteTarget,
  noteQuoteTargetFocus,
  registerQuoteTarget,
  type InsertQuoteDetail,
} from "./events";
import {
  BlockQuoteIcon,
  BoldIcon,
  CodeIcon,
  ImageIcon,
  ItalicIcon,
  LinkIcon,
  ListIcon,
  SpoilerIcon,
} from "./icons";
import { clearMultiQuote } from "./multi-quote";
import { previewPost, quotesFor } from "./actions";
import { SmilieMenu } from "./smilie-menu";
import { toolButtonClass } from "./toolbar-styles";
import { useMultiQuote } from "./use-multi-quote";

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

const DRAFT_SAVE_DELAY = 300;
const SUGGEST_DELAY = 150;

interface Tool {
  label: string;
  command: EditorCommand;
  icon: React.ReactNode;
  shortcut?: string;
}

const TOOLS: Tool[] = [
  { label: "Bold", command: toggleBold, icon: <BoldIcon />, shortcut: "B" },
  { label: "Italic", command: toggleItalic, icon: <ItalicIcon />, shortcut: "I" },
  { label: "Link", command: insertLink, icon: <LinkIcon /> },
  { label: "Image link", command: insertImageLink, icon: <ImageIcon /> },
  { label: "List", command: toggleList, icon: <ListIcon /> },
  { label: "Block quote", command: insertBlockQuote, icon: <BlockQuoteIcon /> },
  { label: "Code", command: insertCode, icon: <CodeIcon /> },
  { label: "Spoiler", command: insertSpoiler, icon: <SpoilerIcon /> },
];
/** The toolbar's roving focus covers the tools and then the Smilies button. */
const SMILIES_INDEX = TOOLS.length;

interface MemberSuggestion {
  name: string;
  avatarUrl: string | null;
}

interface Suggestions {
  at: number;
  query: string;
  members: MemberSuggestion[];
  active: number;
}

type PreviewState =
  { status: "loading" } | { status: "done"; html: string } | { status: "error"; message: string };

const isApple = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

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
  const textareaId = `field-${name}`;
  const errorId = `${textareaId}-error`;
  const countId = `${textareaId}-count`;
  const listboxId = `${baseId}-mentions`;
  const optionId = (index: number) => `${baseId}-mention-${index}`;

  const [ownText, setOwnText] = useState(defaultValue ?? "");
  const controlled = value !== undefined;
  const text = controlled ? value : ownText;

  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const textRef = useRef(text);
  textRef.current = text;

  const [previewing, setPreviewing] = useState(false);
  const [preview, setPreview] = useState<PreviewState>({ status: "loading" });
  const previewSeq = useRef(0);

  const [draftRestored, setDraftRestored] = useState(false);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pendingSave = useRef<(() => void) | null>(null);

  const [activeTool, setActiveTool] = useState(0);
  // Shortcut hints name ⌘ on Apple devices; known only in the browser, so set after hydration.
  const [apple, setApple] = useState(false);
  useEffect(() => setApple(isApple()), []);
  const toolRefs = useRef<(HTMLButtonElement | null)[]>([]);

  const [suggestions, setSuggestions] = useState<Suggestions | null>(null);
  const mentionTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const mentionAbort = useRef<AbortController | null>(null);
  const mentionWanted = useRef<MentionQuery | null>(null);
  const dismissedAt = useRef<number | null>(null);

  const multiQuote = useMultiQuote(threadId);
  const [quoting, setQuoting] = useState(false);
  const [quoteError, setQuoteError] = useState<string | null>(null);

  /** Selection (and whether to focus / scroll) to apply once React has rendered a new text. */
  const pendingSelection = useRef<{
    start: number;
    end: number;
    focus: boolean;
    scroll: boolean;
  } | null>(null);

  // ------------------------------------------------------------------------------------------------
  // Text and drafts

  const flushDraft = useCallback(() => {
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = null;
    const save = pendingSave.current;
    pendingSave.current = null;
    save?.();
  }, []);

  const cancelDraftSave = useCallback(() => {
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = null;
    pendingSave.current = null;
  }, []);

  const scheduleDraftSave = useCallback(
    (next: string) => {
      if (!draftKey) return;
      if (saveTimer.current) clearTimeout(saveTimer.current);
      pendingSave.current = () => {
        // Nothing worth keeping when the text is what the page started with.
        saveDraft(draftKey, next === (defaultValue ?? "") ? "" : next);
      };
      saveTimer.current = setTimeout(flushDraft, DRAFT_SAVE_DELAY);
    },
    [draftKey, defaultValue, flushDraft],
  );

  const setText = useCallback(
    (next: string) => {
      textRef.current = next;
      if (!controlled) setOwnText(next);
      onChange?.(next);
      scheduleDraftSave(next);
    },
    [controlled, onChange, scheduleDraftSave],
  );

  // On mount: the server-rendered textarea can be typed in before this script arrives, and that text
  // is in the DOM but not in React's state; adopt it, or the first re-render would wipe it. Otherwise
  // restore a saved draft (the server cannot see localStorage). Layout effect: before any re-render.
  useLayoutEffect(() => {
    const typed = textareaRef.current?.value ?? "";
    if (typed !== textRef.current && typed.trim() !== "") {
      setText(typed);
      return;
    }
    if (!draftKey) return;
    const draft = loadDraft(draftKey);
    if (draft !== null && draft !== textRef.current && draft.trim() !== "") {
      textRef.current = draft;
      if (!controlled) setOwnText(draft);
      onChange?.(draft);
      setDraftRestored(true);
      if (autoFocus)
        pendingSelection.current = {
          start: draft.length,
          end: draft.length,
          focus: true,
          scroll: false,
        };
    }
    // Only on mount and when the key changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draftKey]);

  // A page that clears the draft (post saved) also cancels a save still waiting to happen.
  useEffect(() => {
    if (!draftKey) return;
    const onCleared = (event: Event) => {
      if ((event as CustomEvent<DraftClearedDetail>).detail?.draftKey === draftKey)
        cancelDraftSave();
    };
    window.addEventListener(DRAFT_CLEARED_EVENT, onCleared);
    // Leaving the page (or this editor) keeps the last keystrokes.
    window.addEventListener("pagehide", flushDraft);
    return () => {
      window.removeEventListener(DRAFT_CLEARED_EVENT, onCleared);
      window.removeEventListener("pagehide", flushDraft);
      flushDraft();
    };
  }, [draftKey, cancelDraftSave, flushDraft]);

  // Autofocus puts the caret at the end of existing text (an edit), not before it.
  useEffect(() => {
    if (!autoFocus) return;
    const textarea = textareaRef.current;
    if (!textarea) return;
    textarea.focus({ preventScroll: true });
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
  }, [autoFocus]);

  useLayoutEffect(() => {
    const pending = pendingSelection.current;
    const textarea = textareaRef.current;
    if (!pending || !textarea || textarea.hidden) return;
    pendingSelection.current = null;
    if (pending.focus) textarea.focus({ preventScroll: true });
    textarea.setSelectionRange(pending.start, pending.end);
    if (pending.scroll) scrollToTextarea(textarea);
  });

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

  const currentSelection = (): [number, number] => {
    const textarea = textareaRef.current;
    if (!textarea) return [textRef.current.length, textRef.current.length];
    return [textarea.selectionStart, textarea.selectionEnd];
  };

  const runCommand = (command: EditorCommand) => {
    const [start, end] = currentSelection();
    applyEdit(command(textRef.current, start, end));
    setDraftRestored(false);
  };

  const pickSmilie = (code: string) => {
    const [start, end] = currentSelection();
    applyEdit(insertSmilie(textRef.current, start, end, code));
  };

  /** Quote markup from the page (a post's Quote button, multi-quote), at the caret. */
  const insertQuoteMarkup = useCallback(
    (markup: string) => {
      const wasPreviewing = textareaRef.current?.hidden ?? false;
      if (wasPreviewing) setPreviewing(false);
      const textarea = textareaRef.current;
      const start = textarea?.selectionStart ?? textRef.current.length;
      const end = textarea?.selectionEnd ?? start;
      const result = insertQuoteBlock(textRef.current, start, end, markup);
      if (wasPreviewing) {
        pendingSelection.current = {
          start: result.selStart,
          end: result.selEnd,
          focus: true,
          scroll: true,
        };
        setText(result.text);
      } else {
        applyEdit(result, { scroll: true });
      }
    },
    [applyEdit, setText],
  );

  const insertQuoteRef = useRef(insertQuoteMarkup);
  insertQuoteRef.current = insertQuoteMarkup;
  /** This editor's identity among the page's editors (events.ts picks which one gets a quote). */
  const [self] = useState(() => ({}));
  useEffect(() => {
    const leave = registerQuoteTarget(self);
    const onInsert = (event: Event) => {
      const markup = (event as CustomEvent<InsertQuoteDetail>).detail?.markup;
      if (typeof markup === "string" && isQuoteTarget(self)) insertQuoteRef.current(markup);
    };
    window.addEventListener(INSERT_QUOTE_EVENT, onInsert);
    return () => {
      window.removeEventListener(INSERT_QUOTE_EVENT, onInsert);
      leave();
    };
  }, [self]);

  async function insertSelectedQuotes() {
    if (threadId === undefined || multiQuote.length === 0 || quoting) return;
    setQuoting(true);
    setQuoteError(null);
    try {
      const result = await quotesFor(multiQuote);
      if ("markup" in result) {
        insertQuoteMarkup(result.markup);
        clearMultiQuote(threadId);
      } else {
        setQuoteError(result.error);
      }
    } catch {
      setQuoteError("The quotes could not be loaded. Please try again.");
    } finally {
      setQuoting(false);
    }
  }

  // ------------------------------------------------------------------------------------------------
  // Preview

  async function showPreview() {
    setPreviewing(true);
    closeSuggestions();
    const seq = ++previewSeq.current;
    const source = textRef.current;
    if (source.trim() === "") {
      setPreview({ status: "done", html: "" });
      return;
    }
    setPreview({ status: "loading" });
    try {
      const result = await previewPost(source);
      if (seq !== previewSeq.current) return;
      setPreview(
        "html" in result
          ? { status: "done", html: result.html }
          : { status: "error", message: result.error },
      );
    } catch {
      if (seq === previewSeq.current)
        setPreview({
          status: "error",
          message: "The preview could not be loaded. Please try again.",
        });
    }
  }

  function showWrite() {
    previewSeq.current++;
    setPreviewing(false);
    const textarea = textareaRef.current;
    pendingSelection.current = {
      start: textarea?.selectionStart ?? 0,
      end: textarea?.selectionEnd ?? 0,
      focus: true,
      scroll: false,
    };
  }

  // ------------------------------------------------------------------------------------------------
  // @mentions

  function closeSuggestions() {
    if (mentionTimer.current) clearTimeout(mentionTimer.current);
    mentionTimer.current = null;
    mentionAbort.current?.abort();
    mentionAbort.current = null;
    mentionWanted.current = null;
    setSuggestions(null);
  }

  function checkMention(textarea: HTMLTextAreaElement) {
    const { selectionStart, selectionEnd } = textarea;
    const query =
      selectionStart === selectionEnd ? mentionQuery(textarea.value, selectionStart) : null;
    if (query && dismissedAt.current !== null && query.at !== dismissedAt.current)
      dismissedAt.current = null;
    if (!query || query.at === dismissedAt.current) {
      if (mentionWanted.current || suggestions) closeSuggestions();
      return;
    }
    const wanted = mentionWanted.current;
    if (wanted && wanted.at === query.at && wanted.query === query.query) return;
    mentionWanted.current = query;
    if (mentionTimer.current) clearTimeout(mentionTimer.current);
    mentionTimer.current = setTimeout(() => void fetchSuggestions(query), SUGGEST_DELAY);
  }

  async function fetchSuggestions(query: MentionQuery) {
    mentionAbort.current?.abort();
    const controller = new AbortController();
    mentionAbort.current = controller;
    try {
      const response = await fetch(`/api/members/suggest?q=${encodeURIComponent(query.query)}`, {
        signal: controller.signal,
        headers: { Accept: "application/json" },
      });
      if (!response.ok) throw new Error(`suggest: ${response.status}`);
      const body = (await response.json()) as { members?: MemberSuggestion[] };
      const current = mentionWanted.current;
      if (
        controller.signal.aborted ||
        !current ||
        current.at !== query.at ||
        current.query !== query.query
      )
        return;
      const members = Array.isArray(body.members) ? body.members.slice(0, 8) : [];
      setSuggestions(members.length > 0 ? { ...query, members, active: 0 } : null);
    } catch {
      if (!controller.signal.aborted) setSuggestions(null);
    }
  }

  function pickSuggestion(index: number) {
    const list = suggestions;
    const member = list?.members[index];
    const textarea = textareaRef.current;
    if (!list || !member || !textarea) return;
    const caret = textarea.selectionStart;
    dismissedAt.current = list.at;
    closeSuggestions();
    applyEdit(completeMention(textRef.current, list.at, caret, member.name));
  }

  useEffect(
    () => () => {
      if (mentionTimer.current) clearTimeout(mentionTimer.current);
      mentionAbort.current?.abort();
    },
    [],
  );

  // ------------------------------------------------------------------------------------------------
  // Keyboard

  function onTextareaKeyDown(event: React.KeyboardEvent<HTMLTextAreaElement>) {
    // Keys that confirm an input method's composition (Enter in CJK input) are not ours.
    if (event.nativeEvent.isComposing) return;
    if (list) {
      const count = list.members.length;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        setSuggestions({ ...list, active: (list.active + step + count) % count });
        return;
      }
      if (
        (event.key === "Enter" || event.key === "Tab") &&
        !event.shiftKey &&
        !event.ctrlKey &&
        !event.metaKey &&
        !event.altKey
      ) {
        event.preventDefault();
        pickSuggestion(list.active);
        return;
      }
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        dismissedAt.current = list.at;
        closeSuggestions();
        return;
      }
    }

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
        flushDraft();
        form.requestSubmit();
      }
    }
  }

  /** Roving focus in the toolbar: one Tab stop, arrow keys, Home and End move between the buttons. */
  function onToolbarKeyDown(event: React.KeyboardEvent<HTMLDivElement>) {
    const last = SMILIES_INDEX;
    const moves: Record<string, number> = {
      ArrowRight: activeTool >= last ? 0 : activeTool + 1,
      ArrowLeft: activeTool <= 0 ? last : activeTool - 1,
      Home: 0,
      End: last,
    };
    const next = moves[event.key];
    // Keys pressed inside the smilie grid are its own.
    if (next === undefined || !toolRefs.current.includes(event.target as HTMLButtonElement)) return;
    event.preventDefault();
    setActiveTool(next);
    toolRefs.current[next]?.focus();
  }

  // ------------------------------------------------------------------------------------------------

  const length = text.length;
  const showCount = length > MESSAGE_COUNT_FROM;
  const overLimit = length > MESSAGE_MAX;
  const describedBy =
    [error && errorId, showCount && countId].filter(Boolean).join(" ") || undefined;
  const list = !previewing && suggestions && suggestions.members.length > 0 ? suggestions : null;
  const shortcutPrefix = apple ? "⌘" : "Ctrl+";

  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-end justify-between gap-x-4 gap-y-1">
        <label htmlFor={textareaId} className="block text-sm font-semibold text-slate-800">
          {label}
        </label>
        <div className="flex shrink-0 items-center gap-0.5 rounded bg-slate-200/70 p-0.5">
          <button
            type="button"
            aria-pressed={!previewing}
            onClick={showWrite}
            className="h-9 min-w-18 rounded px-3 text-sm font-semibold text-slate-700 hover:text-slate-900 aria-pressed:bg-white aria-pressed:text-slate-900 aria-pressed:shadow-sm"
          >
            Write
          </button>
          <button
            type="button"
            aria-pressed={previewing}
            aria-controls={previewing ? `${baseId}-preview` : undefined}
            onClick={() => (previewing ? showWrite() : void showPreview())}
            className="h-9 min-w-18 rounded px-3 text-sm font-semibold text-slate-700 hover:text-slate-900 aria-pressed:bg-white aria-pressed:text-slate-900 aria-pressed:shadow-sm"
          >
            Preview
          </button>
        </div>
      </div>

      <div
        data-invalid={error ? "" : undefined}
        className="relative rounded border border-slate-300 bg-white shadow-sm has-[textarea:focus-visible]:border-brand-600 has-[textarea:focus-visible]:ring-1 has-[textarea:focus-visible]:ring-brand-600 data-invalid:border-red-600"
      >
        <div className="relative rounded-t border-b border-slate-200 bg-slate-50 p-1">
          <div
            role="toolbar"
            aria-label="Formatting"
            aria-controls={textareaId}
            onKeyDown={onToolbarKeyDown}
            className="flex flex-wrap items-center gap-0.5"
          >
            {TOOLS.map((tool, index) => (
              <button
                key={tool.label}
                ref={(node) => {
                  toolRefs.current[index] = node;
                }}
                type="button"
                aria-label={tool.label}
                title={
                  tool.shortcut ? `${tool.label} (${shortcutPrefix}${tool.shortcut})` : tool.label
                }
                aria-keyshortcuts={
                  tool.shortcut ? `Control+${tool.shortcut} Meta+${tool.shortcut}` : undefined
                }
                tabIndex={activeTool === index ? 0 : -1}
                disabled={previewing}
                onFocus={() => setActiveTool(index)}
                // Keep the textarea's selection: the button does not take focus from it on click.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => runCommand(tool.command)}
                className={toolButtonClass}
              >
                {tool.icon}
              </button>
            ))}
            <SmilieMenu
              onPick={pickSmilie}
              disabled={previewing}
              tabIndex={activeTool === SMILIES_INDEX ? 0 : -1}
              onFocus={() => setActiveTool(SMILIES_INDEX)}
              buttonRef={(node) => {
                toolRefs.current[SMILIES_INDEX] = node;
              }}
            />
          </div>
        </div>

        <div className="relative">
          <textarea
            ref={textareaRef}
            id={textareaId}
            name={name}
            value={text}
            hidden={previewing}
            rows={10}
            autoFocus={autoFocus}
            aria-invalid={error || overLimit ? true : undefined}
            aria-describedby={describedBy}
            aria-autocomplete="list"
            aria-controls={list ? listboxId : undefined}
            aria-activedescendant={list ? optionId(list.active) : undefined}
            onChange={(event) => {
              setText(event.target.value);
              setDraftRestored(false);
              checkMention(event.target);
            }}
            onSelect={(event) => checkMention(event.currentTarget)}
            onKeyDown={onTextareaKeyDown}
            onFocus={() => noteQuoteTargetFocus(self)}
            onBlur={closeSuggestions}
            className="block max-h-[80vh] min-h-48 w-full resize-y rounded-b bg-white px-3 py-2 text-base leading-relaxed outline-none focus-visible:outline-none"
          />

          {list && (
            <ul
              id={listboxId}
              role="listbox"
              aria-label="Members"
              className="absolute top-full left-2 z-20 mt-1 max-h-80 w-64 max-w-[calc(100%-1rem)] overflow-y-auto rounded border border-slate-300 bg-white py-1 shadow-lg"
            >
              {list.members.map((member, index) => (
                <li
                  key={member.name}
                  id={optionId(index)}
                  role="option"
                  aria-selected={index === list.active}
                  // The textarea keeps focus (and the caret) while the mouse picks.
                  onMouseDown={(event) => event.preventDefault()}
                  onMouseEnter={() => setSuggestions({ ...list, active: index })}
                  onClick={() => pickSuggestion(index)}
                  className="flex min-h-10 cursor-pointer items-center gap-2 px-3 py-1.5 text-sm text-slate-800 aria-selected:bg-brand-100 aria-selected:text-brand-800"
                >
                  <span aria-hidden="true" className="shrink-0">
                    <Avatar name={member.name} url={member.avatarUrl} size={24} />
                  </span>
                  <span className="truncate">
                    <span className="font-semibold">
                      {member.name.slice(0, list.query.trimEnd().length)}
                    </span>
                    {member.name.slice(list.query.trimEnd().length)}
                  </span>
                </li>
              ))}
            </ul>
          )}

          {previewing && (
            <section
              id={`${baseId}-preview`}
              aria-label="Preview"
              aria-busy={preview.status === "loading"}
              className="min-h-48 rounded-b px-3 py-2"
            >
              {preview.status === "loading" && (
                <p className="text-sm text-slate-500">Loading the preview…</p>
              )}
              {preview.status === "error" && (
                <p role="alert" className="text-sm text-red-700">
                  {preview.message}
                </p>
              )}
              {preview.status === "done" &&
                (preview.html ? (
                  <div className="post-body" dangerouslySetInnerHTML={{ __html: preview.html }} />
                ) : (
                  <p className="text-sm text-slate-500">Nothing to preview yet.</p>
                ))}
            </section>
          )}
        </div>
      </div>

      <p role="status" className="sr-only">
        {list
          ? `${list.members.length} ${list.members.length === 1 ? "member" : "members"} found. Up and Down to choose, Enter to insert, Escape to close.`
          : ""}
      </p>

      {(showCount || draftRestored || (threadId !== undefined && multiQuote.length > 0)) && (
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
          {draftRestored && (
            <p className="flex items-center gap-2 text-xs text-slate-600">
              Restored your unsent draft.
              <button
                type="button"
                onClick={() => {
                  if (draftKey) clearDraft(draftKey);
                  setDraftRestored(false);
                  const original = defaultValue ?? "";
                  pendingSelection.current = {
                    start: original.length,
                    end: original.length,
                    focus: true,
                    scroll: false,
                  };
                  setText(original);
                }}
                className="min-h-9 rounded px-1 font-semibold text-brand-700 underline-offset-2 hover:underline"
              >
                Discard draft
              </button>
            </p>
          )}
          {threadId !== undefined && multiQuote.length > 0 && (
            <button
              type="button"
              onClick={() => void insertSelectedQuotes()}
              disabled={quoting}
              className="inline-flex min-h-9 items-center rounded border border-brand-600 bg-brand-50 px-3 text-sm font-semibold text-brand-800 hover:bg-brand-100 disabled:opacity-60"
            >
              Insert quotes ({multiQuote.length})
            </button>
          )}
          {showCount && (
            <p
              id={countId}
              className={`ml-auto text-xs tabular-nums ${overLimit ? "font-semibold text-red-700" : "text-slate-600"}`}
            >
              {length.toLocaleString("en-US")} / {MESSAGE_MAX.toLocaleString("en-US")}
            </p>
          )}
        </div>
      )}

      {quoteError && (
        <p role="alert" className="text-sm text-red-700">
          {quoteError}
        </p>
      )}
      {error && (
        <p id={errorId} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

function scrollToTextarea(textarea: HTMLTextAreaElement) {
  const reduceMotion = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
  textarea.scrollIntoView({ block: "center", behavior: reduceMotion ? "auto" : "smooth" });
}
