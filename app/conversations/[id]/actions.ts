"use server";

import { saving } from "@/app/_components/saving";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/auth/viewer";
import {
  inviteToConversation,
  leaveConversation,
  setConversationLocked,
} from "@/lib/conversations/participants";
import { reportConversationMessage } from "@/lib/conversations/reports";
import { CONVERSATIONS_URL, conversationUrl } from "@/lib/conversations/urls";
import { replyToConversation, type ConversationField } from "@/lib/conversations/write";
import { rowId } from "@/lib/row-id";
import { formDataOf, textFields } from "@/lib/validation/form";

const conversationId = rowId();
const GONE = "This conversation does not exist, or you are no longer in it.";

export interface ConversationReplyState {
  url?: string;
  field?: ConversationField;
  error?: string;
}

export const replyToConversationAction = saving(
  (error): ConversationReplyState => ({ field: "form", error }),
  async function replyToConversationAction(
    _previous: ConversationReplyState,
    form: FormData,
  ): Promise<ConversationReplyState> {
    const fields = textFields(formDataOf(form), "conversationId", "message", "idempotencyKey");
    const id = conversationId.safeParse(fields.conversationId);
    if (!id.success) return { field: "form", error: GONE };
    const result = await replyToConversation(await getViewer(), {
      conversationId: id.data,
      message: fields.message,
      idempotencyKey: fields.idempotencyKey,
    });
    if (!result.ok) return { field: result.field ?? "form", error: result.error };
    return { url: result.url };
  },
);

/** The answer of the manage forms (invite, lock, leave, report): a sentence, and what was typed. */
export interface ToolState {
  status: "idle" | "success" | "error";
  message: string;
  typed?: string;
}

export const inviteAction = saving(
  (message, previous: ToolState): ToolState => ({ ...previous, status: "error", message }),
  async function inviteAction(_previous: ToolState, form: FormData): Promise<ToolState> {
    const fields = textFields(formDataOf(form), "conversationId", "invite");
    const id = conversationId.safeParse(fields.conversationId);
    if (!id.success) return { status: "error", message: GONE };
    const result = await inviteToConversation(await getViewer(), id.data, fields.invite);
    if (!result.ok) return { status: "error", message: result.error, typed: fields.invite };
    revalidatePath(conversationUrl(id.data));
    return { status: "success", message: result.message };
  },
);

export const lockAction = saving(
  (message): ToolState => ({ status: "error", message }),
  async function lockAction(_previous: ToolState, form: FormData): Promise<ToolState> {
    const fields = textFields(formDataOf(form), "conversationId", "lock");
    const id = conversationId.safeParse(fields.conversationId);
    if (!id.success) return { status: "error", message: GONE };
    const result = await setConversationLocked(await getViewer(), id.data, fields.lock === "1");
    if (!result.ok) return { status: "error", message: result.error };
    revalidatePath(conversationUrl(id.data));
    return { status: "success", message: result.message };
  },
);

export const leaveAction = saving(
  (message): ToolState => ({ status: "error", message }),
  async function leaveAction(_previous: ToolState, form: FormData): Promise<ToolState> {
    const fields = textFields(formDataOf(form), "conversationId");
    const id = conversationId.safeParse(fields.conversationId);
    if (!id.success) return { status: "error", message: GONE };
    const result = await leaveConversation(await getViewer(), id.data);
    if (!result.ok) return { status: "error", message: result.error };
    // Straight to the list: the conversation page, drawn again with the answer, is a 404 for them now.
    redirect(CONVERSATIONS_URL);
  },
);

export const reportMessageAction = saving(
  (message, previous: ToolState): ToolState => ({ ...previous, status: "error", message }),
  async function reportMessageAction(_previous: ToolState, form: FormData): Promise<ToolState> {
    const fields = textFields(formDataOf(form), "messageId", "reason");
    const id = rowId().safeParse(fields.messageId);
    if (!id.success) return { status: "error", message: "This message does not exist any more." };
    const result = await reportConversationMessage(await getViewer(), id.data, fields.reason ?? "");
    if (!result.ok) return { status: "error", message: result.error, typed: fields.reason };
    revalidatePath("/moderation/reports");
    return { status: "success", message: result.message };
  },
);
