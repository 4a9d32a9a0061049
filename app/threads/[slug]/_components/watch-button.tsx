"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { toggleWatchAction, type WatchState } from "../actions";

/** "Watch" / "Unwatch" for the signed-in reader; the new state shows as soon as the server answers. */
export function WatchButton({ threadId, watching }: { threadId: number; watching: boolean }) {
  const [state, action] = useActionState<WatchState, FormData>(toggleWatchAction, { watching });
  return (
    <form action={action} className="flex flex-wrap items-center gap-2 text-sm">
      <input type="hidden" name="threadId" value={threadId} />
      <input type="hidden" name="watch" value={state.watching ? "0" : "1"} />
      <Toggle watching={state.watching} />
      <span role="status" className="text-slate-600">
        {state.error ?? (state.watching ? "Replies in this thread alert you." : "")}
      </span>
    </form>
  );
}

function Toggle({ watching }: { watching: boolean }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      className="cursor-pointer rounded border border-slate-300 bg-surface px-3 py-1 font-semibold text-slate-800 hover:bg-slate-50 disabled:opacity-60"
    >
      {watching ? "Unwatch" : "Watch"}
    </button>
  );
}
