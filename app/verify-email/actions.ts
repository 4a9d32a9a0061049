"use server";

import { saving } from "@/app/_components/saving";
import { confirmEmail } from "@/lib/accounts/email-verification";
import { formDataOf, textField } from "@/lib/validation/form";

export interface ConfirmState {
  message?: string;
  ok?: boolean;
}

export const confirmEmailAction = saving(
  (message): ConfirmState => ({ message, ok: false }),
  async function confirmEmailAction(
    _previous: ConfirmState,
    form: FormData,
  ): Promise<ConfirmState> {
    const result = await confirmEmail(textField(formDataOf(form), "token"));
    return result.ok
      ? { ok: true, message: `Thank you: ${result.email} is confirmed.` }
      : { ok: false, message: result.error };
  },
);
