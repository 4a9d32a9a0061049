"use client";

import { useActionState } from "react";
import { Field, FormMessage, SubmitButton } from "@/app/_components/form";
import { twoStepAction } from "./actions";
import type { Intent, TwoStepState } from "./state";

const errorsFor = (state: TwoStepState, intent: Intent) =>
  state.intent === intent ? state.errors : {};

export function TwoStepSettings({
  enabled,
  recoveryCodesLeft,
  hasPassword,
}: {
  enabled: boolean;
  recoveryCodesLeft: number;
  hasPassword: boolean;
}) {
  const [state, action] = useActionState<TwoStepState, FormData>(twoStepAction, { errors: {} });
  const confirmErrors = errorsFor(state, "confirm");
  const regenerateErrors = errorsFor(state, "regenerate");
  const disableErrors = errorsFor(state, "disable");
  return (
    <div className="space-y-4">
      <FormMessage tone="success" message={state.message} />
      {state.recoveryCodes && (
        <div className="rounded border border-amber-300 bg-amber-50 p-4">
          <h3 className="font-semibold">Your recovery codes</h3>
          <p className="mb-2 text-sm text-slate-700">
            Keep these somewhere safe. Each one signs you in once if you lose your phone. They are
            shown only now.
          </p>
          <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-1 font-mono">
            {state.recoveryCodes.map((code) => (
              <li key={code}>{code}</li>
            ))}
          </ul>
        </div>
      )}

      {enabled ? (
        <>
          <p>
            Two-step verification is <strong>on</strong>: signing in asks for a code from your
            authenticator app. {recoveryCodesLeft} recovery{" "}
            {recoveryCodesLeft === 1 ? "code is" : "codes are"} left.
          </p>
          <form action={action} aria-label="New recovery codes" className="space-y-3" noValidate>
            <input type="hidden" name="intent" value="regenerate" />
            <FormMessage message={regenerateErrors.form} />
            <Field
              label="Authentication code"
              name="regenerateCode"
              hint="From your app, to make new recovery codes."
              autoComplete="one-time-code"
              inputMode="numeric"
              error={regenerateErrors.code}
            />
            <SubmitButton>Make new recovery codes</SubmitButton>
          </form>
          <form
            action={action}
            aria-label="Turn off two-step verification"
            className="space-y-3 border-t border-slate-200 pt-4"
            noValidate
          >
            <input type="hidden" name="intent" value="disable" />
            <FormMessage message={disableErrors.form} />
            {hasPassword && (
              <Field
                label="Password"
                name="password"
                type="password"
                autoComplete="current-password"
                error={disableErrors.password}
              />
            )}
            <Field
              label="Authentication or recovery code"
              name="disableCode"
              autoComplete="one-time-code"
              error={disableErrors.code}
            />
            <SubmitButton>Turn off two-step verification</SubmitButton>
          </form>
        </>
      ) : state.setup ? (
        <form action={action} aria-label="Confirm two-step verification" className="space-y-3">
          <input type="hidden" name="intent" value="confirm" />
          <FormMessage message={confirmErrors.form} />
          <p>
            Scan this QR code with an authenticator app (such as Google Authenticator, Aegis or
            1Password), or type the key below into it. Then enter the code it shows.
          </p>
          <div
            role="img"
            aria-label="QR code for your authenticator app"
            className="h-48 w-48"
            // Markup made on the server by the qrcode library from the otpauth address alone.
            dangerouslySetInnerHTML={{ __html: state.setup.qrSvg }}
          />
          <p className="text-sm">
            Key: <code className="rounded bg-slate-100 px-1 break-all">{state.setup.secret}</code>
          </p>
          <Field
            label="Authentication code"
            name="code"
            autoComplete="one-time-code"
            inputMode="numeric"
            error={confirmErrors.code}
            required
            autoFocus
          />
          <SubmitButton>Turn on</SubmitButton>
        </form>
      ) : (
        <form action={action} className="space-y-3">
          <input type="hidden" name="intent" value="start" />
          <FormMessage message={errorsFor(state, "start").form} />
          <p>
            Two-step verification is <strong>off</strong>. With it on, signing in also asks for a
            code from an app on your phone, so a stolen password is not enough.
          </p>
          <SubmitButton>Set up two-step verification</SubmitButton>
        </form>
      )}
    </div>
  );
}
