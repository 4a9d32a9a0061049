"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { FormMessage } from "@/app/_components/form";
import { endSessionsAction } from "./actions";
import type { SessionRow, SessionsState } from "./state";

function EndButton({ children, strong = false }: { children: React.ReactNode; strong?: boolean }) {
  const { pending } = useFormStatus();
  const style = strong
    ? "bg-red-700 text-white hover:bg-red-800 dark:bg-red-600 dark:hover:bg-red-500"
    : "border border-slate-300 bg-surface text-slate-800 hover:bg-slate-100";
  return (
    <button
      type="submit"
      disabled={pending}
      className={`rounded px-3 py-1.5 text-sm font-semibold disabled:opacity-60 ${style}`}
    >
      {children}
    </button>
  );
}

/** The member's signed-in devices, each other one with its own Sign out. One action state for the
 * whole list: a row disappears once signed out, and its message must not go with it. */
export function SessionList({ rows }: { rows: SessionRow[] }) {
  const [state, action] = useActionState<SessionsState, FormData>(endSessionsAction, {});
  const others = rows.filter((row) => !row.isThisDevice).length;
  return (
    <div className="space-y-4">
      <FormMessage message={state.error} />
      <FormMessage tone="success" message={state.done} />
      <ul aria-label="Signed-in devices" className="divide-y divide-slate-200">
        {rows.map((row) => (
          <li
            key={row.id}
            className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 py-3"
          >
            <div className="min-w-0 space-y-0.5">
              <p className="font-semibold">
                {row.device}
                {row.isThisDevice && (
                  <span className="ml-2 rounded bg-green-100 px-1.5 py-0.5 text-xs font-semibold text-green-800">
                    This device
                  </span>
                )}
              </p>
              <p className="text-sm text-slate-600">
                {row.signedIn} · {row.lastActive}
                {row.clientAddress && <> · from {row.clientAddress}</>}
              </p>
            </div>
            {!row.isThisDevice && (
              <form action={action}>
                <input type="hidden" name="intent" value="one" />
                <input type="hidden" name="sessionId" value={row.id} />
                <EndButton>
                  Sign out<span className="sr-only"> of {row.device}</span>
                </EndButton>
              </form>
            )}
          </li>
        ))}
      </ul>
      {others > 0 && (
        <form action={action}>
          <input type="hidden" name="intent" value="others" />
          <EndButton strong>Sign out all other sessions</EndButton>
        </form>
      )}
    </div>
  );
}
