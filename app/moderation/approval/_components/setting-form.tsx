"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import { controlClass } from "@/app/_components/form-controls";
import { saveApprovalSettingAction, type SettingFormState } from "../actions";

const IDLE: SettingFormState = { status: "idle", message: "" };

/** Administrators' form for the "approval_first_posts" setting. */
export function ApprovalSettingForm({ value, max }: { value: number; max: number }) {
  const [state, action] = useActionState(saveApprovalSettingAction, IDLE);
  const shown = state.status === "error" && state.value !== undefined ? state.value : String(value);
  return (
    <form action={action} className="space-y-2">
      <label htmlFor="approval-setting" className="block text-sm font-semibold text-slate-800">
        Posts to approve for new members
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <input
          id="approval-setting"
          name="value"
          type="number"
          inputMode="numeric"
          min={0}
          max={max}
          step={1}
          required
          key={shown}
          defaultValue={shown}
          aria-invalid={state.status === "error" ? true : undefined}
          aria-describedby="approval-setting-hint approval-setting-message"
          className={`${controlClass} w-28!`}
        />
        <SubmitButton>Save setting</SubmitButton>
      </div>
      <p id="approval-setting-hint" className="text-xs text-slate-500">
        A member&apos;s posts wait for a moderator until this many of them are approved. 0 turns
        approval off. Staff and imported members never wait.
      </p>
      <div id="approval-setting-message" className="empty:hidden">
        <FormMessage
          message={state.message}
          tone={state.status === "error" ? "error" : "success"}
        />
      </div>
    </form>
  );
}
