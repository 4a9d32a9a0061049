"use client";

import { useActionState, useEffect } from "react";
import { reloadPersonal } from "../personal/store";
import { useFormStatus } from "react-dom";
import { markAllReadAction, markForumReadAction, type MarkReadState } from "./actions";

function Submit({ label }: { label: string }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      className="cursor-pointer rounded border border-slate-300 bg-surface px-3 py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-50 disabled:opacity-60"
    >
      {label}
    </button>
  );
}

/** "Mark forum read" (with a forumId) or "Mark all read"; the outcome is announced next to the button. */
export function MarkReadButton({ forumId }: { forumId?: number }) {
  const [state, action] = useActionState<MarkReadState, FormData>(
    forumId === undefined ? markAllReadAction : markForumReadAction,
    {},
  );
  // The bold in the lists comes from the personal answer: ask for it again once the marks moved.
  useEffect(() => {
    if (state.status === "done") void reloadPersonal();
  }, [state]);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      {forumId !== undefined && <input type="hidden" name="forumId" value={forumId} />}
      <Submit label={forumId === undefined ? "Mark all read" : "Mark forum read"} />
      <p
        role="status"
        className={`text-sm ${state.status === "error" ? "text-red-800" : "text-slate-600"}`}
        key={state.at}
      >
        {state.message}
      </p>
    </form>
  );
}
