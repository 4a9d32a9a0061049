"use server";

import { saving } from "@/app/_components/saving";
import { redirect } from "next/navigation";
import { resetPassword } from "@/lib/accounts/password-reset";
import type { FieldErrors } from "@/lib/result";
import { fieldErrorsOf } from "@/lib/result";
import { formDataOf, textFields } from "@/lib/validation/form";

export interface ResetState {
  errors: FieldErrors<"newPassword" | "form">;
}

export const resetPasswordAction = saving(
  (error): ResetState => ({ errors: { form: error } }),
  async function resetPasswordAction(_previous: ResetState, form: FormData): Promise<ResetState> {
    const fields = textFields(formDataOf(form), "token", "newPassword");
    const result = await resetPassword({ token: fields.token, newPassword: fields.newPassword });
    if (!result.ok) return { errors: fieldErrorsOf(result) };
    redirect(`/login?reset=done`);
  },
);
