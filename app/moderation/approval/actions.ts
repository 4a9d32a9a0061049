"use server";

import { saving } from "@/app/_components/saving";
// Thin server actions for /moderation/approval: parse the form, ask who is acting, and let
// lib/moderation/approval.ts check lib/permissions and write (with its log line). Anything refused
// comes back as a message; nothing is written.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getViewer } from "@/lib/auth/viewer";
import { approvePost, rejectPost, setApprovalThreshold } from "@/lib/moderation/approval";
import { messageOf } from "@/lib/result";
import { rowId } from "@/lib/row-id";
import { counterOf, formDataOf, textField, textFields } from "@/lib/validation/form";
import type { DecisionState } from "../_components/decision-forms";

const decisionForm = z.object({
  postId: rowId("This post does not exist any more."),
  decision: z.enum(["approve", "reject"], "Choose Approve or Reject."),
});

export const decidePostAction = saving(
  (message, previous: DecisionState): DecisionState => ({
    status: "error",
    message,
    seq: previous.seq + 1,
  }),
  async function decidePostAction(previous: DecisionState, form: FormData): Promise<DecisionState> {
    const seq = counterOf(previous, "seq") + 1;
    const parsed = decisionForm.safeParse(textFields(formDataOf(form), "postId", "decision"));
    if (!parsed.success)
      return {
        status: "error",
        message: parsed.error.issues[0]?.message ?? "That request was not understood.",
        seq,
      };
    const viewer = await getViewer();
    const result =
      parsed.data.decision === "approve"
        ? await approvePost(viewer, parsed.data.postId)
        : await rejectPost(viewer, parsed.data.postId);
    if (result.ok) revalidatePath("/", "layout");
    return { status: result.ok ? "success" : "error", message: messageOf(result), seq };
  },
);

export interface SettingFormState {
  status: "idle" | "success" | "error";
  message: string;
  /** What was typed, shown again after an error. */
  value?: string;
}

// The form sends a string; a number is coerced by the lib's schema, which refuses "" and fractions.
const settingForm = z.object({
  value: z.string("Enter a number of posts.").max(20, "Enter a number of posts."),
});

export const saveApprovalSettingAction = saving(
  (message, previous: SettingFormState): SettingFormState => ({
    ...previous,
    status: "error",
    message,
  }),
  async function saveApprovalSettingAction(
    _previous: SettingFormState,
    form: FormData,
  ): Promise<SettingFormState> {
    const raw = textField(formDataOf(form), "value");
    const typed = raw?.slice(0, 20) ?? "";
    const parsed = settingForm.safeParse({ value: raw });
    if (!parsed.success)
      return {
        status: "error",
        message: parsed.error.issues[0]?.message ?? "Enter a number of posts.",
        value: typed,
      };
    const result = await setApprovalThreshold(await getViewer(), parsed.data.value);
    if (!result.ok) return { status: "error", message: result.error, value: typed };
    revalidatePath("/moderation/approval");
    return { status: "success", message: result.message };
  },
);
