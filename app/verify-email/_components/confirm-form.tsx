"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import { confirmEmailAction, type ConfirmState } from "../actions";

export function ConfirmForm({ token }: { token: string }) {
  const [state, action] = useActionState<ConfirmState, FormData>(confirmEmailAction, {});
  if (state.ok) return <FormMessage tone="success" message={state.message} />;
  return (
    <form action={action} className="space-y-4">
      <FormMessage message={state.message} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton>Confirm my email address</SubmitButton>
    </form>
  );
}
