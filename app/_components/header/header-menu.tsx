"use client";

import { useRef, useState } from "react";

const MENU_ID = "site-menu";

/** Under 640 px the header's links fold behind a Menu button (a disclosure: the button says whether
 * the list is shown, and which element it shows); from `sm` up they are always in the header's row.
 * Escape closes it and puts the focus back on the button; following a link closes it. */
export function HeaderMenu({ children }: { children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key !== "Escape" || !open) return;
    setOpen(false);
    button.current?.focus();
  };

  return (
    <div onKeyDown={onKeyDown} className="contents">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={MENU_ID}
        onClick={() => setOpen(!open)}
        className="ml-auto inline-flex min-h-10 cursor-pointer items-center gap-2 rounded px-3 text-sm font-semibold text-white hover:bg-white/15 sm:hidden"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5 fill-current">
          {open ? (
            <path d="m5.05 3.93 4.95 4.95 4.95-4.95 1.12 1.12L11.12 10l4.95 4.95-1.12 1.12L10 11.12l-4.95 4.95-1.12-1.12L8.88 10 3.93 5.05z" />
          ) : (
            <path d="M3 5h14v1.5H3zm0 4.25h14v1.5H3zm0 4.25h14V15H3z" />
          )}
        </svg>
        Menu
      </button>
      <div
        id={MENU_ID}
        onClick={(event) => {
          if ((event.target as Element).closest("a")) setOpen(false);
        }}
        className={`${open ? "flex" : "hidden"} w-full flex-col gap-4 border-t border-white/20 pt-3 pb-1 sm:flex sm:w-auto sm:flex-1 sm:flex-row sm:items-center sm:gap-x-5 sm:border-0 sm:p-0`}
      >
        {children}
      </div>
    </div>
  );
}
