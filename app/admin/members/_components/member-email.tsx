"use client";

import { useActionState, useId } from "react";
import { useFormStatus } from "react-dom";
import { FormMessage } from "@/app/_components/form";
import { EMAIL_MAX } from "@/lib/limits/sizes";
import { memberEmailAction, type MemberFormState } from "../actions";

const IDLE: MemberFormState = { status: "idle", message: "" };

function IntentButton({ intent, children }: { intent: string; children: React.ReactNode }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      name="intent"
      value={intent}
      disabled={pending}
      className="rounded border border-slate-300 bg-surface px-3 py-1.5 text-sm font-semibold whitespace-nowrap hover:bg-slate-50 disabled:opacity-60"
    >
      {children}
    </button>
  );
}

/** An administrator's email tools for one member, folded away until opened. */
export function MemberEmailTools({
  memberId,
  name,
  email,
  verified,
}: {
  memberId: string;
  name: string;
  email: string | null;
  verified: boolean;
}) {
  const [state, action] = useActionState(memberEmailAction, IDLE);
  const id = useId();
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-slate-700">
        Email: {email ? `${email} (${verified ? "confirmed" : "not confirmed"})` : "none"}
      </summary>
      <form action={action} className="mt-2 space-y-2">
        <input type="hidden" name="memberId" value={memberId} />
        <label htmlFor={`${id}-email`} className="block text-xs font-semibold text-slate-700">
          Email address for {name}
        </label>
        <div className="flex flex-wrap gap-2">
          <input
            id={`${id}-email`}
            name="email"
            type="email"
            maxLength={EMAIL_MAX}
            defaultValue={state.status === "error" ? state.value : (email ?? "")}
            aria-describedby={`${id}-message`}
            className="min-w-0 flex-1 rounded border border-slate-300 bg-surface px-2 py-1.5 text-base shadow-sm"
          />
          <IntentButton intent="email">Set email</IntentButton>
        </div>
        <div className="flex flex-wrap gap-2">
          {email && <IntentButton intent="reset">Send password reset</IntentButton>}
          {email && !verified && <IntentButton intent="verify">Resend confirmation</IntentButton>}
        </div>
        <div id={`${id}-message`} className="empty:hidden">
          <FormMessage
            message={state.message}
            tone={state.status === "error" ? "error" : "success"}
          />
        </div>
      </form>
    </details>
  );
}
