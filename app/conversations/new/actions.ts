"use server";

import { getViewer } from "@/lib/auth/viewer";
import { startConversation, type ConversationField } from "@/lib/conversations/write";
import { formDataOf, textFields } from "@/lib/validation/form";

export interface StartConversationState {
  /** Where the new conversation is, once started: the form clears its draft and goes there. */
  url?: string;
  field?: ConversationField;
  error?: string;
  /** What was typed, kept after a refusal (the message is kept by the editor itself). */
  recipients: string;
  title: string;
}

export async function startConversationAction(
  _previous: StartConversationState,
  form: FormData,
): Promise<StartConversationState> {
  const fields = textFields(formDataOf(form), "recipients", "title", "message", "idempotencyKey");
  const typed = { recipients: fields.recipients ?? "", title: fields.title ?? "" };
  const result = await startConversation(await getViewer(), fields);
  if (!result.ok) return { ...typed, field: result.field ?? "form", error: result.error };
  return { ...typed, url: result.url };
}
