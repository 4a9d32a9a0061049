"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import { unsubscribeAction, type UnsubscribeState } from "../actions";

export function UnsubscribeForm({ token }: { token: string }) {
  const [state, action] = useActionState<UnsubscribeState, FormData>(unsubscribeAction, {});
  if (state.ok) return <FormMessage tone="success" message={state.message} />;
  return (
    <form action={action} className="space-y-4">
      <FormMessage message={state.message} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton>Unsubscribe</SubmitButton>
    </form>
  );
}
