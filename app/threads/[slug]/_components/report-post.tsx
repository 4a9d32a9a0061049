"use client";

import { useActionState, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import { controlClass } from "@/app/_components/form-controls";
import { useHydrated } from "@/app/_components/use-hydrated";
import { reportPostAction, type ReportFormState } from "../actions";
import { REASON } from "@/lib/limits/sizes";

const IDLE: ReportFormState = { status: "idle", message: "" };
const secondaryButton =
  "rounded border border-slate-300 bg-surface px-4 py-2 font-semibold text-slate-800 hover:bg-slate-50";

/** The "Report" tool of a post: a modal dialog (native <dialog>: focus moves in, Esc closes, focus
 * returns to the button) asking for a reason. The dialog is rendered when first opened, not with the
 * page: a thread page has twenty posts and hardly anyone reports. */
export function ReportPost({ postId, authorName }: { postId: number; authorName: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  // From the post, not useId: the post's tools are an island, hydrated with other ids than the
  // server's (app/_islands/island.tsx).
  const id = `report-post-${postId}`;
  const hydrated = useHydrated();
  // A new form (and a fresh state) each time the dialog opens after a report was sent.
  const [round, setRound] = useState(0);
  const [sent, setSent] = useState(false);
  const [opened, setOpened] = useState(false);
  const close = () => dialog.current?.close();
  const open = () => {
    // Rendered first, so showModal finds the reason field to focus.
    flushSync(() => setOpened(true));
    dialog.current?.showModal();
  };

  return (
    <>
      <button
        type="button"
        aria-haspopup="dialog"
        disabled={!hydrated}
        onClick={open}
        className="tool-button"
      >
        Report
      </button>
      {opened && (
        <dialog
          ref={dialog}
          aria-labelledby={`${id}-title`}
          onClose={() => {
            if (!sent) return;
            setSent(false);
            setRound((r) => r + 1);
          }}
          onClick={(event) => {
            // A click on the backdrop (outside the panel) closes the dialog.
            if (event.target === dialog.current) close();
          }}
          className="m-auto w-[calc(100vw-2rem)] max-w-lg rounded-lg border border-slate-300 bg-surface p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
        >
          <div className="space-y-3 p-4 sm:p-5">
            <h2 id={`${id}-title`} className="text-lg font-semibold">
              Report {authorName}&apos;s post
            </h2>
            <ReportForm
              key={round}
              postId={postId}
              id={id}
              onSent={() => setSent(true)}
              onCancel={close}
            />
          </div>
        </dialog>
      )}
    </>
  );
}

function ReportForm({
  postId,
  id,
  onSent,
  onCancel,
}: {
  postId: number;
  id: string;
  onSent: () => void;
  onCancel: () => void;
}) {
  const [state, action] = useActionState(async (previous: ReportFormState, form: FormData) => {
    const next = await reportPostAction(previous, form);
    if (next.status === "success") onSent();
    return next;
  }, IDLE);

  if (state.status === "success") {
    return (
      <div className="space-y-3">
        <FormMessage tone="success" message={state.message} />
        <div className="flex justify-end">
          {/* Focused so keyboard users land on the way out after sending. */}
          <button type="button" autoFocus onClick={onCancel} className={secondaryButton}>
            Close
          </button>
        </div>
      </div>
    );
  }

  const reasonError =
    state.status === "error" && state.field === "reason" ? state.message : undefined;
  const formError =
    state.status === "error" && state.field !== "reason" ? state.message : undefined;
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="postId" value={postId} />
      <p id={`${id}-hint`} className="text-sm text-slate-600">
        Tell the moderators what is wrong with this post. Only the staff see reports.
      </p>
      {formError && <FormMessage message={formError} />}
      <div className="space-y-1">
        <label htmlFor={`${id}-reason`} className="block text-sm font-semibold text-slate-800">
          Reason
        </label>
        <textarea
          id={`${id}-reason`}
          name="reason"
          required
          autoFocus
          rows={4}
          maxLength={REASON.max}
          defaultValue={state.reason ?? ""}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={[`${id}-hint`, reasonError && `${id}-error`].filter(Boolean).join(" ")}
          className={`${controlClass} min-h-24 resize-y`}
        />
        <p className="text-xs text-slate-500">Up to {REASON.max} characters.</p>
        {reasonError && (
          <p id={`${id}-error`} className="text-sm text-red-700">
            {reasonError}
          </p>
        )}
      </div>
      <div className="flex flex-wrap justify-end gap-2">
        <button type="button" onClick={onCancel} className={secondaryButton}>
          Cancel
        </button>
        <SubmitButton>Send report</SubmitButton>
      </div>
    </form>
  );
}
