"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import { CheckboxField } from "@/app/_components/form-controls";
import { saveWatchSettingsAction, type WatchSettingsState } from "../actions";

export function WatchSettingsForm({ autoWatch }: { autoWatch: boolean }) {
  const [state, action] = useActionState<WatchSettingsState, FormData>(saveWatchSettingsAction, {
    autoWatch,
  });
  return (
    <form action={action} className="space-y-4">
      <FormMessage message={state.error} />
      {state.saved && (
        <FormMessage
          tone="success"
          message={
            state.autoWatch
              ? "Saved: threads you start or reply to are watched."
              : "Saved: threads are watched only when you choose."
          }
        />
      )}
      <CheckboxField
        key={String(state.autoWatch)}
        label="Watch threads I start or reply to"
        name="autoWatch"
        defaultChecked={state.autoWatch}
      />
      <SubmitButton>Save</SubmitButton>
    </form>
  );
}
