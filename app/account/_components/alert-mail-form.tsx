"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import { CheckboxField } from "@/app/_components/form-controls";
import { saveAlertMailAction, type AlertMailState } from "../actions";

export function AlertMailForm({
  enabled,
  obstacle,
}: {
  enabled: boolean;
  obstacle: string | null;
}) {
  const [state, action] = useActionState<AlertMailState, FormData>(saveAlertMailAction, {
    enabled,
  });
  return (
    <form action={action} className="space-y-4">
      <FormMessage message={state.error} />
      {state.saved && (
        <FormMessage
          tone="success"
          message={
            state.enabled
              ? "Saved: you will be emailed about replies in threads you watch, quotes and mentions."
              : "Saved: you will get no emails about watched threads and alerts."
          }
        />
      )}
      <CheckboxField
        key={String(state.enabled)}
        label="Email me about replies in threads I watch and about alerts"
        name="alertMail"
        defaultChecked={state.enabled}
        aria-describedby="alert-mail-hint"
      />
      <div id="alert-mail-hint" className="space-y-1 text-sm text-slate-600">
        <p>
          At most one email per thread until you read it again on the forum. Every email has an
          unsubscribe link.
        </p>
        {obstacle && <p>{obstacle}</p>}
      </div>
      <SubmitButton>Save</SubmitButton>
    </form>
  );
}
