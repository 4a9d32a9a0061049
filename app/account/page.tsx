import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getAccountSettings } from "@/lib/accounts/settings";
import { emailVerifiedState } from "@/lib/accounts/email-verification";
import { getViewer } from "@/lib/auth/viewer";
import { allCountries, countryShortName } from "@/lib/countries";
import { AVATAR_SIZE_MESSAGE } from "@/lib/members/avatar";
import { REQUEST_BODY_MAX_BYTES } from "@/lib/limits/sizes";
import { can } from "@/lib/permissions";
import { memberUrl } from "@/lib/urls";
import { EmailForm } from "./_components/email-form";
import { PasswordForm } from "./_components/password-form";
import { SessionsSection } from "./_components/sessions/sessions-section";
import { ProfileForm } from "./_components/profile-form";
import { profileValues } from "./_components/state";
import { getAutoWatch } from "@/lib/watching/auto-watch";
import { ToggleSettingForm } from "./_components/toggle-setting-form";
import { saveAlertMailAction, saveWatchSettingsAction } from "./actions";
import { getAlertMailSetting } from "@/lib/alert-mail/setting";
import { TimeZoneForm } from "./_components/time-zone-form";
import { getTimeZone } from "@/lib/time/member-zone";
import { timeZoneChoices } from "@/lib/time/zones";
import { ConversationPrivacyForm } from "./_components/conversation-privacy/form";
import { CONVERSATION_PRIVACY_CHOICES, getConversationPrivacy } from "@/lib/conversations/privacy";
import { TwoStepSection } from "./_components/two-step/section";
import { PasskeysSection } from "./_components/passkeys/section";

export const metadata: Metadata = { title: "Account settings" };
export const dynamic = "force-dynamic";

const SIGN_IN = "/login?callbackUrl=/account";
/** What one request may carry (next.config.js and server/body-limit.ts), less room for the other fields. */
const TRANSPORT_LIMIT_BYTES = REQUEST_BODY_MAX_BYTES - 64 * 1024;

const section = "rounded-lg border border-slate-300 bg-surface p-4 shadow-sm sm:p-6";
const heading = "mb-4 text-lg font-bold";

export default async function AccountPage({
  searchParams,
}: {
  searchParams: Promise<{ saved?: string }>;
}) {
  const viewer = await getViewer();
  if (!can(viewer, "editOwnAccount") || !viewer.id || viewer.number === null) redirect(SIGN_IN);
  const settings = await getAccountSettings(viewer.id);
  if (!settings) redirect(SIGN_IN);
  const { saved } = await searchParams;

  const countries = allCountries().map(({ code, name }) => {
    const short = countryShortName(code);
    return { code, name, alias: short && short !== name ? short : null };
  });

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h1 className="text-2xl font-bold">Account settings</h1>
        <span className="flex gap-4 text-sm">
          <Link href={memberUrl({ number: viewer.number, name: settings.name })}>
            View your profile
          </Link>
          <Link href="/account/ignored">Ignored members</Link>
        </span>
      </div>

      <section aria-labelledby="account-profile" className={section}>
        <h2 id="account-profile" className={heading}>
          Profile
        </h2>
        <ProfileForm
          name={settings.name}
          initial={{
            values: profileValues(settings),
            avatarUrl: settings.image,
            errors: {},
            version: 0,
          }}
          countries={countries}
          upload={{
            transportLimitBytes: TRANSPORT_LIMIT_BYTES,
            tooLargeMessage: AVATAR_SIZE_MESSAGE,
            hint: "PNG, JPEG, WebP or GIF, 1 MB at most. It is cropped to a square.",
          }}
        />
      </section>

      <section aria-labelledby="account-email" className={section}>
        <h2 id="account-email" className={heading}>
          Email address
        </h2>
        <EmailForm
          initial={{
            email: settings.email ?? "",
            errors: {},
            verified: await emailVerifiedState(viewer.id),
          }}
        />
      </section>

      <section aria-labelledby="account-password" className={section}>
        <h2 id="account-password" className={heading}>
          Password
        </h2>
        <PasswordForm
          username={settings.name}
          hasPassword={settings.hasPassword}
          justChanged={saved === "password"}
        />
      </section>

      <SessionsSection memberId={viewer.id} />

      <TwoStepSection userId={viewer.id} hasPassword={settings.hasPassword} />

      <PasskeysSection userId={viewer.id} />

      <section aria-labelledby="account-watching" className={section}>
        <h2 id="account-watching" className={heading}>
          Watched threads
        </h2>
        <ToggleSettingForm
          action={saveWatchSettingsAction}
          enabled={await getAutoWatch(viewer.id)}
          name="autoWatch"
          label="Watch threads I start or reply to"
          savedOn="Saved: threads you start or reply to are watched."
          savedOff="Saved: threads are watched only when you choose."
        />
      </section>

      <AlertMailSection userId={viewer.id} />

      <TimeZoneSection userId={viewer.id} />
      <section aria-labelledby="account-conversations" className={section}>
        <h2 id="account-conversations" className={heading}>
          Conversations
        </h2>
        <ConversationPrivacyForm
          from={await getConversationPrivacy(viewer.id)}
          choices={CONVERSATION_PRIVACY_CHOICES}
        />
      </section>
    </div>
  );
}

async function TimeZoneSection({ userId }: { userId: string }) {
  const stored = await getTimeZone(userId);
  return (
    <section aria-labelledby="account-time-zone" className={section}>
      <h2 id="account-time-zone" className={heading}>
        Time zone
      </h2>
      <TimeZoneForm stored={stored} choices={timeZoneChoices(stored)} />
    </section>
  );
}

async function AlertMailSection({ userId }: { userId: string }) {
  const setting = await getAlertMailSetting(userId);
  return (
    <section aria-labelledby="account-alert-mail" className={section}>
      <h2 id="account-alert-mail" className={heading}>
        Email notifications
      </h2>
      <ToggleSettingForm
        action={saveAlertMailAction}
        enabled={setting.enabled}
        name="alertMail"
        label="Email me about replies in threads I watch and about alerts"
        savedOn="Saved: you will be emailed about replies in threads you watch, quotes and mentions."
        savedOff="Saved: you will get no emails about watched threads and alerts."
        hint={
          <>
            <p>
              At most one email per thread until you read it again on the forum. Every email has an
              unsubscribe link.
            </p>
            {setting.obstacle && <p>{setting.obstacle}</p>}
          </>
        }
      />
    </section>
  );
}
