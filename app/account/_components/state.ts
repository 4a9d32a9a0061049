// The shapes the account forms and their server actions exchange.
import type { FieldErrors } from "@/lib/accounts/rules";
import type { AccountSettings, PasswordField, ProfileField } from "@/lib/accounts/settings";

export interface ProfileValues {
  countryCode: string;
  location: string;
  signature: string;
}

export interface ProfileState {
  values: ProfileValues;
  avatarUrl: string | null;
  errors: FieldErrors<ProfileField | "form">;
  saved?: boolean;
  /** Bumped on every answer, so the form's uncontrolled controls start again from `values`. */
  version: number;
}

export const profileValues = (
  s: Pick<AccountSettings, "countryCode" | "location" | "signature">,
): ProfileValues => ({
  countryCode: s.countryCode ?? "",
  location: s.location ?? "",
  signature: s.signature ?? "",
});

export interface EmailState {
  email: string;
  errors: FieldErrors<"email" | "currentPassword" | "form">;
  /** What was saved, in words (a confirmation link was mailed to the new address). */
  saved?: string;
  /** Whether the address is confirmed (null: the account has none). */
  verified: boolean | null;
}

export interface PasswordState {
  errors: FieldErrors<PasswordField | "form">;
  version: number;
}

/** A one-checkbox setting (watch what I post in, email me about alerts). */
export interface ToggleSettingState {
  enabled: boolean;
  error?: string;
  saved?: boolean;
}
