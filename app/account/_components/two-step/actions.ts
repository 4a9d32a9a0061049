"use server";

import { saving } from "@/app/_components/saving";
import { revalidatePath } from "next/cache";
import QRCode from "qrcode";
import { z } from "zod";
import { formDataOf } from "@/lib/validation/form";
import { getViewer } from "@/lib/auth/viewer";
import {
  beginTotpEnrolment,
  confirmTotpEnrolment,
  disableTwoFactor,
  regenerateRecoveryCodes,
} from "@/lib/auth/two-factor/totp";
import { can } from "@/lib/permissions";
import type { TwoStepState } from "./state";

const inputSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start") }),
  z.object({ intent: z.literal("confirm"), code: z.string().max(100) }),
  // Distinct names, so the two forms' fields on one page have distinct ids.
  z.object({ intent: z.literal("regenerate"), regenerateCode: z.string().max(100) }),
  z.object({
    intent: z.literal("disable"),
    disableCode: z.string().max(100),
    password: z.string().max(1000).catch(""),
  }),
]);

export const twoStepAction = saving(
  (error, previous: TwoStepState): TwoStepState => ({ ...previous, errors: { form: error } }),
  async function twoStepAction(previous: TwoStepState, form: FormData): Promise<TwoStepState> {
    const parsed = inputSchema.safeParse(Object.fromEntries(formDataOf(form)));
    if (!parsed.success)
      return { errors: { form: "Something was missing from the form. Try again." } };
    const input = parsed.data;
    const { intent } = input;
    const viewer = await getViewer();
    if (!can(viewer, "editOwnAccount") || !viewer.id)
      return {
        intent,
        errors: { form: "You are signed out. Sign in again to change your account." },
      };
    const userId = viewer.id;

    switch (input.intent) {
      case "start": {
        const begun = await beginTotpEnrolment(userId);
        if (!begun.ok) return { intent, errors: { form: begun.error } };
        const qrSvg = await QRCode.toString(begun.uri, { type: "svg", margin: 1 });
        return { setup: { secret: begun.secret, qrSvg }, errors: {} };
      }
      case "confirm": {
        const confirmed = await confirmTotpEnrolment(userId, input.code);
        if (!confirmed.ok)
          return { ...previous, intent, errors: { [confirmed.field ?? "form"]: confirmed.error } };
        revalidatePath("/account");
        return {
          recoveryCodes: confirmed.recoveryCodes,
          message: "Two-step verification is on.",
          errors: {},
        };
      }
      case "regenerate": {
        const fresh = await regenerateRecoveryCodes(userId, input.regenerateCode);
        if (!fresh.ok) return { intent, errors: { [fresh.field ?? "form"]: fresh.error } };
        revalidatePath("/account");
        return {
          recoveryCodes: fresh.recoveryCodes,
          message: "New recovery codes made; the old ones no longer work.",
          errors: {},
        };
      }
      case "disable": {
        const off = await disableTwoFactor(userId, {
          password: input.password,
          code: input.disableCode,
        });
        if (!off.ok) return { intent, errors: { [off.field ?? "form"]: off.error } };
        revalidatePath("/account");
        return { message: "Two-step verification is off.", errors: {} };
      }
    }
  },
);
