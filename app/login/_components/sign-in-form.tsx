"use client";

import { useActionState } from "react";
import { Field, FormMessage, SubmitButton } from "@/app/_components/form";
import { signInAction, type SignInState } from "../actions";
import { CodeStep } from "./code-step";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action] = useActionState<SignInState, FormData>(signInAction, { identifier: "" });
  if (state.challenge)
    return (
      <CodeStep
        key={state.challenge}
        state={{ ...state, challenge: state.challenge }}
        action={action}
        callbackUrl={callbackUrl}
      />
    );
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage message={state.error} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field
        label="Username or email"
        name="identifier"
        autoComplete="username"
        defaultValue={state.identifier}
        required
        autoFocus
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
      />
      <SubmitButton>Sign in</SubmitButton>
    </form>
  );
}
