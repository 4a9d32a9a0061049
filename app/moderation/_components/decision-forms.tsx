"use client";

// The decision buttons of the moderation queues (reports, approval). One action state per page:
// a decision removes its item from the list, so its outcome is announced in the page's status line,
// which takes the focus (keyboard users keep their place near the top of the list).
import { createContext, useActionState, useContext, useEffect, useRef } from "react";
import { useFormStatus } from "react-dom";
import { FormMessage } from "@/app/_components/form";
import { controlClass } from "@/app/_components/form-controls";

export interface DecisionState {
  status: "idle" | "success" | "error";
  message: string;
  /** Counts decisions, so two equal messages in a row still move the focus. */
  seq: number;
}

const IDLE_DECISION: DecisionState = { status: "idle", message: "", seq: 0 };

type DecisionAction = (previous: DecisionState, form: FormData) => Promise<DecisionState>;

const DecisionContext = createContext<{
  state: DecisionState;
  dispatch: (form: FormData) => void;
} | null>(null);

function useDecision() {
  const value = useContext(DecisionContext);
  if (!value) throw new Error("Decision forms need a DecisionProvider.");
  return value;
}

export function DecisionProvider({
  action,
  children,
}: {
  action: DecisionAction;
  children: React.ReactNode;
}) {
  const [state, dispatch] = useActionState(action, IDLE_DECISION);
  return (
    <DecisionContext.Provider value={{ state, dispatch }}>{children}</DecisionContext.Provider>
  );
}

/** The outcome of the last decision on this page. */
export function DecisionStatus() {
  const { state } = useDecision();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.seq > 0) ref.current?.focus();
  }, [state.seq]);
  return (
    <div ref={ref} tabIndex={-1} className="mt-3 outline-none empty:hidden">
      {state.status !== "idle" && (
        <FormMessage
          tone={state.status === "error" ? "error" : "success"}
          message={state.message}
        />
      )}
    </div>
  );
}

const buttonStyles = {
  primary: "bg-brand-700 text-white hover:bg-brand-800",
  secondary: "border border-slate-300 bg-surface text-slate-800 hover:bg-slate-50",
  danger: "border border-red-300 bg-surface text-red-800 hover:bg-red-50",
} as const;

function DecisionButton({
  value,
  tone,
  describedBy,
  children,
}: {
  value: string;
  tone: keyof typeof buttonStyles;
  describedBy?: string;
  children: React.ReactNode;
}) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      name="decision"
      value={value}
      disabled={pending}
      aria-describedby={describedBy}
      className={`rounded px-4 py-2 text-sm font-semibold whitespace-nowrap disabled:opacity-60 ${buttonStyles[tone]}`}
    >
      {children}
    </button>
  );
}

/** One item's decision form: hidden fields naming the item, an optional note, and two buttons. */
export function DecisionForm({
  fields,
  subjectId,
  accept,
  refuse,
  note,
}: {
  fields: Record<string, string | number>;
  /** The id of the item's heading: each button is described by what it decides on. */
  subjectId: string;
  accept: { value: string; label: string };
  refuse: { value: string; label: string };
  note?: { label: string; maxLength: number };
}) {
  const { dispatch } = useDecision();
  const noteId = `${subjectId}-note`;
  return (
    <form action={dispatch} className="flex flex-col gap-2 sm:flex-row sm:items-end">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {note && (
        <div className="min-w-0 flex-1 space-y-1 sm:max-w-xl">
          <label htmlFor={noteId} className="block text-xs font-semibold text-slate-700">
            {note.label}
          </label>
          <input
            id={noteId}
            name="note"
            maxLength={note.maxLength}
            autoComplete="off"
            className={`${controlClass} py-1.5`}
          />
        </div>
      )}
      <div className="flex gap-2">
        <DecisionButton value={accept.value} tone="primary" describedBy={subjectId}>
          {accept.label}
        </DecisionButton>
        <DecisionButton value={refuse.value} tone="danger" describedBy={subjectId}>
          {refuse.label}
        </DecisionButton>
      </div>
    </form>
  );
}
