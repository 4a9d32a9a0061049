"use client";

import { useActionState } from "react";
import { Field, FormMessage, SubmitButton } from "@/app/_components/form";
import { MEMBER_NAME } from "@/lib/limits/sizes";
import { ignoreByNameAction } from "../actions";
import { IDLE, type IgnoreState } from "./state";

export function IgnoreByNameForm() {
  const [state, action] = useActionState<IgnoreState, FormData>(ignoreByNameAction, IDLE);
  const error = state.status === "error" ? state.message : undefined;
  return (
    <form action={action} className="space-y-3" noValidate>
      {state.status === "success" && <FormMessage tone="success" message={state.message} />}
      {/* Remounted on every answer: empty after a success, the typed name again after a refusal. */}
      <Field
        key={state.at ?? 0}
        label="Username"
        name="username"
        autoComplete="off"
        required
        maxLength={MEMBER_NAME.max}
        defaultValue={state.typed ?? ""}
        error={error}
        hint="The member's name as it shows on their posts."
      />
      <SubmitButton>Ignore</SubmitButton>
    </form>
  );
}
