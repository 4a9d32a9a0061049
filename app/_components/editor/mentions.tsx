"use client";

// @mention completion: typing "@na" asks GET /api/members/suggest and offers the members found in a
// listbox under the textarea (the textarea keeps focus; aria-activedescendant points at the choice).
import { useEffect, useRef, useState } from "react";
import { completeMention, mentionQuery, type MentionQuery } from "@/lib/markup/editor-commands";
import { Avatar } from "../avatar";
import type { EditorText } from "./use-editor-text";

const SUGGEST_DELAY = 150;

interface MemberSuggestion {
  name: string;
  avatarUrl: string | null;
}

export interface Suggestions {
  at: number;
  query: string;
  members: MemberSuggestion[];
  active: number;
}

/** `hidden`: while previewing, the list is not shown (and its keys are not taken). */
export function useMentions(editor: EditorText, hidden: boolean) {
  const [suggestions, setSuggestions] = useState<Suggestions | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const abort = useRef<AbortController | null>(null);
  const wanted = useRef<MentionQuery | null>(null);
  // The "@" whose list the member closed: not offered again until they start another one.
  const dismissedAt = useRef<number | null>(null);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      abort.current?.abort();
    },
    [],
  );

  const list = !hidden && suggestions && suggestions.members.length > 0 ? suggestions : null;

  function close() {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    abort.current?.abort();
    abort.current = null;
    wanted.current = null;
    setSuggestions(null);
  }

  async function fetchSuggestions(query: MentionQuery) {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    try {
      const response = await fetch(`/api/members/suggest?q=${encodeURIComponent(query.query)}`, {
        signal: controller.signal,
        headers: { Accept: "application/json" },
      });
      if (!response.ok) throw new Error(`suggest: ${response.status}`);
      const body = (await response.json()) as { members?: MemberSuggestion[] };
      const current = wanted.current;
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

  /** After typing or moving the caret: is there an "@name" being written at the caret? */
  function check(textarea: HTMLTextAreaElement) {
    const { selectionStart, selectionEnd } = textarea;
    const query =
      selectionStart === selectionEnd ? mentionQuery(textarea.value, selectionStart) : null;
    if (query && dismissedAt.current !== null && query.at !== dismissedAt.current)
      dismissedAt.current = null;
    if (!query || query.at === dismissedAt.current) {
      if (wanted.current || suggestions) close();
      return;
    }
    const previous = wanted.current;
    if (previous && previous.at === query.at && previous.query === query.query) return;
    wanted.current = query;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void fetchSuggestions(query), SUGGEST_DELAY);
  }

  function pick(index: number) {
    const member = suggestions?.members[index];
    const textarea = editor.textareaRef.current;
    if (!suggestions || !member || !textarea) return;
    const caret = textarea.selectionStart;
    dismissedAt.current = suggestions.at;
    close();
    editor.applyEdit(completeMention(editor.textRef.current, suggestions.at, caret, member.name));
  }

  /** The list's keys, while it is open; true when the key was handled. */
  function onKeyDown(event: React.KeyboardEvent<HTMLTextAreaElement>): boolean {
    if (!list) return false;
    const count = list.members.length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setSuggestions({ ...list, active: (list.active + step + count) % count });
      return true;
    }
    if (
      (event.key === "Enter" || event.key === "Tab") &&
      !event.shiftKey &&
      !event.ctrlKey &&
      !event.metaKey &&
      !event.altKey
    ) {
      event.preventDefault();
      pick(list.active);
      return true;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      dismissedAt.current = list.at;
      close();
      return true;
    }
    return false;
  }

  return {
    list,
    check,
    close,
    pick,
    onKeyDown,
    setActive: (index: number) => list && setSuggestions({ ...list, active: index }),
  };
}

export const mentionOptionId = (listboxId: string, index: number) => `${listboxId}-${index}`;

export function MentionList({
  id,
  list,
  onPick,
  onHover,
}: {
  id: string;
  list: Suggestions;
  onPick: (index: number) => void;
  onHover: (index: number) => void;
}) {
  const typed = list.query.trimEnd().length;
  return (
    <ul
      id={id}
      role="listbox"
      aria-label="Members"
      className="absolute top-full left-2 z-20 mt-1 max-h-80 w-64 max-w-[calc(100%-1rem)] overflow-y-auto rounded border border-slate-300 bg-surface py-1 shadow-lg"
    >
      {list.members.map((member, index) => (
        <li
          key={member.name}
          id={mentionOptionId(id, index)}
          role="option"
          aria-selected={index === list.active}
          // The textarea keeps focus (and the caret) while the mouse picks.
          onMouseDown={(event) => event.preventDefault()}
          onMouseEnter={() => onHover(index)}
          onClick={() => onPick(index)}
          className="flex min-h-10 cursor-pointer items-center gap-2 px-3 py-1.5 text-sm text-slate-800 aria-selected:bg-brand-100 aria-selected:text-link"
        >
          <span aria-hidden="true" className="shrink-0">
            <Avatar name={member.name} url={member.avatarUrl} size={24} />
          </span>
          <span className="truncate">
            <span className="font-semibold">{member.name.slice(0, typed)}</span>
            {member.name.slice(typed)}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Read out as the list opens or changes (the textarea keeps focus, so nothing else would say it). */
export function mentionStatus(list: Suggestions | null): string {
  if (!list) return "";
  const count = list.members.length;
  return `${count} ${count === 1 ? "member" : "members"} found. Up and Down to choose, Enter to insert, Escape to close.`;
}
