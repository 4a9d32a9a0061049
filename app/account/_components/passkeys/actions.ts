"use server";

import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/types";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { getViewer } from "@/lib/auth/viewer";
import { parseRegistrationResponse } from "@/lib/auth/two-factor/passkey-input";
import {
  beginPasskeyRegistration,
  finishPasskeyRegistration,
  removePasskey,
} from "@/lib/auth/two-factor/passkeys";
import { relyingPartyFor } from "@/lib/auth/two-factor/relying-party";
import { PASSKEY_NAME } from "@/lib/limits/sizes";
import { can } from "@/lib/permissions";
import { formDataOf } from "@/lib/validation/form";
import { plainText, singleLine } from "@/lib/validation/text";

export type PasskeyResult = { ok: true; message?: string } | { ok: false; error: string };

const SIGNED_OUT = "You are signed out. Sign in again to change your account.";
const WRONG_SITE = "Passkeys cannot be added from this address.";

async function member() {
  const viewer = await getViewer();
  return can(viewer, "editOwnAccount") && viewer.id
    ? { id: viewer.id, name: viewer.name ?? viewer.id }
    : null;
}

export async function passkeyOptionsAction(): Promise<
  | { ok: true; options: PublicKeyCredentialCreationOptionsJSON; token: string }
  | {
      ok: false;
      error: string;
    }
> {
  const user = await member();
  if (!user) return { ok: false, error: SIGNED_OUT };
  const rp = relyingPartyFor(await headers());
  if (!rp) return { ok: false, error: WRONG_SITE };
  return beginPasskeyRegistration(user, rp);
}

const addSchema = z.object({
  token: z.string().min(1).max(2000),
  name: singleLine(PASSKEY_NAME),
  response: z.string(),
});

export async function addPasskeyAction(input: unknown): Promise<PasskeyResult> {
  const parsed = addSchema.safeParse(input);
  if (!parsed.success)
    return { ok: false, error: parsed.error.issues[0]?.message ?? "Something was missing." };
  const response = parseRegistrationResponse(parsed.data.response);
  if (!response) return { ok: false, error: "That passkey could not be checked. Try again." };
  const user = await member();
  if (!user) return { ok: false, error: SIGNED_OUT };
  const rp = relyingPartyFor(await headers());
  if (!rp) return { ok: false, error: WRONG_SITE };
  const added = await finishPasskeyRegistration(
    user.id,
    { token: parsed.data.token, name: parsed.data.name, response },
    rp,
  );
  if (!added.ok) return added;
  revalidatePath("/account");
  return { ok: true, message: "Passkey added. You can sign in with it now." };
}

const removeSchema = z.object({
  credentialId: plainText("single").pipe(z.string().min(1).max(1024)),
});

export async function removePasskeyAction(form: unknown): Promise<void> {
  const parsed = removeSchema.safeParse(Object.fromEntries(formDataOf(form)));
  const user = await member();
  if (!parsed.success || !user) return;
  await removePasskey(user.id, parsed.data.credentialId);
  revalidatePath("/account");
}
