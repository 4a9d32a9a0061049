// What administrators do for a member's email on /admin/members: mail them a password reset, set a
// new address (which then needs confirming), and send the confirmation again. Each is logged.
import "server-only";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { sendVerification } from "../accounts/email-verification";
import { mailResetLink } from "../accounts/password-reset";
import { emailSchema } from "../accounts/rules";
import type { Delivery } from "../mail/send";
import { logModAction } from "../moderation/log-entry";
import { can, type Viewer } from "../permissions";
import { ok, refuse, type Result } from "../result";

export type MemberEmailResult = Result<{ message: string; delivery?: Promise<Delivery> }>;

export interface MemberEmailState {
  email: string | null;
  verified: boolean;
}

/** The addresses of the members a page lists, by id. */
export async function memberEmailStates(ids: string[]): Promise<Map<string, MemberEmailState>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, email: users.email, verified: users.emailVerified })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, { email: r.email, verified: r.verified !== null }]));
}

async function target(actor: Viewer, targetId: string) {
  if (!can(actor, "manageMemberEmail")) return null;
  const [member] = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, targetId))
    .limit(1);
  return member ?? null;
}

const NOT_ALLOWED = "Only administrators manage members' email.";

export async function sendMemberPasswordReset(
  actor: Viewer,
  targetId: string,
  origin: string,
): Promise<MemberEmailResult> {
  const member = await target(actor, targetId);
  if (!member) return refuse(NOT_ALLOWED);
  if (!member.email) return refuse(`${member.name} has no email address: set one first.`);
  const delivery = mailResetLink(
    { ...member, email: member.email },
    origin,
    "An administrator sent you this link to choose a new password for your account.",
  );
  await logModAction(db, {
    actorId: actor.id!,
    action: "user.password_reset_mail",
    targetType: "user",
    targetId: member.id,
    targetLabel: member.name,
  });
  return ok({ message: `A password reset link was mailed to ${member.email}.`, delivery });
}

export async function resendMemberVerification(
  actor: Viewer,
  targetId: string,
  origin: string,
): Promise<MemberEmailResult> {
  const member = await target(actor, targetId);
  if (!member) return refuse(NOT_ALLOWED);
  const sent = await sendVerification(member.id, origin);
  if (!sent.ok) return sent;
  await logModAction(db, {
    actorId: actor.id!,
    action: "user.verification_mail",
    targetType: "user",
    targetId: member.id,
    targetLabel: member.name,
  });
  return sent;
}

/** Sets the member's address (unconfirmed) and mails it a confirmation link. */
export async function setMemberEmail(
  actor: Viewer,
  targetId: string,
  input: unknown,
  origin: string,
): Promise<MemberEmailResult> {
  const parsed = emailSchema.safeParse(input);
  if (!parsed.success) return refuse(parsed.error.issues[0]!.message);
  const email = parsed.data;
  const member = await target(actor, targetId);
  if (!member) return refuse(NOT_ALLOWED);
  if (member.email === email)
    return ok({ message: `${member.name}'s address is already ${email}.` });
  const changed = await db.transaction(async (tx) => {
    const [clash] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(sql`lower(${users.email}) = ${email}`, ne(users.id, member.id)))
      .limit(1);
    if (clash) return false;
    await tx.update(users).set({ email, emailVerified: null }).where(eq(users.id, member.id));
    await logModAction(tx, {
      actorId: actor.id!,
      action: "user.email",
      targetType: "user",
      targetId: member.id,
      targetLabel: member.name,
      details: { from: member.email, to: email },
    });
    return true;
  });
  if (!changed) return refuse("Another account has that email address.");
  const sent = await sendVerification(member.id, origin);
  return ok({
    message: `${member.name}'s address is now ${email}${sent.ok ? "; a confirmation link was mailed to it" : ""}.`,
    ...(sent.ok ? { delivery: sent.delivery } : {}),
  });
}
