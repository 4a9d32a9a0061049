"use server";

import { saving } from "@/app/_components/saving";
import { rowId } from "@/lib/row-id";
import { getViewer } from "@/lib/auth/viewer";
import { createReply, editPost, type PostingField } from "@/lib/forum/posting";
import { editableSource } from "@/lib/forum/editable-source";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { reportPost, reportReasonSchema } from "@/lib/moderation/reports";
import { unwatchThread, watchThread } from "@/lib/watching/watch";
import { formDataOf, textFields } from "@/lib/validation/form";

export interface PostFormState {
  /** Where the new post is, once posted: the form clears its draft and goes there. */
  url?: string;
  field?: PostingField;
  error?: string;
}

const postId = rowId();

export const replyAction = saving(
  (error): PostFormState => ({ field: "form", error }),
  async function replyAction(_previous: PostFormState, form: FormData): Promise<PostFormState> {
    const fields = textFields(formDataOf(form), "threadId", "message", "idempotencyKey");
    const threadId = postId.safeParse(fields.threadId);
    if (!threadId.success) return { field: "form", error: "This thread does not exist any more." };
    const result = await createReply(await getViewer(), {
      threadId: threadId.data,
      message: fields.message,
      idempotencyKey: fields.idempotencyKey,
    });
    // No revalidatePath: every reading page is rendered per request, and the form leaves with a full
    // page load of the new post, so a re-rendered copy of this page in the answer would go unused.
    if (!result.ok) return { field: result.field, error: result.error };
    return { url: result.url };
  },
);

export const editPostAction = saving(
  (error): PostFormState => ({ field: "form", error }),
  async function editPostAction(id: number, message: string): Promise<PostFormState> {
    const parsed = postId.safeParse(id);
    if (!parsed.success) return { field: "form", error: "This post does not exist any more." };
    const result = await editPost(await getViewer(), { postId: parsed.data, message });
    // The editor refreshes the page itself (router.refresh) once it knows the edit was saved.
    if (!result.ok) return { field: result.field, error: result.error };
    return { url: result.url };
  },
);

/** The source of a post, for its author (or staff) to edit. */
export async function editableSourceAction(
  id: number,
): Promise<{ source: string } | { error: string }> {
  const parsed = postId.safeParse(id);
  if (!parsed.success) return { error: "This post does not exist any more." };
  return editableSource(await getViewer(), parsed.data);
}

// Reporting a post from the thread page: parse the form, ask who is acting, and let
// lib/moderation/reports.ts check lib/permissions and write. A refusal comes back as a message.
export interface ReportFormState {
  status: "idle" | "success" | "error";
  message: string;
  field?: "reason";
  /** What was typed, shown again after an error. */
  reason?: string;
}

const reportForm = z.object({
  postId: rowId("This post does not exist any more."),
  reason: reportReasonSchema,
});

export const reportPostAction = saving(
  (message, _previous: ReportFormState, form: FormData): ReportFormState => ({
    status: "error",
    message,
    reason: textFields(formDataOf(form), "reason").reason?.slice(0, 500) ?? "",
  }),
  async function reportPostAction(
    _previous: ReportFormState,
    form: FormData,
  ): Promise<ReportFormState> {
    const raw = textFields(formDataOf(form), "postId", "reason");
    const typed = raw.reason?.slice(0, 500) ?? "";
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
      return { status: "error", message: result.error, field: result.field, reason: typed };
    revalidatePath("/moderation/reports");
    return { status: "success", message: result.message };
  },
);

// The thread page's Watch / Unwatch button: lib/watching checks who is asking and writes. The button
// shows the answer itself, so nothing else on the page needs re-rendering.
export interface WatchState {
  watching: boolean;
  error?: string;
}

const watchingBefore = z.object({ watching: z.boolean() }).catch({ watching: false });

export const toggleWatchAction = saving(
  (error, previous: WatchState): WatchState => ({ ...previous, error }),
  async function toggleWatchAction(previous: WatchState, form: FormData): Promise<WatchState> {
    const viewer = await getViewer();
    const { threadId, watch } = textFields(formDataOf(form), "threadId", "watch");
    const result =
      watch === "1" ? await watchThread(viewer, threadId) : await unwatchThread(viewer, threadId);
    return result.ok
      ? { watching: result.watching }
      : { watching: watchingBefore.parse(previous).watching, error: result.error };
  },
);
