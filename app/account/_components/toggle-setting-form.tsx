"use client";

import { useActionState, type ReactNode } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import { CheckboxField } from "@/app/_components/form-controls";
import type { ToggleSettingState } from "./state";

/** One checkbox and Save, saying afterwards what the member now gets. */
export function ToggleSettingForm({
  action,
  enabled,
  name,
  label,
  savedOn,
  savedOff,
  hint,
}: {
  action: (previous: ToggleSettingState, form: FormData) => Promise<ToggleSettingState>;
  enabled: boolean;
  name: string;
  label: string;
  savedOn: string;
  savedOff: string;
  hint?: ReactNode;
}) {
  const [state, formAction] = useActionState(action, { enabled });
  const hintId = `${name}-hint`;
  return (
    <form action={formAction} className="space-y-4">
      <FormMessage message={state.error} />
      {state.saved && <FormMessage tone="success" message={state.enabled ? savedOn : savedOff} />}
      <CheckboxField
        key={String(state.enabled)}
        label={label}
        name={name}
        defaultChecked={state.enabled}
        aria-describedby={hint ? hintId : undefined}
      />
      {hint && (
        <div id={hintId} className="space-y-1 text-sm text-slate-600">
          {hint}
        </div>
      )}
      <SubmitButton>Save</SubmitButton>
    </form>
  );
}
