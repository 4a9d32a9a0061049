"use server";

import { saving } from "@/app/_components/saving";
import { revalidatePath } from "next/cache";
import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { sendVerification } from "@/lib/accounts/email-verification";
import { siteOrigin } from "@/lib/mail/site-origin";
import { changeEmail, changePassword, updateProfile } from "@/lib/accounts/settings";
import { signIn, TwoFactorRequired } from "@/lib/auth/auth";
import { renewalFor } from "@/lib/auth/two-factor/challenge";
import { getViewer } from "@/lib/auth/viewer";
import { can } from "@/lib/permissions";
import { fieldErrorsOf, ok, type Result } from "@/lib/result";
import type { Viewer } from "@/lib/permissions";
import {
  profileValues,
  type EmailState,
  type PasswordState,
  type ProfileState,
  type ProfileValues,
  type ToggleSettingState,
} from "./_components/state";
import { setAutoWatch } from "@/lib/watching/auto-watch";
import { setAlertMail } from "@/lib/alert-mail/setting";
import { setTimeZone } from "@/lib/time/member-zone";
import { counterOf, formDataOf, textField } from "@/lib/validation/form";
import { z } from "zod";

const SIGNED_OUT = "You are signed out. Sign in again to change your account.";

/** The member making the request, when they may edit their own account. */
async function accountOwner(): Promise<string | null> {
  const viewer = await getViewer();
  return can(viewer, "editOwnAccount") && viewer.id ? viewer.id : null;
}

const text = (form: FormData, name: string, max: number) =>
  textField(formDataOf(form), name)?.slice(0, max) ?? "";

/** What the profile form showed, as the client sends it back: only an avatar address of ours. */
const shownAvatar = z
  .object({ avatarUrl: z.string().startsWith("/avatars/").nullable() })
  .catch({ avatarUrl: null });

export const saveProfileAction = saving(
  (error, previous: ProfileState, form: FormData): ProfileState => ({
    ...previous,
    values: {
      countryCode: text(form, "countryCode", 10),
      location: text(form, "location", 1000),
      signature: text(form, "signature", 10_000),
    },
    errors: { form: error },
    version: previous.version + 1,
  }),
  async function saveProfileAction(previous: ProfileState, form: FormData): Promise<ProfileState> {
    const values: ProfileValues = {
      countryCode: text(form, "countryCode", 10),
      location: text(form, "location", 1000),
      signature: text(form, "signature", 10_000),
    };
    const answer = (
      rest: Pick<ProfileState, "errors" | "saved"> & Partial<ProfileState>,
    ): ProfileState => ({
      values,
      avatarUrl: shownAvatar.parse(previous).avatarUrl,
      version: counterOf(previous, "version") + 1,
      ...rest,
    });

    const userId = await accountOwner();
    if (!userId) return answer({ errors: { form: SIGNED_OUT } });

    const file = formDataOf(form).get("avatar");
    const avatar =
      file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null;
    const result = await updateProfile(userId, {
      ...values,
      avatar,
      removeAvatar: textField(formDataOf(form), "removeAvatar") === "on",
    });
    if (!result.ok) return answer({ errors: fieldErrorsOf(result) });

    // Cards beside posts and profiles everywhere read these columns.
    revalidatePath("/", "layout");
    return answer({
      values: profileValues(result.settings),
      avatarUrl: result.settings.image,
      errors: {},
      saved: true,
    });
  },
);

/** What the email form showed, as the client sends it back (anything else counts as nothing). */
const emailBefore = z
  .object({ email: z.string().max(300).catch(""), verified: z.boolean().nullable().catch(null) })
  .catch({ email: "", verified: null });

export const saveEmailAction = saving(
  (error, previous: EmailState, form: FormData): EmailState => ({
    email: text(form, "email", 300),
    verified: emailBefore.parse(previous).verified,
    errors: { form: error },
  }),
  async function saveEmailAction(previous: EmailState, form: FormData): Promise<EmailState> {
    const email = text(form, "email", 300);
    const verified = emailBefore.parse(previous).verified === true;
    const userId = await accountOwner();
    if (!userId) return { email, verified, errors: { form: SIGNED_OUT } };
    const result = await changeEmail(userId, {
      email,
      currentPassword: textField(formDataOf(form), "passwordForEmail") ?? "",
    });
    if (!result.ok) return { email, verified, errors: fieldErrorsOf(result) };
    if (!result.changed) return { email: result.email, verified, errors: {}, saved: "No change." };
    revalidatePath("/account");
    const sent = await sendVerification(userId, siteOrigin(await headers()));
    if (sent.ok) after(() => sent.delivery.then(() => undefined));
    return {
      email: result.email,
      verified: false,
      errors: {},
      saved: sent.ok
        ? `Your email address was saved. ${sent.message} Open it to confirm the address.`
        : "Your email address was saved.",
    };
  },
);

/** "Send the confirmation mail again", from the account page. */
export const resendConfirmationAction = saving(
  (error, previous: EmailState): EmailState => ({
    ...emailBefore.parse(previous),
    errors: { form: error },
  }),
  async function resendConfirmationAction(previous: EmailState): Promise<EmailState> {
    const userId = await accountOwner();
    const state = emailBefore.parse(previous);
    if (!userId) return { ...state, errors: { form: SIGNED_OUT } };
    const sent = await sendVerification(userId, siteOrigin(await headers()));
    if (!sent.ok) return { ...state, errors: { form: sent.error } };
    after(() => sent.delivery.then(() => undefined));
    return { ...state, errors: {}, saved: sent.message };
  },
);

export const savePasswordAction = saving(
  (error, previous: PasswordState): PasswordState => ({
    errors: { form: error },
    version: previous.version + 1,
  }),
  async function savePasswordAction(
    previous: PasswordState,
    form: FormData,
  ): Promise<PasswordState> {
    const version = counterOf(previous, "version") + 1;
    const userId = await accountOwner();
    if (!userId) return { errors: { form: SIGNED_OUT }, version };
    const newPassword = text(form, "newPassword", 1000);
    const result = await changePassword(userId, {
      currentPassword: text(form, "currentPassword", 1000),
      newPassword,
    });
    if (!result.ok) return { errors: fieldErrorsOf(result), version };

    // Every session of this member ended with the version bump; sign this browser in again so the
    // member who changed it stays signed in. signIn answers with a redirect (thrown).
    try {
      await signIn("credentials", {
        identifier: result.identifier,
        password: newPassword,
        redirectTo: "/account?saved=password",
      });
    } catch (error) {
      // This session passed its second step already; the new password alone must not need another.
      const renewal = error instanceof TwoFactorRequired && renewalFor(error.challenge, userId);
      if (renewal) await signIn("credentials", { renewal, redirectTo: "/account?saved=password" });
      if (error instanceof AuthError) redirect("/login?callbackUrl=/account");
      throw error;
    }
    return { errors: {}, version };
  },
);

const enabledBefore = z.object({ enabled: z.boolean() }).catch({ enabled: false });

/** The action of a one-checkbox setting: `field` ticked or not (an unticked box is simply absent
 * from the form), stored by `store` for the signed-in member. */
function toggleSettingAction(
  field: string,
  store: (viewer: Viewer, enabled: boolean) => Promise<Result<{ enabled: boolean }>>,
) {
  return saving(
    (error, previous: ToggleSettingState): ToggleSettingState => ({ ...previous, error }),
    async (previous: ToggleSettingState, form: FormData): Promise<ToggleSettingState> => {
      const result = await store(await getViewer(), textField(formDataOf(form), field) === "on");
      if (!result.ok)
        return { enabled: enabledBefore.parse(previous).enabled, error: result.error };
      return { enabled: result.enabled, saved: true };
    },
  );
}

export const saveWatchSettingsAction = toggleSettingAction("autoWatch", async (viewer, enabled) => {
  const result = await setAutoWatch(viewer, enabled);
  return result.ok ? ok({ enabled: result.autoWatch }) : result;
});

export interface TimeZoneState {
  timeZone: string | null;
  error?: string;
  saved?: boolean;
}

const zoneBefore = z.object({ timeZone: z.string().nullable() }).catch({ timeZone: null });

export const saveTimeZoneAction = saving(
  (error, previous: TimeZoneState): TimeZoneState => ({ ...previous, error }),
  async function saveTimeZoneAction(
    previous: TimeZoneState,
    form: FormData,
  ): Promise<TimeZoneState> {
    const result = await setTimeZone(await getViewer(), textField(formDataOf(form), "timeZone"));
    if (!result.ok) return { timeZone: zoneBefore.parse(previous).timeZone, error: result.error };
    return { timeZone: result.timeZone, saved: true };
  },
);

export const saveAlertMailAction = toggleSettingAction("alertMail", setAlertMail);
