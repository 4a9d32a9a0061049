"use server";

import { confirmEmail } from "@/lib/accounts/email-verification";
import { formDataOf, textField } from "@/lib/validation/form";

export interface ConfirmState {
  message?: string;
  ok?: boolean;
}

export async function confirmEmailAction(
  _previous: ConfirmState,
  form: FormData,
): Promise<ConfirmState> {
  const result = await confirmEmail(textField(formDataOf(form), "token"));
  return result.ok
    ? { ok: true, message: `Thank you: ${result.email} is confirmed.` }
    : { ok: false, message: result.error };
}
