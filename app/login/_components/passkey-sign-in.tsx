"use client";

import { browserSupportsWebAuthn, startAuthentication } from "@simplewebauthn/browser";
import { useState, useTransition } from "react";
import { FormMessage } from "@/app/_components/form";
import { passkeySignInAction, passkeySignInOptionsAction } from "../actions";

export function PasskeySignIn({ callbackUrl }: { callbackUrl: string }) {
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();

  function signInWithPasskey() {
    setError(undefined);
    startTransition(async () => {
      if (!browserSupportsWebAuthn()) {
        setError("This browser cannot use passkeys.");
        return;
      }
      const begun = await passkeySignInOptionsAction();
      if ("error" in begun) {
        setError(begun.error);
        return;
      }
      let response;
      try {
        response = await startAuthentication(begun.options);
      } catch {
        setError("No passkey was used: it was cancelled or timed out.");
        return;
      }
      // Redirects on success.
      const result = await passkeySignInAction({
        token: begun.token,
        response: JSON.stringify(response),
        callbackUrl,
      });
      setError(result.error);
    });
  }

  return (
    <div className="mt-6 space-y-2 border-t border-slate-200 pt-4">
      <FormMessage message={error} />
      <button
        type="button"
        onClick={signInWithPasskey}
        disabled={pending}
        className="w-full rounded border border-slate-300 px-4 py-2 font-semibold hover:bg-slate-50 disabled:opacity-60"
      >
        {pending ? "Waiting for your passkey…" : "Sign in with a passkey"}
      </button>
    </div>
  );
}
