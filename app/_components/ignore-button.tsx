"use client";

import { useActionState, useEffect } from "react";
import { reloadPersonal, updatePersonal } from "./personal/store";
import { toggleIgnoreAction } from "@/app/account/ignored/actions";
import { IDLE, type IgnoreState } from "@/app/account/ignored/_components/state";

/** "Ignore" / "Unignore" for one member, on member cards, profiles and the ignore list. Shown only
 * when lib/permissions' `ignoreMember` allows it; the action asks again. A plain form, so it works
 * before the page's JavaScript has loaded. */
export function IgnoreButton({
  memberId,
  ignoring,
  className = "",
}: {
  memberId: string;
  ignoring: boolean;
  className?: string;
}) {
  const [state, action, pending] = useActionState<IgnoreState, FormData>(toggleIgnoreAction, IDLE);
  // Which posts are hidden comes from the personal answer: changed here at once, then asked for
  // again (the server's list is the one that counts).
  useEffect(() => {
    if (state.status !== "success" || state.ignoring === undefined) return;
    const now = state.ignoring;
    updatePersonal((current) => ({
      ...current,
      ignored: [...current.ignored.filter((id) => id !== memberId), ...(now ? [memberId] : [])],
    }));
    void reloadPersonal();
  }, [state, memberId]);
  return (
    <form action={action} className={className}>
      <input type="hidden" name="memberId" value={memberId} />
      <input type="hidden" name="ignore" value={ignoring ? "0" : "1"} />
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-slate-300 bg-white px-2.5 py-1 text-xs font-semibold text-slate-700 hover:bg-slate-100 disabled:opacity-60"
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
