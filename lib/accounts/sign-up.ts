import "server-only";
import { getSiteSettings } from "../site-settings/site-settings";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword } from "../auth/password";
import { ok, refuse, refuseFields, type FieldErrors, type Result } from "../result";
import { emailSchema, fieldErrors, signUpSchema, usernameSchema } from "./rules";
import { takeSignUpSlot } from "./sign-up-limit";
import { usernameSkeleton } from "./username-skeleton";

export type SignUpField = "username" | "email" | "password";
export type SignUpResult = Result<{ userId: string; username: string }, SignUpField | "form">;

/** Where a sign-up came from, for the per-address limit and the bot trap. */
export interface SignUpRequest {
  address: string | null;
  /** The hidden field people never see nor hear: only a bot filling every input fills it. */
  trap?: string;
}

const TAKEN_USERNAME = "That username is taken.";
export const LOOKALIKE_USERNAME = "That name is too close to an existing member's name.";
/** The answer for an email address that has an account, and for a bot: without sending email there
 * is no way to answer it exactly like a new account (that one is signed in at once), so it says
 * nothing about the address, and the per-address limit makes asking many times slow. */
export const SIGN_UP_REFUSED =
  "No account was made with these details. If you already have an account, sign in instead.";

export function signUpLimitMessage(retryAfterSeconds: number): string {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return `Too many accounts were made from your network in the last hour. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

/** Creates a member account. Usernames are unique without regard to case, and no two may look
 * alike (their skeletons differ), seed members' included. With a request, a sign-up counts towards
 * its address's hourly limit once its fields are right. */
export const REGISTRATION_CLOSED =
  "Registration is closed on this forum for now: no new accounts are being made.";

export async function registerMember(
  input: Record<SignUpField, unknown>,
  request?: SignUpRequest,
): Promise<SignUpResult> {
  // Administrators may close registration (/admin, site settings).
  if ((await getSiteSettings()).registration === "closed")
    return refuse(REGISTRATION_CLOSED, "form");
  if (request?.trap) {
    await takeSignUpSlot(request.address);
    return refuse(SIGN_UP_REFUSED, "form");
  }
  const parsed = signUpSchema.safeParse(input);
  const errors: FieldErrors<SignUpField> = parsed.success ? {} : fieldErrors(parsed.error);
  // Say that a name is taken even when another field is wrong, so one submit shows all.
  const username = usernameSchema.safeParse(input.username).data;
  if (username) {
    const skeleton = usernameSkeleton(username);
    const clashes = await db
      .select({ name: users.name })
      .from(users)
      .where(
        sql`lower(${users.name}) = lower(${username}) or ${users.usernameSkeleton} = ${skeleton}`,
      );
    if (clashes.some((u) => u.name.toLowerCase() === username.toLowerCase()))
      errors.username = TAKEN_USERNAME;
    else if (clashes.length > 0) errors.username = LOOKALIKE_USERNAME;
  }
  if (!parsed.success || errors.username) return refuseFields(errors);

  if (request) {
    const slot = await takeSignUpSlot(request.address);
    if (!slot.ok) return refuse(signUpLimitMessage(slot.retryAfterSeconds), "form");
  }
  // Hashed before the email is looked up, so a known address is not answered faster.
  const passwordHash = await hashPassword(parsed.data.password);
  const email = emailSchema.parse(parsed.data.email);
  const [known] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`);
  if (known) return refuse(SIGN_UP_REFUSED, "form");

  try {
    const [created] = await db
      .insert(users)
      .values({
        name: parsed.data.username,
        usernameSkeleton: usernameSkeleton(parsed.data.username),
        email,
        passwordHash,
      })
      .returning({ id: users.id });
    return ok({ userId: created!.id, username: parsed.data.username });
  } catch (error) {
    // Two sign-ups racing for one name or address: the unique indexes decide.
    const constraint =
      (error as { cause?: { constraint_name?: string } }).cause?.constraint_name ?? "";
    if (constraint.includes("skeleton")) return refuseFields({ username: LOOKALIKE_USERNAME });
    if (constraint.includes("name")) return refuseFields({ username: TAKEN_USERNAME });
    if (constraint.includes("email")) return refuse(SIGN_UP_REFUSED, "form");
    throw error;
  }
}
