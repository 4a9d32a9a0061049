// "Forgot your password?": a mailed, single-use link valid for an hour. Whether or not the account
// exists, the asker is told the same thing, and is held to the same rate, so the form cannot be
// used to learn who is a member. Choosing the new password uses the link up and ends every session.
import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword } from "../auth/password";
import { EMAIL_MAX } from "../limits/sizes";
import { passwordResetRate } from "../limits/request-rates";
import { composeMail } from "../mail/compose";
import { sendMail, type Delivery } from "../mail/send";
import { ok, refuse, refuseFields, type Result } from "../result";
import { endEverySession } from "../session/sessions";
import { consumeToken, findToken, issueToken, retireTokens } from "./account-tokens";
import { fieldErrors, newPasswordSchema } from "./rules";

export const RESET_REQUESTED =
  "If an account with that name or email address exists and has an email address, a link to " +
  "choose a new password is on its way to it. The link works for one hour.";

const identifierSchema = z
  .string("Enter your username or email address.")
  .trim()
  .min(1, "Enter your username or email address.")
  .max(EMAIL_MAX, "Enter your username or email address.");

const waitMessage = (seconds: number) =>
  `Too many requests for a new password. Try again in ${Math.ceil(seconds / 60)} minutes.`;

/** The link a member opens to choose a new password (the mail's, or the admin command's). */
export const resetLink = (origin: string, token: string) =>
  `${origin}/reset-password?token=${token}`;

export async function mailResetLink(
  member: { id: string; name: string; email: string },
  origin: string,
  reason: string,
): Promise<Delivery> {
  const token = await issueToken(member.id, "reset-password", member.email.toLowerCase());
  return sendMail(
    composeMail({
      to: member.email,
      subject: "Choose a new password",
      paragraphs: [`Hello ${member.name},`, reason],
      action: { label: "Choose a new password", url: resetLink(origin, token) },
      footer: [
        "The link works once, for one hour. If you did not ask for it, ignore this mail: your password stays as it is.",
      ],
    }),
  );
}

/**
 * Mails a reset link to the account named (by username or email) when it exists and has an address.
 * Answers the same either way; `delivery` settles when the mail has left (the form does not wait for
 * it, so the time taken does not tell either).
 */
export async function requestPasswordReset(
  input: { identifier: unknown },
  context: { address: string | null; origin: string },
): Promise<Result<{ message: string; delivery: Promise<Delivery | null> }, "identifier">> {
  const parsed = identifierSchema.safeParse(input.identifier);
  if (!parsed.success) return refuse(parsed.error.issues[0]!.message, "identifier");
  const identifier = parsed.data.toLowerCase();
  for (const key of [`address:${context.address ?? "unknown"}`, `account:${identifier}`]) {
    const check = await passwordResetRate.take(key);
    if (!check.ok) return refuse(waitMessage(check.retryAfterSeconds));
  }
  const [member] = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(
      identifier.includes("@")
        ? sql`lower(${users.email}) = ${identifier}`
        : sql`lower(${users.name}) = ${identifier}`,
    )
    .limit(1);
  const delivery =
    member?.email != null
      ? mailResetLink(
          { ...member, email: member.email },
          context.origin,
          "Someone, probably you, asked for a new password for your account.",
        )
      : Promise.resolve(null);
  // Logged, not thrown: the asker has already been answered.
  delivery.catch((error: unknown) => console.error("Password reset mail failed:", error));
  return ok({ message: RESET_REQUESTED, delivery });
}

const EXPIRED =
  "This link has expired or was already used. Ask for a new one on the sign-in page (Forgot your password?).";

/** The member a reset link is for, while it is still valid; for the confirm page (a GET). */
export async function resetLinkMember(token: unknown): Promise<{ name: string } | null> {
  const live = await findToken(token, "reset-password");
  if (!live) return null;
  const [member] = await db
    .select({ name: users.name })
    .from(users)
    .where(eq(users.id, live.userId))
    .limit(1);
  return member ?? null;
}

/** Sets the new password, uses the link up, and ends every session of the member's. */
export async function resetPassword(input: {
  token: unknown;
  newPassword: unknown;
}): Promise<Result<{ identifier: string }, "newPassword" | "form">> {
  const parsed = z.object({ newPassword: newPasswordSchema }).safeParse(input);
  if (!parsed.success) return refuseFields(fieldErrors(parsed.error));
  const { newPassword } = parsed.data;
  const member = await resetLinkMember(input.token);
  if (!member) return refuse(EXPIRED, "form");
  if (member.name.toLowerCase() === newPassword.toLowerCase())
    return refuseFields({ newPassword: "Your password cannot be your username." });
  const passwordHash = await hashPassword(newPassword);
  return db.transaction(async (tx) => {
    const now = new Date();
    // Used up here, not above: of two posts of one link, only one sets a password.
    const live = await consumeToken(tx, input.token, "reset-password", now);
    if (!live) return refuse(EXPIRED, "form");
    await tx
      .update(users)
      // The link came to the member's address, which shows the address is theirs (if it still is).
      .set({
        passwordHash,
        emailVerified: sql`case when lower(${users.email}) = ${live.email}
          then coalesce(${users.emailVerified}, now()) else ${users.emailVerified} end`,
      })
      .where(eq(users.id, live.userId));
    await retireTokens(tx, live.userId, "reset-password", now);
    await endEverySession(tx, live.userId, now);
    return ok({ identifier: member.name });
  });
}

/** A reset link for the member of this name, for the operator's `npm run admin -- reset-password`
 * (no mail involved: whoever runs it on the server is trusted). Null: no such member. */
export async function resetLinkForName(name: string, origin: string): Promise<string | null> {
  const [member] = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(sql`lower(${users.name}) = ${name.trim().toLowerCase()}`)
    .limit(1);
  if (!member) return null;
  return resetLink(
    origin,
    await issueToken(member.id, "reset-password", member.email?.toLowerCase() ?? null),
  );
}
