"use server";

import { saving } from "@/app/_components/saving";
import { after } from "next/server";
import { headers } from "next/headers";
import { clientAddress } from "@/lib/auth/client-address";
import { requestPasswordReset } from "@/lib/accounts/password-reset";
import { siteOrigin } from "@/lib/mail/site-origin";
import { formDataOf, textField } from "@/lib/validation/form";

export interface ForgotState {
  identifier: string;
  error?: string;
  sent?: string;
}

export const forgotPasswordAction = saving(
  (error, _previous: ForgotState, form: FormData): ForgotState => ({
    identifier: textField(formDataOf(form), "identifier")?.slice(0, 300) ?? "",
    error,
  }),
  async function forgotPasswordAction(
    _previous: ForgotState,
    form: FormData,
  ): Promise<ForgotState> {
    const identifier = textField(formDataOf(form), "identifier")?.slice(0, 300) ?? "";
    const asked = await headers();
    const result = await requestPasswordReset(
      { identifier },
      { address: clientAddress(asked), origin: siteOrigin(asked) },
    );
    if (!result.ok) return { identifier, error: result.error };
    // The answer does not wait for the mail server, so how long it takes says nothing either.
    after(() => result.delivery.then(() => undefined));
    return { identifier, sent: result.message };
  },
);
