"use client";

import { useActionState, useEffect, useId, useRef } from "react";
import { useFormStatus } from "react-dom";
import { banAction, unbanAction, type BanFormState } from "../actions";

const IDLE: BanFormState = { status: "idle", message: "" };

const control =
  "block w-full min-w-0 rounded border border-slate-300 bg-surface px-3 py-2 text-base shadow-sm aria-invalid:border-red-600";

function Submit({ children, tone }: { children: React.ReactNode; tone: "danger" | "plain" }) {
  const { pending } = useFormStatus();
  const style =
    tone === "danger"
      ? "bg-red-700 text-white hover:bg-red-800 dark:bg-red-600 dark:hover:bg-red-500"
      : "border border-slate-300 bg-surface text-slate-900 hover:bg-slate-50";
  return (
    <button
      type="submit"
      disabled={pending}
      className={`rounded px-4 py-2 font-semibold whitespace-nowrap disabled:opacity-60 ${style}`}
    >
      {children}
    </button>
  );
}

/**
 * The Ban form, or the Unban button while a ban is in force. Both stay mounted in one component so
 * the outcome of the last request stays on screen when the page refreshes into the other form; focus
 * moves to that outcome (or to the field at fault) so keyboard users are not left on a vanished button.
 */
export function BanControls({
  memberId,
  name,
  isBanned,
  canBan,
  canUnban,
  reasonMax,
  minDate,
}: {
  memberId: string;
  name: string;
  isBanned: boolean;
  canBan: boolean;
  canUnban: boolean;
  reasonMax: number;
  /** The earliest end date the date picker offers (tomorrow, UTC). */
  minDate: string;
}) {
  const [banState, ban] = useActionState(banAction, IDLE);
  const [unbanState, unban] = useActionState(unbanAction, IDLE);
  const latest = (unbanState.at ?? 0) > (banState.at ?? 0) ? unbanState : banState;
  const id = useId();
  const messageRef = useRef<HTMLParagraphElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const endsRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (latest.status === "idle") return;
    const target =
      latest.field === "reason"
        ? reasonRef.current
        : latest.field === "endsAt"
          ? endsRef.current
          : messageRef.current;
    target?.focus();
  }, [latest]);

  const banError = banState === latest && banState.status === "error" ? banState : null;
  const message =
    latest.status === "idle" ? null : (
      <p
        ref={messageRef}
        tabIndex={-1}
        id={`${id}-message`}
        role={latest.status === "error" ? "alert" : "status"}
        className={`rounded border px-3 py-2 text-sm ${latest.status === "error" ? "border-red-300 bg-red-50 text-red-800" : "border-green-300 bg-green-50 text-green-800"}`}
      >
        {latest.message}
      </p>
    );

  if (isBanned) {
    return (
      <div className="space-y-2">
        {message}
        {canUnban && (
          <form action={unban}>
            <input type="hidden" name="memberId" value={memberId} />
            <Submit tone="plain">Unban</Submit>
          </form>
        )}
      </div>
    );
  }
  if (!canBan) return message;

  return (
    <form action={ban} aria-label={`Ban ${name}`} className="space-y-3">
      {message}
      <input type="hidden" name="memberId" value={memberId} />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-[minmax(0,1fr)_15rem]">
        <div className="min-w-0 space-y-1">
          <label htmlFor={`${id}-reason`} className="block text-sm font-semibold text-slate-800">
            Reason
          </label>
          <textarea
            ref={reasonRef}
            id={`${id}-reason`}
            name="reason"
            required
            rows={2}
            maxLength={reasonMax}
            defaultValue={banError?.reason ?? ""}
            key={banState.at ?? 0}
            aria-invalid={banError?.field === "reason" ? true : undefined}
            aria-describedby={[`${id}-reason-hint`, banError?.field === "reason" && `${id}-message`]
              .filter(Boolean)
              .join(" ")}
            className={`${control} min-h-11 resize-y`}
          />
          <p id={`${id}-reason-hint`} className="text-xs text-slate-500">
            {name} sees it while banned. Up to {reasonMax} characters.
          </p>
        </div>
        <div className="min-w-0 space-y-1">
          <label htmlFor={`${id}-ends`} className="block text-sm font-semibold text-slate-800">
            Ban ends <span className="font-normal text-slate-500">(optional)</span>
          </label>
          <input
            ref={endsRef}
            id={`${id}-ends`}
            type="date"
            name="endsOn"
            min={minDate}
            defaultValue={banError?.endsOn ?? ""}
            key={`ends-${banState.at ?? 0}`}
            aria-invalid={banError?.field === "endsAt" ? true : undefined}
            aria-describedby={[`${id}-ends-hint`, banError?.field === "endsAt" && `${id}-message`]
              .filter(Boolean)
              .join(" ")}
            className={control}
          />
          <p id={`${id}-ends-hint`} className="text-xs text-slate-500">
            Empty: a permanent ban. It ends at the start of that day (UTC).
          </p>
        </div>
      </div>
      <Submit tone="danger">Ban</Submit>
    </form>
  );
}
