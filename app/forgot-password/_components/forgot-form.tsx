"use client";

import { useActionState } from "react";
import { Field, FormMessage, SubmitButton } from "@/app/_components/form";
import { forgotPasswordAction, type ForgotState } from "../actions";

export function ForgotForm() {
  const [state, action] = useActionState<ForgotState, FormData>(forgotPasswordAction, {
    identifier: "",
  });
  if (state.sent) return <FormMessage tone="success" message={state.sent} />;
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage message={state.error} />
      <Field
        label="Username or email"
        name="identifier"
        autoComplete="username"
        defaultValue={state.identifier}
        required
        autoFocus
      />
      <SubmitButton>Send me a link</SubmitButton>
    </form>
  );
}
