"use client";

// What the moderation tools share: buttons that open a small form below them (one at a time), sent
// to a server action whose answer the tool shows. A success closes the open form; Cancel and Escape
// close it and give the focus back to the button that opened it.
import { startTransition, useActionState, useId, useRef, useState } from "react";
import { useHydrated } from "@/app/_components/use-hydrated";
import { IDLE, type ModState } from "./state";

type ModAction = (previous: ModState, form: FormData) => Promise<ModState>;

export function usePanels<Panel extends string>(
  serverAction: ModAction,
  /** Runs as the answer arrives, e.g. to follow the thread to its new address. */
  onSuccess?: (answer: ModState) => void,
) {
  const [state, dispatch, pending] = useActionState(async (previous: ModState, form: FormData) => {
    const answer = await serverAction(previous, form);
    if (answer.status === "success") onSuccess?.(answer);
    return answer;
  }, IDLE);
  const id = useId();
  const ready = useHydrated();
  // The answer that was current when the panel opened: a later success is its form's, and closes it.
  const [opened, setOpened] = useState<{ panel: Panel; since: ModState } | null>(null);
  const open =
    opened && (opened.since === state || state.status !== "success") ? opened.panel : null;
  const opener = useRef<HTMLElement | null>(null);
  // The answer the moderator put away (Close, or opening another form): no longer shown.
  const [dismissed, setDismissed] = useState<ModState>(IDLE);

  const panelId = (panel: Panel) => `${id}-${panel}`;

  function close({ returnFocus = true } = {}) {
    if (!open) return;
    setOpened(null);
    if (returnFocus) opener.current?.focus();
  }

  function show(panel: Panel, from: HTMLElement) {
    opener.current = from;
    setOpened({ panel, since: state });
  }

  return {
    id,
    state,
    pending,
    /** False until the page hydrates: the buttons below do nothing before (see useHydrated). */
    ready,
    open,
    panelId,
    close: () => close(),
    /** Closes without moving the focus (the control that has it stays). */
    closeQuietly: () => close({ returnFocus: false }),
    /** The answer to show, unless put away. */
    answer: state.status !== "idle" && state !== dismissed ? state : null,
    dismissAnswer: () => setDismissed(state),
    /** Sent from onSubmit rather than <form action>: React resets a form after its action, and a
     * refused title or reason should stay in its field to be corrected. */
    submit(event: React.FormEvent<HTMLFormElement>) {
      event.preventDefault();
      const data = new FormData(event.currentTarget);
      startTransition(() => dispatch(data));
    },
    /** Props for the button that opens and closes a panel. */
    toggle(panel: Panel) {
      return {
        disabled: !ready,
        "aria-expanded": open === panel,
        "aria-controls": open === panel ? panelId(panel) : undefined,
        onClick: (event: React.MouseEvent<HTMLElement>) =>
          open === panel ? close() : show(panel, event.currentTarget),
      };
    },
    /** For the panel (or the bar around it): Escape closes the open form. */
    closeOnEscape(event: React.KeyboardEvent) {
      if (event.key === "Escape") close();
    },
  };
}
