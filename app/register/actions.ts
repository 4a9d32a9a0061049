"use server";

import { headers } from "next/headers";
import { registerMember, type SignUpField } from "@/lib/accounts/sign-up";
import { signIn } from "@/lib/auth/auth";
import { clientAddress } from "@/lib/auth/client-address";
import { getViewer } from "@/lib/auth/viewer";
import { can } from "@/lib/permissions";
import type { FieldErrors } from "@/lib/accounts/rules";
import { fieldErrorsOf } from "@/lib/result";
import { SIGN_UP_TRAP_FIELD } from "./trap-field";

export interface SignUpState {
  values: { username: string; email: string };
  errors: FieldErrors<SignUpField | "form">;
}

export async function signUpAction(_previous: SignUpState, form: FormData): Promise<SignUpState> {
  const values = {
    username: String(form.get("username") ?? "").slice(0, 200),
    email: String(form.get("email") ?? "").slice(0, 300),
  };
  if (!can(await getViewer(), "signUp"))
    return { values, errors: { form: "You are already signed in." } };
  const password = String(form.get("password") ?? "");
  const result = await registerMember(
    { ...values, password },
    { address: clientAddress(await headers()), trap: String(form.get(SIGN_UP_TRAP_FIELD) ?? "") },
  );
  if (!result.ok) return { values, errors: fieldErrorsOf(result) };
  await signIn("credentials", { identifier: result.username, password, redirectTo: "/" });
  return { values, errors: {} };
}
