"use client";

import { useActionState } from "react";
import { Field, FormMessage, SubmitButton } from "@/app/_components/form";
import { PASSWORD } from "@/lib/limits/sizes";
import { resetPasswordAction, type ResetState } from "../actions";

export function ResetForm({ token, name }: { token: string; name: string }) {
  const [state, action] = useActionState<ResetState, FormData>(resetPasswordAction, {
    errors: {},
  });
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage message={state.errors.form} />
      <input type="hidden" name="token" value={token} />
      {/* For password managers: the account whose password this is. */}
      <input type="hidden" name="username" autoComplete="username" value={name} />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        maxLength={PASSWORD.max}
        hint={`At least ${PASSWORD.min} characters. Every device signed in to your account will be signed out.`}
        error={state.errors.newPassword}
        required
        autoFocus
      />
      <SubmitButton>Set new password</SubmitButton>
    </form>
  );
}
