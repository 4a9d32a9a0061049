"use server";

import { saving } from "@/app/_components/saving";
import { headers } from "next/headers";
import { after } from "next/server";
import { sendVerification } from "@/lib/accounts/email-verification";
import { siteOrigin } from "@/lib/mail/site-origin";
import { registerMember, type SignUpField } from "@/lib/accounts/sign-up";
import { signIn } from "@/lib/auth/auth";
import { clientAddress } from "@/lib/auth/client-address";
import { getViewer } from "@/lib/auth/viewer";
import { can } from "@/lib/permissions";
import type { FieldErrors } from "@/lib/accounts/rules";
import { fieldErrorsOf } from "@/lib/result";
import { SIGN_UP_TRAP_FIELD } from "./trap-field";
import { formDataOf, textFields } from "@/lib/validation/form";

export interface SignUpState {
  values: { username: string; email: string };
  errors: FieldErrors<SignUpField | "form">;
}

export const signUpAction = saving(
  (error, _previous: SignUpState, form: FormData): SignUpState => {
    const typed = textFields(formDataOf(form), "username", "email");
    return {
      values: {
        username: typed.username?.slice(0, 200) ?? "",
        email: typed.email?.slice(0, 300) ?? "",
      },
      errors: { form: error },
    };
  },
  async function signUpAction(_previous: SignUpState, form: FormData): Promise<SignUpState> {
    const fields = textFields(
      formDataOf(form),
      "username",
      "email",
      "password",
      SIGN_UP_TRAP_FIELD,
    );
    const values = {
      username: fields.username?.slice(0, 200) ?? "",
      email: fields.email?.slice(0, 300) ?? "",
    };
    if (!can(await getViewer(), "signUp"))
      return { values, errors: { form: "You are already signed in." } };
    const password = fields.password ?? "";
    const result = await registerMember(
      { ...values, password },
      { address: clientAddress(await headers()), trap: fields[SIGN_UP_TRAP_FIELD] ?? "" },
    );
    if (!result.ok) return { values, errors: fieldErrorsOf(result) };
    // The confirmation mail leaves after the answer; the new member is signed in meanwhile.
    const verification = await sendVerification(result.userId, siteOrigin(await headers()));
    if (verification.ok) after(() => verification.delivery.then(() => undefined));
    await signIn("credentials", { identifier: result.username, password, redirectTo: "/" });
    return { values, errors: {} };
  },
);
