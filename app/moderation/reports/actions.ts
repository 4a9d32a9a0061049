"use server";

import { saving } from "@/app/_components/saving";
// Thin server actions for /moderation/reports: parse the form, ask who is acting, and let
// lib/moderation/reports.ts check lib/permissions and write (with its log line). Anything refused
// comes back as a message; nothing is written.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getViewer } from "@/lib/auth/viewer";
import { rejectReport, reportNoteSchema, resolveReport } from "@/lib/moderation/reports";
import { messageOf } from "@/lib/result";
import { rowId } from "@/lib/row-id";
import { counterOf, formDataOf, textFields } from "@/lib/validation/form";
import type { DecisionState } from "../_components/decision-forms";

const decisionForm = z.object({
  reportId: rowId("This report does not exist any more."),
  decision: z.enum(["resolve", "reject"], "Choose Resolve or Reject."),
  note: reportNoteSchema.optional(),
});

export const decideReportAction = saving(
  (message, previous: DecisionState): DecisionState => ({
    status: "error",
    message,
    seq: previous.seq + 1,
  }),
  async function decideReportAction(
    previous: DecisionState,
    form: FormData,
  ): Promise<DecisionState> {
    const seq = counterOf(previous, "seq") + 1;
    const parsed = decisionForm.safeParse(
      textFields(formDataOf(form), "reportId", "decision", "note"),
    );
    if (!parsed.success)
      return {
        status: "error",
        message: parsed.error.issues[0]?.message ?? "That request was not understood.",
        seq,
      };
    const viewer = await getViewer();
    const { reportId, decision, note } = parsed.data;
    const result =
      decision === "resolve"
        ? await resolveReport(viewer, reportId, note)
        : await rejectReport(viewer, reportId, note);
    if (result.ok) revalidatePath("/", "layout");
    return { status: result.ok ? "success" : "error", message: messageOf(result), seq };
  },
);
