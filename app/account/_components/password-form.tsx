"use client";

import { useActionState } from "react";
import { Field, FormMessage, SubmitButton } from "@/app/_components/form";
import { savePasswordAction } from "../actions";
import type { PasswordState } from "./state";

export function PasswordForm({
  username,
  hasPassword,
  justChanged,
}: {
  username: string;
  hasPassword: boolean;
  justChanged: boolean;
}) {
  const [state, action] = useActionState<PasswordState, FormData>(savePasswordAction, {
    errors: {},
    version: 0,
  });
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage message={state.errors.form} />
      {justChanged && state.version === 0 && (
        <FormMessage
          tone="success"
          message="Your password was changed. Anywhere else you were signed in, you are now signed out."
        />
      )}
      {/* For password managers: which account this password belongs to. */}
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      {hasPassword ? (
        <Field
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          error={state.errors.currentPassword}
          required
        />
      ) : (
        <p className="text-sm text-slate-600">
          You sign in through another site and have no password here yet; you may set one.
        </p>
      )}
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        error={state.errors.newPassword}
        hint="At least 10 characters, and not one of the common passwords. Changing it signs you out everywhere else."
        required
      />
      <SubmitButton>Save</SubmitButton>
    </form>
  );
}
