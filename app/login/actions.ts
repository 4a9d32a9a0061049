"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/types";
import { headers } from "next/headers";
import { signIn, TwoFactorRequired } from "@/lib/auth/auth";
import { beginPasskeySignIn } from "@/lib/auth/two-factor/passkeys";
import { relyingPartyFor } from "@/lib/auth/two-factor/relying-party";
import { PASSKEY_RESPONSE_MAX_CHARS } from "@/lib/limits/sizes";
import { LOCKOUT } from "@/lib/auth/sign-in";
import { safeRedirect } from "@/lib/redirects/safe-redirect";
import { formDataOf, textFields } from "@/lib/validation/form";
import { CANNOT_SIGN_IN, isDatabaseFault } from "@/lib/faults/database-fault";

export interface SignInState {
  identifier: string;
  error?: string;
  /** Set after a right password when the member has two-step verification: the form asks for a
   * code next, carrying this signed challenge (never the password). */
  challenge?: string;
  /** Which code the second step asked for, kept when a wrong one is refused. */
  method?: "code" | "recovery";
}

const INVALID = "That username or email and password do not match an account.";
const LOCKED = `Too many failed sign-in attempts. Sign-in is paused for ${LOCKOUT.windowMinutes} minutes; try again later.`;

const EXPIRED = "That sign-in took too long. Enter your password again.";
const WRONG_CODE = "That code is not right. Check your app and try again.";
const WRONG_RECOVERY_CODE = "That recovery code is not right, or it was already used.";

const secondStepSchema = z.object({
  identifier: z.string().max(254).catch(""),
  challenge: z.string().min(1).max(1000),
  method: z.enum(["code", "recovery"]).catch("code"),
  code: z.string().max(100).catch(""),
  callbackUrl: z.unknown(),
});

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const data = formDataOf(form);
  if (data.has("challenge")) return secondStep(data);
  const fields = textFields(data, "identifier", "password", "callbackUrl");
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
    if (error instanceof TwoFactorRequired)
      return { identifier, challenge: error.challenge, method: "code" };
    if (error instanceof CredentialsSignin)
      return { identifier, error: error.code === "locked" ? LOCKED : INVALID };
    if (error instanceof AuthError)
      return {
        identifier,
        error: isDatabaseFault(error) ? CANNOT_SIGN_IN : "Sign-in failed. Please try again.",
      };
    throw error; // the redirect after a successful sign-in
  }
}

async function secondStep(form: FormData): Promise<SignInState> {
  const parsed = secondStepSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { identifier: "", error: EXPIRED };
  const { identifier, challenge, method, code } = parsed.data;
  const state = { identifier, challenge, method };
  if (!code.trim())
    return {
      ...state,
      error: method === "code" ? "Enter the code from your app." : "Enter a recovery code.",
    };
  try {
    await signIn("credentials", {
      challenge,
      ...(method === "code" ? { code } : { recoveryCode: code }),
      redirectTo: safeRedirect(parsed.data.callbackUrl),
    });
    return state;
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      if (error.code === "expired") return { identifier, error: EXPIRED };
      if (error.code === "locked") return { ...state, error: LOCKED };
      return { ...state, error: method === "code" ? WRONG_CODE : WRONG_RECOVERY_CODE };
    }
    if (error instanceof AuthError)
      return {
        ...state,
        error: isDatabaseFault(error) ? CANNOT_SIGN_IN : "Sign-in failed. Please try again.",
      };
    throw error; // the redirect after a successful sign-in
  }
}

export async function oauthSignInAction(form: FormData): Promise<void> {
  const { provider, callbackUrl } = textFields(formDataOf(form), "provider", "callbackUrl");
  if (provider !== "github" && provider !== "google") return;
  await signIn(provider, { redirectTo: safeRedirect(callbackUrl) });
}

const PASSKEY_REFUSED =
  "That passkey did not sign you in. It may have been removed from your account.";

export async function passkeySignInOptionsAction(): Promise<
  { options: PublicKeyCredentialRequestOptionsJSON; token: string } | { error: string }
> {
  const rp = relyingPartyFor(await headers());
  if (!rp) return { error: "Passkeys cannot be used from this address." };
  return beginPasskeySignIn(rp);
}

const passkeySignInSchema = z.object({
  token: z.string().min(1).max(1000),
  response: z.string().min(1).max(PASSKEY_RESPONSE_MAX_CHARS),
  callbackUrl: z.unknown(),
});

/** Signs in with a passkey's answer; on success this redirects and never returns. */
export async function passkeySignInAction(input: unknown): Promise<{ error: string }> {
  const parsed = passkeySignInSchema.safeParse(input);
  if (!parsed.success) return { error: PASSKEY_REFUSED };
  try {
    await signIn("credentials", {
      passkey: parsed.data.response,
      challenge: parsed.data.token,
      redirectTo: safeRedirect(parsed.data.callbackUrl),
    });
    return { error: PASSKEY_REFUSED };
  } catch (error) {
    if (error instanceof AuthError) return { error: PASSKEY_REFUSED };
    throw error; // the redirect after a successful sign-in
  }
}
