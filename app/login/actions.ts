"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth/auth";
import { LOCKOUT } from "@/lib/auth/sign-in";
import { safeRedirect } from "@/lib/redirects/safe-redirect";
import { formDataOf, textFields } from "@/lib/validation/form";

export interface SignInState {
  identifier: string;
  error?: string;
}

const INVALID = "That username or email and password do not match an account.";
const LOCKED = `Too many failed sign-in attempts. Sign-in is paused for ${LOCKOUT.windowMinutes} minutes; try again later.`;

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const fields = textFields(formDataOf(form), "identifier", "password", "callbackUrl");
  const identifier = fields.identifier?.slice(0, 254) ?? "";
  const password = fields.password ?? "";
  if (!identifier.trim() || !password)
    return { identifier, error: "Enter your username or email and your password." };
  try {
    await signIn("credentials", {
      identifier,
      password,
      redirectTo: safeRedirect(fields.callbackUrl),
    });
    return { identifier };
  } catch (error) {
    if (error instanceof CredentialsSignin)
      return { identifier, error: error.code === "locked" ? LOCKED : INVALID };
    if (error instanceof AuthError)
      return { identifier, error: "Sign-in failed. Please try again." };
    throw error; // the redirect after a successful sign-in
  }
}

export async function oauthSignInAction(form: FormData): Promise<void> {
  const { provider, callbackUrl } = textFields(formDataOf(form), "provider", "callbackUrl");
  if (provider !== "github" && provider !== "google") return;
  await signIn(provider, { redirectTo: safeRedirect(callbackUrl) });
}
