"use client";

import { useActionState } from "react";
import { Field, FormMessage, SubmitButton } from "@/app/_components/form";
import { USERNAME } from "@/lib/limits/sizes";
import { signUpAction, type SignUpState } from "../actions";
import { SIGN_UP_TRAP_FIELD } from "../trap-field";

export function SignUpForm() {
  const [state, action] = useActionState<SignUpState, FormData>(signUpAction, {
    values: { username: "", email: "" },
    errors: {},
  });
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage message={state.errors.form} />
      <Field
        label="Username"
        name="username"
        autoComplete="username"
        defaultValue={state.values.username}
        error={state.errors.username}
        hint={`${USERNAME.min} to ${USERNAME.max} characters: letters of one script, digits, spaces, _ - and .`}
        required
        maxLength={USERNAME.max}
      />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        defaultValue={state.values.email}
        error={state.errors.email}
        required
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        error={state.errors.password}
        hint="At least 10 characters, and not one of the common passwords."
        required
      />
      {/* The bot trap: off-screen, out of the tab order and hidden from screen readers, so only a
          script that fills every input fills it (lib/accounts/sign-up.ts answers it like a refusal). */}
      <div aria-hidden="true" className="absolute -left-[9999px] h-px w-px overflow-hidden">
        <label>
          Referral code (leave empty)
          <input type="text" name={SIGN_UP_TRAP_FIELD} tabIndex={-1} autoComplete="off" />
        </label>
      </div>
      <SubmitButton>Sign up</SubmitButton>
    </form>
  );
}
