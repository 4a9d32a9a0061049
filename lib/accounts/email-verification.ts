// Email verification: at sign-up and on a change of address the member is mailed a link that
// confirms the address is theirs. Whether members may post before confirming is the administrators'
// choice (a row in `settings`; by default they may), enforced through the viewer loadViewer builds
// (lib/permissions/posting.ts).
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { settings, users } from "@/db/schema";
import { verificationMailRate } from "../limits/request-rates";
import { composeMail } from "../mail/compose";
import { sendMail, type Delivery } from "../mail/send";
import { can, type Viewer } from "../permissions";
import { ok, refuse, type Result } from "../result";
import { consumeToken, findToken, issueToken } from "./account-tokens";

/** The settings row; lib/permissions/load-viewer.ts reads the same key in its one query. */
export const VERIFIED_POSTING_SETTING = "posting_requires_verified_email";

export async function postingNeedsVerifiedEmail(): Promise<boolean> {
  const [row] = await db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, VERIFIED_POSTING_SETTING))
    .limit(1);
  return row?.value === "1";
}

export async function setPostingNeedsVerifiedEmail(
  viewer: Viewer,
  required: boolean,
): Promise<Result<{ message: string }>> {
  if (!can(viewer, "changeSettings")) return refuse("Only administrators change this setting.");
  await db
    .insert(settings)
    .values({ key: VERIFIED_POSTING_SETTING, value: required ? "1" : "0" })
    .onConflictDoUpdate({ target: settings.key, set: { value: required ? "1" : "0" } });
  return ok({
    message: required
      ? "Members must now verify their email address before they post."
      : "Members may now post before verifying their email address.",
  });
}

export const verifyLink = (origin: string, token: string) =>
  `${origin}/verify-email?token=${token}`;

/** Mails the member a link confirming their current address. */
export async function mailVerificationLink(
  member: { id: string; name: string; email: string },
  origin: string,
): Promise<Delivery> {
  const email = member.email.toLowerCase();
  const token = await issueToken(member.id, "verify-email", email);
  return sendMail(
    composeMail({
      to: member.email,
      subject: "Confirm your email address",
      paragraphs: [
        `Hello ${member.name},`,
        "Please confirm that this is your email address, so that you can get a new password by mail if you ever need one.",
      ],
      action: { label: "Confirm my email address", url: verifyLink(origin, token) },
      footer: ["If you did not sign up or change your address, ignore this mail."],
    }),
  );
}

/**
 * Sends the verification mail again for a member whose address is not confirmed yet, at most a few
 * an hour. `delivery` settles when the mail has left.
 */
export async function sendVerification(
  userId: string,
  origin: string,
): Promise<Result<{ message: string; delivery: Promise<Delivery> }>> {
  const [member] = await db
    .select({ id: users.id, name: users.name, email: users.email, verified: users.emailVerified })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!member) return refuse("This account no longer exists.");
  if (!member.email) return refuse("This account has no email address.");
  if (member.verified) return refuse("This email address is already confirmed.");
  const check = await verificationMailRate.take(userId);
  if (!check.ok)
    return refuse(
      `Several mails were sent already. Try again in ${Math.ceil(check.retryAfterSeconds / 60)} minutes.`,
    );
  const delivery = mailVerificationLink({ ...member, email: member.email }, origin);
  return ok({ message: `A confirmation link was mailed to ${member.email}.`, delivery });
}

/** Whether the member's address is confirmed (null when it has none), for the account page. */
export async function emailVerifiedState(userId: string): Promise<boolean | null> {
  const [row] = await db
    .select({ email: users.email, verified: users.emailVerified })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return row?.email ? row.verified !== null : null;
}

const emailStill = (userId: string, email: string | null) =>
  and(eq(users.id, userId), sql`lower(${users.email}) = ${email ?? ""}`);

/** The address a verification link confirms, while the link is live and the address is still the
 * member's; for the confirm page (a GET, which does not use the link up). */
export async function verificationLinkAddress(token: unknown): Promise<string | null> {
  const live = await findToken(token, "verify-email");
  if (!live) return null;
  const [member] = await db
    .select({ email: users.email })
    .from(users)
    .where(emailStill(live.userId, live.email))
    .limit(1);
  return member?.email ?? null;
}

const STALE =
  "This link has expired, was already used, or is for an address the account no longer has.";

export async function confirmEmail(token: unknown): Promise<Result<{ email: string }>> {
  return db.transaction(async (tx) => {
    const live = await consumeToken(tx, token, "verify-email");
    if (!live) return refuse(STALE);
    const [confirmed] = await tx
      .update(users)
      .set({ emailVerified: sql`coalesce(${users.emailVerified}, now())` })
      .where(emailStill(live.userId, live.email))
      .returning({ email: users.email });
    return confirmed?.email ? ok({ email: confirmed.email }) : refuse(STALE);
  });
}
