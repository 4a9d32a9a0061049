"use client";

import { useActionState } from "react";
import { Field, FormMessage, SubmitButton } from "@/app/_components/form";
import { resendConfirmationAction, saveEmailAction } from "../actions";
import type { EmailState } from "./state";

export function EmailForm({ initial }: { initial: EmailState }) {
  const [state, action] = useActionState<EmailState, FormData>(saveEmailAction, initial);
  const [resent, resend] = useActionState<EmailState>(
    () => resendConfirmationAction(state),
    initial,
  );
  return (
    <div className="space-y-4">
      <form action={action} className="space-y-4" noValidate>
        <FormMessage message={state.errors.form} />
        {state.saved && <FormMessage tone="success" message={state.saved} />}
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          defaultValue={state.email}
          error={state.errors.email}
          hint="You can sign in with it instead of your username, and get a new password through it."
          required
        />
        <Field
          label="Current password"
          name="passwordForEmail"
          hint="Asked when you change your address."
          type="password"
          autoComplete="current-password"
          error={state.errors.currentPassword}
        />
        <SubmitButton>Save</SubmitButton>
      </form>
      {state.verified === false && (
        <form action={resend} className="space-y-2">
          <p className="text-sm text-amber-800">This address is not confirmed yet.</p>
          <FormMessage message={resent.errors.form} />
          {resent.saved && <FormMessage tone="success" message={resent.saved} />}
          <SubmitButton>Send the confirmation mail again</SubmitButton>
        </form>
      )}
      {state.verified === true && (
        <p className="text-sm text-green-800">This address is confirmed.</p>
      )}
    </div>
  );
}
