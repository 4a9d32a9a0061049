"use server";

import { saving } from "@/app/_components/saving";
import { revalidatePath } from "next/cache";
import { setPostingNeedsVerifiedEmail } from "@/lib/accounts/email-verification";
import { getViewer } from "@/lib/auth/viewer";
import { messageOf } from "@/lib/result";
import { formDataOf, textField } from "@/lib/validation/form";

export interface SettingState {
  message?: string;
  ok?: boolean;
}

export const verifiedPostingAction = saving(
  (message): SettingState => ({ message, ok: false }),
  async function verifiedPostingAction(
    _previous: SettingState,
    form: FormData,
  ): Promise<SettingState> {
    const required = textField(formDataOf(form), "verifiedOnly") === "on";
    const result = await setPostingNeedsVerifiedEmail(await getViewer(), required);
    if (result.ok) revalidatePath("/admin/outbox");
    return { message: messageOf(result), ok: result.ok };
  },
);
