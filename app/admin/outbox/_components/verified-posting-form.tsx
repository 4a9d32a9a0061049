"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import { verifiedPostingAction, type SettingState } from "../actions";

export function VerifiedPostingForm({ verifiedOnly }: { verifiedOnly: boolean }) {
  const [state, action] = useActionState<SettingState, FormData>(verifiedPostingAction, {});
  return (
    <form
      action={action}
      className="space-y-3 rounded-lg border border-slate-300 bg-surface p-4 shadow-sm"
    >
      <FormMessage tone={state.ok ? "success" : "error"} message={state.message} />
      <div className="flex items-start gap-2">
        <input
          id="verified-only"
          type="checkbox"
          name="verifiedOnly"
          defaultChecked={verifiedOnly}
          className="mt-1"
          aria-describedby="verified-only-hint"
        />
        <div>
          <label htmlFor="verified-only" className="font-semibold">
            Members must confirm their email address before they post
          </label>
          <p id="verified-only-hint" className="text-sm text-slate-600">
            Off by default: new members may post at once. On: a member whose address is not
            confirmed yet can read and react, but not start threads or reply. Staff are not held
            back.
          </p>
        </div>
      </div>
      <SubmitButton>Save email setting</SubmitButton>
    </form>
  );
}
