// Banning and unbanning members. Each change locks the member's row, asks lib/permissions (`ban`,
// `unban`) about the member as the database holds them now, writes and logs in one transaction: a
// refused or invalid request writes and logs nothing.
//
// A ban bumps the member's session version, so every session they have open ends on its next request
// (lib/permissions/load-viewer.ts). They may sign in again: they can read, and they see why they are
// banned and until when, but they cannot post, react or report while the ban lasts.
import "server-only";
import { cache } from "react";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import type { Tx } from "@/db/tx";
import { formatDateTime } from "../format";
import { ok, refuse, type Result } from "../result";
import { can, isSignedIn, isStaff, type Role, type Viewer } from "../permissions";
import { REASON } from "../limits/sizes";
import { plainText } from "../validation/text";
import { logModAction } from "./log-entry";

export type BanField = "reason" | "endsAt";
export type BanResult = Result<{ message: string }, BanField>;

const NOT_FOUND = refuse("No such member.");
const invalid = (field: BanField, message: string) => refuse(message, field);

/** A ban reason as typed: spaces collapsed, trimmed, 1 to REASON.max characters, no control characters. */
export const banReasonSchema = plainText("single", "Enter a reason for the ban.")
  .transform((s) => s.normalize("NFC").replace(/\s+/gu, " ").trim())
  .pipe(
    z
      .string()
      .min(1, "Enter a reason for the ban.")
      .max(REASON.max, REASON.tooLong)
      .regex(/^[^\p{Cc}\p{Cf}]*$/u, "Reasons cannot contain control characters."),
  );

export interface BanTargetRow {
  id: string;
  name: string;
  role: Role;
  bannedAt: Date | null;
  banReason: string | null;
  banEndsAt: Date | null;
}

export async function lockMember(tx: Tx, userId: string): Promise<BanTargetRow | null> {
  const [row] = await tx
    .select({
      id: users.id,
      name: users.name,
      role: users.role,
      bannedAt: users.bannedAt,
      banReason: users.banReason,
      banEndsAt: users.banEndsAt,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1)
    .for("update");
  return row ?? null;
}

/** Why lib/permissions said no, in words for the form. The decision itself is made there. */
function banRefusal(actor: Viewer, target: BanTargetRow, what: "ban" | "unban"): string {
  if (!isSignedIn(actor)) return `Sign in as staff to ${what} members.`;
  if (actor.isBanned) return `Banned members cannot ${what} others.`;
  if (!isStaff(actor)) return `Only moderators and administrators can ${what} members.`;
  if (actor.id === target.id) return `You cannot ${what} yourself.`;
  if (target.role === "admin") return "Administrators cannot be banned.";
  if (target.role === "moderator") return "Only administrators can ban moderators.";
  return `You do not have permission to ${what} this member.`;
}

const until = (endsAt: Date | null) => (endsAt ? `until ${formatDateTime(endsAt)}` : "permanently");

/**
 * Staff ban a member: moderators ban members, administrators also ban moderators; nobody bans an
 * administrator or themself (the `ban` rule). `endsAt` omitted or null: a permanent ban. Banning an
 * already banned member replaces the reason and end date. The member's open sessions end at once.
 */
export async function banMember(
  viewer: Viewer,
  input: { userId: string; reason: unknown; endsAt?: Date | null },
  now = new Date(),
): Promise<BanResult> {
  const reason = banReasonSchema.safeParse(input.reason);
  if (!reason.success)
    return invalid("reason", reason.error.issues[0]?.message ?? "Enter a reason for the ban.");
  const endsAt = input.endsAt ?? null;
  if (endsAt !== null && (!(endsAt instanceof Date) || Number.isNaN(endsAt.getTime())))
    return invalid(
      "endsAt",
      "Enter the end date as a date, or leave it empty for a permanent ban.",
    );
  if (endsAt !== null && endsAt.getTime() <= now.getTime())
    return invalid("endsAt", "The end date must be in the future.");

  return db.transaction(async (tx) => {
    const target = await lockMember(tx, input.userId);
    if (!target) return NOT_FOUND;
    return banLocked(tx, viewer, target, { reason: reason.data, endsAt, now });
  });
}

/** The ban itself, inside the caller's transaction, on a member locked with lockMember: warnings
 * (./warnings.ts) ban in the transaction that adds the warning which reaches the limit. */
export async function banLocked(
  tx: Tx,
  viewer: Viewer,
  target: BanTargetRow,
  ban: { reason: string; endsAt: Date | null; now: Date; details?: Record<string, unknown> },
): Promise<BanResult> {
  if (!can(viewer, "ban", target) || !viewer.id) return refuse(banRefusal(viewer, target, "ban"));
  await tx
    .update(users)
    .set({
      bannedAt: ban.now,
      banReason: ban.reason,
      banEndsAt: ban.endsAt,
      sessionVersion: sql`${users.sessionVersion} + 1`,
    })
    .where(eq(users.id, target.id));
  await logModAction(tx, {
    actorId: viewer.id,
    action: "user.ban",
    targetType: "user",
    targetId: target.id,
    targetLabel: target.name,
    reason: ban.reason,
    details: { endsAt: ban.endsAt?.toISOString() ?? null, ...ban.details },
  });
  return ok({ message: `${target.name} is banned ${until(ban.endsAt)}.` });
}

/** Staff lift a member's ban (the `unban` rule). A member without a ban is left alone, and nothing is logged. */
export async function unbanMember(viewer: Viewer, input: { userId: string }): Promise<BanResult> {
  return db.transaction(async (tx) => {
    const target = await lockMember(tx, input.userId);
    if (!target) return NOT_FOUND;
    if (!can(viewer, "unban", target) || !viewer.id)
      return refuse(banRefusal(viewer, target, "unban"));
    if (target.bannedAt === null) return ok({ message: `${target.name} is not banned.` });
    await tx
      .update(users)
      .set({ bannedAt: null, banReason: null, banEndsAt: null })
      .where(eq(users.id, target.id));
    await logModAction(tx, {
      actorId: viewer.id,
      action: "user.unban",
      targetType: "user",
      targetId: target.id,
      targetLabel: target.name,
      details: { banReason: target.banReason },
    });
    return ok({ message: `${target.name} is no longer banned.` });
  });
}

export interface MemberBanStatus {
  id: string;
  name: string;
  role: Role;
  /** A ban in force now (an ended one does not count). */
  isBanned: boolean;
  bannedAt: Date | null;
  banReason: string | null;
  banEndsAt: Date | null;
}

/** The ban state of the member with this public number, for their profile page (cached per request). */
export const getMemberBanStatus = cache(async (number: number): Promise<MemberBanStatus | null> => {
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      role: users.role,
      bannedAt: users.bannedAt,
      banReason: users.banReason,
      banEndsAt: users.banEndsAt,
    })
    .from(users)
    .where(eq(users.number, number))
    .limit(1);
  if (!row) return null;
  const isBanned =
    row.bannedAt !== null && (row.banEndsAt === null || row.banEndsAt.getTime() > Date.now());
  return { ...row, isBanned };
});
