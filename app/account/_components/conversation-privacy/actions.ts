"use server";

import { saving } from "@/app/_components/saving";
import { getViewer } from "@/lib/auth/viewer";
import { setConversationPrivacy } from "@/lib/conversations/privacy";
import type { ConversationPrivacy } from "@/lib/permissions";
import { formDataOf, textField } from "@/lib/validation/form";

export interface ConversationPrivacyState {
  from: ConversationPrivacy;
  saved?: boolean;
  error?: string;
}

export const saveConversationPrivacyAction = saving(
  (error, previous: ConversationPrivacyState): ConversationPrivacyState => ({
    ...previous,
    error,
  }),
  async function saveConversationPrivacyAction(
    previous: ConversationPrivacyState,
    form: FormData,
  ): Promise<ConversationPrivacyState> {
    const result = await setConversationPrivacy(
      await getViewer(),
      textField(formDataOf(form), "conversationsFrom"),
    );
    const before = previous?.from === "staff" ? "staff" : "everyone";
    if (!result.ok) return { from: before, error: result.error };
    return { from: result.from, saved: true };
  },
);
