"use client";

// Small pieces the thread and post tools share: button styles, the optional reason field, and the
// answer from the server (announced: errors as alerts, successes as status messages).
import Link from "next/link";
import type { ModState } from "./state";
import { REASON } from "@/lib/limits/sizes";

const base =
  "inline-flex items-center justify-center gap-1 rounded border px-3 py-1.5 text-sm font-semibold whitespace-nowrap shadow-sm disabled:cursor-not-allowed disabled:opacity-60";
export const buttonStyle = {
  plain: `${base} border-slate-300 bg-surface text-slate-800 hover:bg-slate-50 aria-expanded:border-brand-600 aria-expanded:bg-brand-50 aria-expanded:text-link`,
  primary: `${base} border-brand-700 bg-brand-700 text-white hover:bg-brand-800`,
  danger: `${base} border-red-700 bg-red-700 text-white hover:bg-red-800 dark:border-red-600 dark:bg-red-600 dark:hover:bg-red-500`,
  dangerOutline: `${base} border-red-300 bg-surface text-red-800 hover:bg-red-50 aria-expanded:bg-red-50`,
  quiet:
    "rounded px-2 py-1 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900 disabled:cursor-not-allowed disabled:opacity-60",
};

export const inputStyle =
  "block w-full min-w-0 rounded border border-slate-300 bg-surface px-3 py-1.5 text-base shadow-sm aria-invalid:border-red-600";
export const labelStyle = "block text-sm font-semibold text-slate-800";

export function ReasonField({
  id,
  label = "Reason (optional)",
  autoFocus,
}: {
  id: string;
  label?: string;
  autoFocus?: boolean;
}) {
  return (
    <div className="min-w-0 flex-1 space-y-1">
      <label htmlFor={id} className={labelStyle}>
        {label}
      </label>
      <input
        id={id}
        name="reason"
        maxLength={REASON.max}
        autoComplete="off"
        autoFocus={autoFocus}
        aria-describedby={`${id}-hint`}
        className={inputStyle}
      />
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        Kept in the moderator log; at most {REASON.max} characters.
      </p>
    </div>
  );
}

/** The server's answer to the last request. */
export function Answer({ state, linkLabel = "Open it" }: { state: ModState; linkLabel?: string }) {
  if (state.status === "idle" || !state.message) return null;
  const error = state.status === "error";
  return (
    <p
      role={error ? "alert" : "status"}
      className={`rounded border px-3 py-2 text-sm ${error ? "border-red-300 bg-red-50 text-red-800" : "border-green-300 bg-green-50 text-green-800"}`}
    >
      {state.message}
      {state.link && (
        <>
          {" "}
          <Link href={state.link} className="font-semibold">
            {linkLabel}
          </Link>
        </>
      )}
    </p>
  );
}
