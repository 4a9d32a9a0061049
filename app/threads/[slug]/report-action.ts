"use server";

// Reporting a post from the thread page: parse the form, ask who is acting, and let
// lib/moderation/reports.ts check lib/permissions and write. A refusal comes back as a message.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getViewer } from "@/lib/auth/viewer";
import { reportPost } from "@/lib/moderation/reports";

export interface ReportFormState {
  status: "idle" | "success" | "error";
  message: string;
  field?: "reason";
  /** What was typed, shown again after an error. */
  reason?: string;
}

const reportForm = z.object({
  postId: z.coerce
    .number("This post does not exist any more.")
    .int()
    .positive("This post does not exist any more."),
  // Length and emptiness are checked by reportPost, which says so in words for the field.
  reason: z.string("Enter a reason.").max(5000, "Reasons are at most 500 characters long."),
});

export async function reportPostAction(
  _previous: ReportFormState,
  form: FormData,
): Promise<ReportFormState> {
  const raw = { postId: form.get("postId") ?? undefined, reason: form.get("reason") ?? undefined };
  const typed = typeof raw.reason === "string" ? raw.reason.slice(0, 500) : "";
  const parsed = reportForm.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      status: "error",
      message: issue?.message ?? "That request was not understood.",
      field: issue?.path[0] === "reason" ? "reason" : undefined,
      reason: typed,
    };
  }
  const result = await reportPost(await getViewer(), parsed.data.postId, parsed.data.reason);
  if (!result.ok)
    return { status: "error", message: result.message, field: result.field, reason: typed };
  revalidatePath("/moderation/reports");
  return { status: "success", message: result.message };
}
