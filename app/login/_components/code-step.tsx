"use client";

import { useState } from "react";
import { Field, FormMessage, SubmitButton } from "@/app/_components/form";
import type { SignInState } from "../actions";

/** The second step of signing in, for members with two-step verification: a code from their
 * authenticator app, or one of their recovery codes. */
export function CodeStep({
  state,
  action,
  callbackUrl,
}: {
  state: SignInState & { challenge: string };
  action: (form: FormData) => void;
  callbackUrl: string;
}) {
  const [method, setMethod] = useState(state.method ?? "code");
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage message={state.error} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <input type="hidden" name="identifier" value={state.identifier} />
      <input type="hidden" name="challenge" value={state.challenge} />
      <input type="hidden" name="method" value={method} />
      {method === "code" ? (
        <Field
          key="code"
          label="Authentication code"
          name="code"
          hint="The 6-digit code your authenticator app shows for this forum."
          autoComplete="one-time-code"
          inputMode="numeric"
          required
          autoFocus
        />
      ) : (
        <Field
          key="recovery"
          label="Recovery code"
          name="code"
          hint="One of the codes you saved when you turned on two-step verification. Each works once."
          autoComplete="off"
          required
          autoFocus
        />
      )}
      <div className="flex flex-wrap items-center gap-4">
        <SubmitButton>Verify</SubmitButton>
        <button
          type="button"
          className="text-sm text-link underline"
          onClick={() => setMethod(method === "code" ? "recovery" : "code")}
        >
          {method === "code" ? "Use a recovery code" : "Use your authenticator app"}
        </button>
      </div>
    </form>
  );
}
