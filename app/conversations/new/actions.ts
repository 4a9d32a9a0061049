"use server";

import { saving } from "@/app/_components/saving";
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

export const startConversationAction = saving(
  (error, _previous: StartConversationState, form: FormData): StartConversationState => {
    const typed = textFields(formDataOf(form), "recipients", "title");
    return {
      recipients: typed.recipients?.slice(0, 2000) ?? "",
      title: typed.title?.slice(0, 1000) ?? "",
      field: "form",
      error,
    };
  },
  async function startConversationAction(
    _previous: StartConversationState,
    form: FormData,
  ): Promise<StartConversationState> {
    const fields = textFields(formDataOf(form), "recipients", "title", "message", "idempotencyKey");
    const typed = { recipients: fields.recipients ?? "", title: fields.title ?? "" };
    const result = await startConversation(await getViewer(), fields);
    if (!result.ok) return { ...typed, field: result.field ?? "form", error: result.error };
    return { ...typed, url: result.url };
  },
);
