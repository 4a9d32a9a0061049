"use client";

import { useActionState } from "react";
import { FormMessage } from "@/app/_components/form";
import { decideConversationReportAction, type ConversationDecisionState } from "./actions";

const IDLE: ConversationDecisionState = { status: "idle", message: "" };
const button =
  "cursor-pointer rounded border border-slate-300 bg-surface px-3 py-1 text-sm font-semibold text-slate-800 hover:bg-slate-50";

export function ConversationReportDecision({ reportId }: { reportId: number }) {
  const [state, action] = useActionState(decideConversationReportAction, IDLE);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="reportId" value={reportId} />
      <button type="submit" name="decision" value="resolve" className={button}>
        Resolve
      </button>
      <button type="submit" name="decision" value="reject" className={button}>
        Reject
      </button>
      {state.status !== "idle" && (
        <FormMessage
          tone={state.status === "success" ? "success" : "error"}
          message={state.message}
        />
      )}
    </form>
  );
}
