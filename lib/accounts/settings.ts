// Account settings: a member's own country, location, avatar, signature, email and password. The
// rules (zod) and the writes live here; app/account/actions.ts checks who is asking and calls in.
import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword, verifyPassword } from "../auth/password";
import { isCountryCode } from "../countries";
import { renderPost } from "../markup/render";
import { deleteAvatar, processAvatar, storeAvatar } from "../members/avatar";
import { LOCATION, PASSWORD, SIGNATURE } from "../limits/sizes";
import { ok, refuseFields, type Result } from "../result";
import { emailSchema, fieldErrors, newPasswordSchema, type FieldErrors } from "./rules";
import { plainText } from "../validation/text";

/** Characters as Postgres counts them (code points), not UTF-16 units. */
const length = (s: string) => [...s].length;

/** Single-line text: NFC, no control characters or bidi overrides (which could make the text around
 * it read backwards), spaces collapsed and trimmed. Joiners stay: emoji and many scripts need them. */
const oneLine = (s: string) =>
  s
    .normalize("NFC")
    .replace(/[\u202A-\u202E\u2066-\u2069]/g, "")
    .replace(/[\p{Cc}\u2028\u2029]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();

const countryCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => code === "" || isCountryCode(code), "Choose a country from the list.")
  .transform((code) => code || null);

export const locationSchema = plainText("single")
  .transform(oneLine)
  .refine((s) => length(s) <= LOCATION.max, LOCATION.tooLong)
  .transform((s) => s || null);

export const signatureSchema = plainText("multi")
  .transform((s) => s.normalize("NFC").trim())
  .refine((s) => length(s) <= SIGNATURE.max, SIGNATURE.tooLong)
  .transform((s) => s || null);

export const profileSchema = z.object({
  countryCode: countryCodeSchema,
  location: locationSchema,
  signature: signatureSchema,
});
export type ProfileField = keyof z.infer<typeof profileSchema> | "avatar";

const emailChangeSchema = z.object({ email: emailSchema });

export const passwordChangeSchema = z.object({
  currentPassword: z.string().max(PASSWORD.max, "That is not your current password."),
  newPassword: newPasswordSchema,
});
export type PasswordField = keyof z.infer<typeof passwordChangeSchema>;

export interface AccountSettings {
  name: string;
  email: string | null;
  hasPassword: boolean;
  countryCode: string | null;
  location: string | null;
  signature: string | null;
  image: string | null;
}

export async function getAccountSettings(userId: string): Promise<AccountSettings | null> {
  const [row] = await db
    .select({
      name: users.name,
      email: users.email,
      passwordHash: users.passwordHash,
      countryCode: users.countryCode,
      location: users.location,
      signature: users.signature,
      image: users.image,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!row) return null;
  const { passwordHash, ...rest } = row;
  return { ...rest, hasPassword: passwordHash !== null };
}

/** A member's rendered signature for their profile, or null. */
export async function getSignatureHtml(memberNumber: number): Promise<string | null> {
  const [row] = await db
    .select({ html: users.signatureHtml })
    .from(users)
    .where(eq(users.number, memberNumber))
    .limit(1);
  return row?.html ?? null;
}

const GONE = refuseFields({ form: "This account no longer exists." });

export type ProfileUpdate = {
  countryCode: unknown;
  location: unknown;
  signature: unknown;
  /** A newly chosen avatar file's bytes; null or empty: keep the current one. */
  avatar?: Uint8Array | null;
  removeAvatar?: boolean;
};
export type ProfileResult = Result<{ settings: AccountSettings }, ProfileField | "form">;

/**
 * Saves country, location, signature and avatar together: when any part is refused nothing changes,
 * not even the parts that were fine.
 */
export async function updateProfile(userId: string, input: ProfileUpdate): Promise<ProfileResult> {
  const parsed = profileSchema.safeParse({
    countryCode: input.countryCode,
    location: input.location,
    signature: input.signature,
  });
  const errors: FieldErrors<ProfileField | "form"> = parsed.success
    ? {}
    : fieldErrors(parsed.error);
  const upload =
    input.avatar && input.avatar.byteLength > 0 ? await processAvatar(input.avatar) : null;
  if (upload && !upload.ok) errors.avatar = upload.error;
  if (!parsed.success || errors.avatar) return refuseFields(errors);

  const [current] = await db
    .select({ image: users.image })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!current) return GONE;

  let image = current.image;
  if (upload?.ok) image = await storeAvatar(userId, upload.webp);
  else if (input.removeAvatar) image = null;

  const { countryCode, location, signature } = parsed.data;
  try {
    await db
      .update(users)
      .set({
        countryCode,
        location,
        signature,
        signatureHtml: signature ? renderPost(signature) : null,
        image,
      })
      .where(eq(users.id, userId));
  } catch (error) {
    if (image !== current.image) await deleteAvatar(image);
    throw error;
  }
  if (image !== current.image) await deleteAvatar(current.image);
  const settings = await getAccountSettings(userId);
  return settings ? ok({ settings }) : GONE;
}

const TAKEN_EMAIL = "An account with that email address already exists.";

export type EmailResult = Result<
  { email: string; changed: boolean },
  "email" | "currentPassword" | "form"
>;

/**
 * Changes the sign-in email address; addresses are unique without regard to case. The current
 * password is asked first (members who only ever signed in through GitHub or Google have none), so
 * a borrowed signed-in browser cannot move the account's password resets to another inbox.
 */
export async function changeEmail(
  userId: string,
  input: { email: unknown; currentPassword?: unknown },
): Promise<EmailResult> {
  const parsed = emailChangeSchema.safeParse(input);
  const [current] = await db
    .select({ email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!current) return GONE;
  const errors: FieldErrors<"email" | "currentPassword" | "form"> = parsed.success
    ? {}
    : fieldErrors(parsed.error);
  const currentPassword = typeof input.currentPassword === "string" ? input.currentPassword : "";
  if (current.passwordHash) {
    if (!currentPassword) errors.currentPassword = "Enter your current password.";
    else if (
      currentPassword.length > PASSWORD.max ||
      !(await verifyPassword(current.passwordHash, currentPassword))
    )
      errors.currentPassword = "That is not your current password.";
  }
  if (!parsed.success || errors.currentPassword) return refuseFields(errors);
  const { email } = parsed.data;
  if (current.email === email) return ok({ email, changed: false });

  const [clash] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(sql`lower(${users.email}) = ${email}`, ne(users.id, userId)))
    .limit(1);
  if (clash) return refuseFields({ email: TAKEN_EMAIL });
  try {
    // A new address is not verified, whatever the old one was.
    await db.update(users).set({ email, emailVerified: null }).where(eq(users.id, userId));
  } catch (error) {
    const constraint =
      (error as { cause?: { constraint_name?: string } }).cause?.constraint_name ?? "";
    if (constraint.includes("email")) return refuseFields({ email: TAKEN_EMAIL });
    throw error;
  }
  return ok({ email, changed: true });
}

export type PasswordResult = Result<
  { identifier: string; sessionVersion: number },
  PasswordField | "form"
>;

/**
 * Changes the password after checking the current one (members who signed up through GitHub or
 * Google and never had one may set one without). Bumps the session version, which ends every
 * session of the member at once: the caller signs the current browser in again.
 */
export async function changePassword(
  userId: string,
  input: { currentPassword: unknown; newPassword: unknown },
): Promise<PasswordResult> {
  const parsed = passwordChangeSchema.safeParse(input);
  const errors: FieldErrors<PasswordField | "form"> = parsed.success
    ? {}
    : fieldErrors(parsed.error);
  const [member] = await db
    .select({ name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!member) return GONE;

  const currentPassword = typeof input.currentPassword === "string" ? input.currentPassword : "";
  if (member.passwordHash && !errors.currentPassword) {
    if (!currentPassword) errors.currentPassword = "Enter your current password.";
    else if (!(await verifyPassword(member.passwordHash, currentPassword)))
      errors.currentPassword = "That is not your current password.";
  }
  if (parsed.success && parsed.data.newPassword.toLowerCase() === member.name.toLowerCase()) {
    errors.newPassword = "Your password cannot be your username.";
  }
  if (!parsed.success || errors.currentPassword || errors.newPassword) return refuseFields(errors);

  const passwordHash = await hashPassword(parsed.data.newPassword);
  const [updated] = await db
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId))
    .returning({ sessionVersion: users.sessionVersion });
  if (!updated) return GONE;
  return ok({ identifier: member.name, sessionVersion: updated.sessionVersion });
}
