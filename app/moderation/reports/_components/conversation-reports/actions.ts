"use server";

import { saving } from "@/app/_components/saving";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getViewer } from "@/lib/auth/viewer";
import { closeConversationReport } from "@/lib/conversations/reports";
import { rowId } from "@/lib/row-id";
import { formDataOf, textFields } from "@/lib/validation/form";

export interface ConversationDecisionState {
  status: "idle" | "success" | "error";
  message: string;
}

const decisionForm = z.object({
  reportId: rowId("This report does not exist any more."),
  decision: z.enum(["resolve", "reject"], "Choose Resolve or Reject."),
});

export const decideConversationReportAction = saving(
  (message): ConversationDecisionState => ({ status: "error", message }),
  async function decideConversationReportAction(
    _previous: ConversationDecisionState,
    form: FormData,
  ): Promise<ConversationDecisionState> {
    const parsed = decisionForm.safeParse(textFields(formDataOf(form), "reportId", "decision"));
    if (!parsed.success)
      return { status: "error", message: parsed.error.issues[0]?.message ?? "Not understood." };
    const { reportId, decision } = parsed.data;
    const result = await closeConversationReport(
      await getViewer(),
      reportId,
      decision === "resolve" ? "resolved" : "rejected",
      "",
    );
    if (!result.ok) return { status: "error", message: result.error };
    revalidatePath("/moderation/reports");
    return { status: "success", message: result.message };
  },
);
