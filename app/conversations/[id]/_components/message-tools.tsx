"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import { controlClass } from "@/app/_components/form-controls";
import { insertQuote } from "@/app/_components/editor/events";
import { quoteMarkup } from "@/lib/markup/quote";
import { REASON } from "@/lib/limits/sizes";
import { reportMessageAction, type ToolState } from "../actions";

const IDLE: ToolState = { status: "idle", message: "" };

/** Quote (into the reply box, as a post's Quote does, without a link: the message has no public
 * address) and Report (a reason, to the report queue). */
export function MessageTools({
  messageId,
  authorName,
  source,
  canQuote,
  canReport,
}: {
  messageId: number;
  authorName: string;
  source: string;
  canQuote: boolean;
  canReport: boolean;
}) {
  return (
    <div className="mt-3 flex flex-wrap items-start gap-2">
      {canQuote && (
        <button
          type="button"
          className="tool-button"
          onClick={() => insertQuote(quoteMarkup({ author: authorName, postId: null }, source))}
          aria-label={`Quote ${authorName}'s message`}
        >
          Quote
        </button>
      )}
      {canReport && <ReportMessage messageId={messageId} authorName={authorName} />}
    </div>
  );
}

function ReportMessage({ messageId, authorName }: { messageId: number; authorName: string }) {
  const [state, action] = useActionState(reportMessageAction, IDLE);
  const reasonId = `report-reason-${messageId}`;
  return (
    <details className="text-sm">
      <summary className="tool-button cursor-pointer list-none">Report</summary>
      {state.status === "success" ? (
        <FormMessage tone="success" message={state.message} />
      ) : (
        <form action={action} className="mt-2 space-y-2">
          <input type="hidden" name="messageId" value={messageId} />
          <label htmlFor={reasonId} className="block font-semibold">
            Why report {authorName}&apos;s message?
          </label>
          <textarea
            id={reasonId}
            name="reason"
            rows={3}
            maxLength={REASON.max}
            required
            defaultValue={state.typed}
            className={controlClass}
          />
          {state.status === "error" && <FormMessage message={state.message} />}
          <SubmitButton>Send report</SubmitButton>
        </form>
      )}
    </details>
  );
}
