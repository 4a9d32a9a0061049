"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import type { ConversationPrivacy } from "@/lib/permissions";
import { saveConversationPrivacyAction, type ConversationPrivacyState } from "./actions";

export function ConversationPrivacyForm({
  from,
  choices,
}: {
  from: ConversationPrivacy;
  choices: { value: ConversationPrivacy; label: string }[];
}) {
  const [state, action] = useActionState<ConversationPrivacyState, FormData>(
    saveConversationPrivacyAction,
    { from },
  );
  return (
    <form action={action} className="space-y-3">
      <FormMessage message={state.error} />
      {state.saved && <FormMessage tone="success" message="Saved." />}
      <fieldset className="space-y-1" key={state.from}>
        <legend className="text-sm font-semibold text-slate-800">
          Who may start conversations with you
        </legend>
        {choices.map((choice) => (
          <label key={choice.value} className="flex items-center gap-2">
            <input
              type="radio"
              name="conversationsFrom"
              value={choice.value}
              defaultChecked={state.from === choice.value}
            />
            {choice.label}
          </label>
        ))}
        <p className="text-xs text-slate-500">
          Members on your ignore list can never start one with you. Moderators and administrators
          always can.
        </p>
      </fieldset>
      <SubmitButton>Save</SubmitButton>
    </form>
  );
}
