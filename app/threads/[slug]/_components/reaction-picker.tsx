"use client";

import { useEffect, useRef, useState } from "react";
import type { ReactionKind } from "@/db/schema";
import { REACTIONS, reactionOf } from "@/lib/forum/reaction-kinds";

/** One "Like" button (showing the reader's reaction once they have one; pressing it again takes it
 * back) and a menu of the six beside it, as on XenForo. The menu follows the ARIA menu pattern:
 * arrow keys, Home and End move between the reactions, Escape closes it and gives the focus back to
 * the button that opened it, Tab leaves it. */
export function ReactionPicker({
  menuId,
  reaction,
  disabled,
  onReact,
}: {
  /** The menu's id, unique in the page: from the post, not useId (an island is hydrated with other
   * ids than the server's, app/_islands/island.tsx). */
  menuId: string;
  reaction: ReactionKind | null;
  disabled: boolean;
  onReact: (kind: ReactionKind) => void;
}) {
  const [open, setOpen] = useState(false);
  const group = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const items = useRef<(HTMLButtonElement | null)[]>([]);
  const shown = reactionOf(reaction ?? "like");
  // aria-disabled rather than disabled while a toggle is on its way: a disabled button would drop
  // the keyboard focus to the page.
  const react = (kind: ReactionKind) => {
    if (!disabled) onReact(kind);
  };

  const focusItem = (index: number) => {
    const count = REACTIONS.length;
    items.current[((index % count) + count) % count]?.focus();
  };

  const openMenu = (at: "chosen" | "first" | "last") => {
    setOpen(true);
    const chosen = REACTIONS.findIndex((r) => r.kind === reaction);
    const index = at === "last" ? REACTIONS.length - 1 : at === "chosen" ? Math.max(chosen, 0) : 0;
    // The menu is drawn by this state change; focus it once it is there.
    requestAnimationFrame(() => focusItem(index));
  };

  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) trigger.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    const outside = (event: PointerEvent) => {
      if (!group.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open]);

  const onMenuKey = (event: React.KeyboardEvent) => {
    const at = items.current.indexOf(document.activeElement as HTMLButtonElement);
    const moves: Record<string, number> = {
      ArrowRight: at + 1,
      ArrowDown: at + 1,
      ArrowLeft: at - 1,
      ArrowUp: at - 1,
      Home: 0,
      End: REACTIONS.length - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      focusItem(moves[event.key]!);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close(true);
    } else if (event.key === "Tab") {
      setOpen(false);
    }
  };

  return (
    <div ref={group} role="group" aria-label="React" className="relative mr-auto flex items-center">
      <button
        type="button"
        aria-pressed={reaction !== null}
        onClick={() => react(shown.kind)}
        aria-disabled={disabled}
        className="tool-button"
      >
        <span aria-hidden="true">{shown.emoji} </span>
        {shown.label}
      </button>
      <button
        ref={trigger}
        type="button"
        aria-label="Choose a reaction"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close(false) : openMenu("chosen"))}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            event.preventDefault();
            openMenu(event.key === "ArrowDown" ? "first" : "last");
          }
        }}
        className="tool-button px-1.5"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 fill-current">
          <path d="M5.3 7.3a1 1 0 0 1 1.4 0L10 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 0-1.4Z" />
        </svg>
      </button>
      {open && (
        <div
          id={menuId}
          role="menu"
          aria-label="Reactions"
          aria-orientation="horizontal"
          onKeyDown={onMenuKey}
          className="absolute bottom-full left-0 z-10 mb-1 flex gap-0.5 rounded-full border border-slate-300 bg-surface p-1 shadow-lg"
        >
          {REACTIONS.map((r, index) => (
            <button
              key={r.kind}
              ref={(element) => {
                items.current[index] = element;
              }}
              type="button"
              role="menuitemradio"
              aria-checked={reaction === r.kind}
              tabIndex={-1}
              title={r.label}
              onClick={() => {
                close(true);
                react(r.kind);
              }}
              className="flex size-10 cursor-pointer items-center justify-center rounded-full text-xl hover:bg-slate-100 focus-visible:bg-slate-100 aria-checked:bg-brand-100"
            >
              <span aria-hidden="true">{r.emoji}</span>
              <span className="sr-only">{r.label}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
