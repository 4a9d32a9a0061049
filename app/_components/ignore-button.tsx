"use client";

import { useActionState } from "react";
import { reloadPersonal, updatePersonal } from "./personal/store";
import { toggleIgnoreAction } from "@/app/account/ignored/actions";
import { IDLE, type IgnoreState } from "@/app/account/ignored/_components/state";

/** "Ignore" / "Unignore" for one member, on member cards, profiles and the ignore list. Shown only
 * when lib/permissions' `ignoreMember` allows it; the action asks again. A submit before the page's
 * JavaScript has loaded is replayed once it has. */
export function IgnoreButton({
  memberId,
  ignoring,
  className = "",
}: {
  memberId: string;
  ignoring: boolean;
  className?: string;
}) {
  // Which posts are hidden comes from the personal answer: changed as soon as the action answers,
  // then asked for again (the server's list is the one that counts). Done in the action's own
  // continuation, not in an effect on its state: the page may be drawn afresh by the action's answer
  // (it revalidates the page), and a remounted button would never see the state it returned.
  const [state, action, pending] = useActionState<IgnoreState, FormData>(async (previous, form) => {
    const next = await toggleIgnoreAction(previous, form);
    if (next.status === "success" && next.ignoring !== undefined) {
      const now = next.ignoring;
      updatePersonal((current) => ({
        ...current,
        ignored: [...current.ignored.filter((id) => id !== memberId), ...(now ? [memberId] : [])],
      }));
      void reloadPersonal();
    }
    return next;
  }, IDLE);
  return (
    <form action={action} className={className}>
      <input type="hidden" name="memberId" value={memberId} />
      <input type="hidden" name="ignore" value={ignoring ? "0" : "1"} />
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-slate-300 bg-surface px-2.5 py-1 text-xs font-semibold text-slate-700 hover:bg-slate-100 disabled:opacity-60"
      >
        {ignoring ? "Unignore" : "Ignore"}
      </button>
      {state.status === "error" && (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {state.message}
        </p>
      )}
    </form>
  );
}
