"use client";

import { useActionState } from "react";
import { Field, FormMessage, SubmitButton } from "@/app/_components/form";
import { saveEmailAction } from "../actions";
import type { EmailState } from "./state";

export function EmailForm({ initial }: { initial: EmailState }) {
  const [state, action] = useActionState<EmailState, FormData>(saveEmailAction, initial);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage message={state.errors.form} />
      {state.saved && <FormMessage tone="success" message="Your email address was saved." />}
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        defaultValue={state.email}
        error={state.errors.email}
        hint="You can sign in with it instead of your username."
        required
      />
      <SubmitButton>Save</SubmitButton>
    </form>
  );
}
