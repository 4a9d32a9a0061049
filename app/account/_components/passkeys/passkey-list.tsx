"use client";

import { browserSupportsWebAuthn, startRegistration } from "@simplewebauthn/browser";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { FormMessage } from "@/app/_components/form";
import { controlClass } from "@/app/_components/form-controls";
import { PASSKEY_NAME } from "@/lib/limits/sizes";
import { addPasskeyAction, passkeyOptionsAction, removePasskeyAction } from "./actions";

export interface PasskeyRow {
  credentialId: string;
  name: string;
  created: React.ReactNode;
  lastUsed: React.ReactNode | null;
}

const button =
  "rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-60";

export function PasskeyList({ passkeys }: { passkeys: PasskeyRow[] }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [error, setError] = useState<string>();
  const [message, setMessage] = useState<string>();
  const [pending, startTransition] = useTransition();

  function add() {
    setError(undefined);
    setMessage(undefined);
    startTransition(async () => {
      if (!browserSupportsWebAuthn()) {
        setError("This browser cannot use passkeys.");
        return;
      }
      const begun = await passkeyOptionsAction();
      if (!begun.ok) {
        setError(begun.error);
        return;
      }
      let response;
      try {
        response = await startRegistration(begun.options);
      } catch {
        setError(
          "No passkey was made: it was cancelled, timed out, or this device already has one.",
        );
        return;
      }
      const added = await addPasskeyAction({
        token: begun.token,
        name,
        response: JSON.stringify(response),
      });
      if (!added.ok) {
        setError(added.error);
        return;
      }
      setName("");
      setMessage(added.message);
      router.refresh();
    });
  }

  return (
    <div className="space-y-4">
      <p>
        A passkey signs you in with your fingerprint, face or device PIN instead of a password and
        code. It stays on your device (or in your password manager) and works only on this site.
      </p>
      <FormMessage tone="success" message={message} />
      {passkeys.length === 0 ? (
        <p className="text-sm text-slate-600">You have no passkeys.</p>
      ) : (
        <ul aria-label="Your passkeys" className="divide-y divide-slate-200">
          {passkeys.map((p) => (
            <li key={p.credentialId} className="flex items-center justify-between gap-4 py-2">
              <div>
                <p className="font-semibold">{p.name}</p>
                <p className="text-sm text-slate-600">
                  Added {p.created}
                  {p.lastUsed ? <>, last used {p.lastUsed}</> : ", not used yet"}
                </p>
              </div>
              <form action={removePasskeyAction}>
                <input type="hidden" name="credentialId" value={p.credentialId} />
                <button
                  type="submit"
                  className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100"
                >
                  Remove<span className="sr-only"> {p.name}</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <div className="space-y-3 border-t border-slate-200 pt-4">
        <FormMessage message={error} />
        <div className="space-y-1">
          <label htmlFor="passkey-name" className="block text-sm font-semibold text-slate-800">
            Passkey name (optional)
          </label>
          <input
            id="passkey-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={PASSKEY_NAME.max}
            placeholder="My laptop"
            className={controlClass}
          />
        </div>
        <button type="button" onClick={add} disabled={pending} className={button}>
          {pending ? "Waiting for your device…" : "Add a passkey"}
        </button>
      </div>
    </div>
  );
}
