"use client";

// The toolbar's "Smilies" button and its popup grid (a disclosure: aria-expanded, aria-controls).
// Opening focuses the first smilie; arrow keys move through the grid; Escape closes and returns focus
// to the button; picking one inserts its code and hands focus back to the textarea.
import { useEffect, useId, useRef, useState } from "react";
import { SMILIES } from "@/lib/markup/smilies";
import { SmileIcon } from "./icons";
import { toolButtonClass } from "./toolbar-styles";

// Colour emoji fonts first: the text fonts before them in --font-sans draw some faces in monochrome.
const EMOJI_FONTS =
  '"Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji", "Twemoji Mozilla", sans-serif';

export function SmilieMenu({
  onPick,
  disabled,
  tabIndex,
  onFocus,
  buttonRef,
}: {
  onPick: (code: string) => void;
  disabled?: boolean;
  tabIndex: number;
  onFocus?: () => void;
  buttonRef?: (node: HTMLButtonElement | null) => void;
}) {
  const [open, setOpen] = useState(false);
  // Disabling the toolbar (the preview tab) closes the grid; it stays closed when the tools return.
  if (disabled && open) setOpen(false);
  const popupId = useId();
  const popupRef = useRef<HTMLDivElement>(null);
  const triggerRef = useRef<HTMLButtonElement | null>(null);

  useEffect(() => {
    if (!open) return;
    popupRef.current?.querySelector<HTMLButtonElement>("button")?.focus();
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!popupRef.current?.contains(target) && !triggerRef.current?.contains(target))
        setOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open]);

  function close(returnFocus: boolean) {
    setOpen(false);
    if (returnFocus) triggerRef.current?.focus();
  }

  function onPopupKeyDown(event: React.KeyboardEvent<HTMLDivElement>) {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      close(true);
      return;
    }
    const items = [...(popupRef.current?.querySelectorAll<HTMLButtonElement>("button") ?? [])];
    const index = items.indexOf(document.activeElement as HTMLButtonElement);
    if (index === -1 || items.length === 0) return;
    // Columns as laid out: the items sharing the first one's row.
    const columns = Math.max(
      1,
      items.filter((item) => item.offsetTop === items[0]!.offsetTop).length,
    );
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      ArrowDown: index + columns,
      ArrowUp: index - columns,
      Home: 0,
      End: items.length - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    items[Math.max(0, Math.min(items.length - 1, next))]?.focus();
  }

  return (
    <>
      <button
        type="button"
        ref={(node) => {
          triggerRef.current = node;
          buttonRef?.(node);
        }}
        aria-label="Smilies"
        title="Smilies"
        aria-expanded={open}
        aria-controls={popupId}
        disabled={disabled}
        tabIndex={tabIndex}
        onFocus={onFocus}
        onClick={() => setOpen((o) => !o)}
        className={`${toolButtonClass} aria-expanded:bg-slate-200`}
      >
        <SmileIcon />
      </button>
      <div
        ref={popupRef}
        id={popupId}
        role="group"
        aria-label="Smilies"
        hidden={!open}
        onKeyDown={onPopupKeyDown}
        onBlur={(event) => {
          // Tabbing out of the grid closes it.
          const next = event.relatedTarget as Node | null;
          if (next && !popupRef.current?.contains(next) && next !== triggerRef.current)
            setOpen(false);
        }}
        className="absolute top-full left-0 z-30 mt-1 grid w-max max-w-full grid-cols-[repeat(auto-fill,2.5rem)] gap-0.5 rounded border border-slate-300 bg-surface p-1.5 shadow-lg sm:max-w-sm"
        style={{ width: "calc(8 * 2.5rem + 7 * 0.125rem + 0.75rem + 2px)" }}
      >
        {SMILIES.map((smilie) => (
          <button
            key={smilie.code}
            type="button"
            aria-label={smilie.name}
            title={`${smilie.name}  ${smilie.code}`}
            onClick={() => {
              setOpen(false);
              onPick(smilie.code);
            }}
            className="inline-flex size-10 items-center justify-center rounded text-2xl leading-none hover:bg-brand-50 focus-visible:bg-brand-50"
            style={{ fontFamily: EMOJI_FONTS }}
          >
            <span aria-hidden="true">{smilie.emoji}</span>
          </button>
        ))}
      </div>
    </>
  );
}
