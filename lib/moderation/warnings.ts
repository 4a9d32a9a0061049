// Warnings: staff warn a member for one of their posts, with a reason, points and an expiry. The
// points still active (not expired) are added up, and reaching the site's ban limit (a site setting,
// WARNING_BAN_POINTS until an administrator chooses) bans the member for its number of days, in the
// transaction that adds the warning, through the ban code (./bans.ts). Each
// warning alerts the member and is in the moderator log; the post shows that it was warned.
import "server-only";
import { and, desc, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { alerts, posts, users, warnings } from "@/db/schema";
import type { DbOrTx } from "@/db/tx";
import { REASON, WARNING_POINTS, WARNING_POINTS_MESSAGE } from "../limits/sizes";
import { plainText } from "../validation/text";
import { can, isSignedIn, isStaff, type Viewer } from "../permissions";
import { ok, refuse, type Result } from "../result";
import { rowId } from "../row-id";
import { getSiteSettings } from "../site-settings/site-settings";
import { banLocked, lockMember } from "./bans";
import { logModAction } from "./log-entry";
import { WARNING_EXPIRY_CHOICES } from "./warning-choices";

const DAY = 24 * 60 * 60 * 1000;

export type WarnField = "reason" | "points" | "expiresInDays";

const NO_REASON = "Enter a reason for the warning.";

/** As a ban's reason (./bans.ts): one line, spaces collapsed, no control characters. */
const warningReasonSchema = plainText("single", NO_REASON)
  .transform((s) => s.normalize("NFC").replace(/\s+/gu, " ").trim())
  .pipe(
    z
      .string()
      .min(1, NO_REASON)
      .max(REASON.max, REASON.tooLong)
      .regex(/^[^\p{Cc}\p{Cf}]*$/u, "Reasons cannot contain control characters."),
  );

export const warningInputSchema = z.object({
  postId: rowId("This post does not exist any more."),
  reason: warningReasonSchema,
  points: z.coerce
    .number<unknown>(WARNING_POINTS_MESSAGE)
    .int(WARNING_POINTS_MESSAGE)
    .min(WARNING_POINTS.min, WARNING_POINTS_MESSAGE)
    .max(WARNING_POINTS.max, WARNING_POINTS_MESSAGE),
  expiresInDays: z.coerce
    .number<unknown>("Choose when the warning expires.")
    .refine(
      (days) => WARNING_EXPIRY_CHOICES.some(([choice]) => choice === days),
      "Choose when the warning expires.",
    ),
});

export interface WarnOptions {
  now?: Date;
  /** Default: the site settings (lib/site-settings); tests pass their own. */
  banPoints?: number;
  banDays?: number;
}

/** Points of warnings that have not expired at `now`. */
export async function activeWarningPoints(tx: DbOrTx, userId: string, now = new Date()) {
  const [row] = await tx
    .select({ points: sql<number>`coalesce(sum(${warnings.points}), 0)::int` })
    .from(warnings)
    .where(
      and(eq(warnings.userId, userId), or(isNull(warnings.expiresAt), gt(warnings.expiresAt, now))),
    );
  return row?.points ?? 0;
}

function warnRefusal(viewer: Viewer, target: { id: string; role: string }): string {
  if (!isSignedIn(viewer) || !isStaff(viewer) || viewer.isBanned)
    return "Only moderators and administrators can warn members.";
  if (target.id === viewer.id) return "You cannot warn yourself.";
  return "Staff members are not warned.";
}

/**
 * A moderator warns the author of a post. One warning per post. When the member's active points
 * reach the limit they are banned (unless a ban of theirs already lasts longer), and the answer says so.
 */
export async function warnMember(
  viewer: Viewer,
  input: Record<string, unknown>,
  options: WarnOptions = {},
): Promise<Result<{ message: string; banned: boolean }, WarnField>> {
  const parsed = warningInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path[0];
    const message = issue?.message ?? "That warning was not understood.";
    return field === "reason" || field === "points" || field === "expiresInDays"
      ? refuse(message, field)
      : refuse(message);
  }
  const { postId, reason, points, expiresInDays } = parsed.data;
  const now = options.now ?? new Date();
  const site = await getSiteSettings();
  const banPoints = options.banPoints ?? site.warningBanPoints;
  const banDays = options.banDays ?? site.warningBanDays;

  return db.transaction(async (tx) => {
    const [post] = await tx
      .select({ authorId: posts.authorId })
      .from(posts)
      .where(eq(posts.id, postId))
      .limit(1);
    if (!post?.authorId) return refuse("This post does not exist any more.");
    // Locked: two warnings at once add up before either decides on the ban.
    const target = await lockMember(tx, post.authorId);
    if (!target) return refuse("This post's author no longer exists.");
    if (!can(viewer, "warnMember", target) || !viewer.id)
      return refuse(warnRefusal(viewer, target));
    const [earlier] = await tx
      .select({ id: warnings.id })
      .from(warnings)
      .where(eq(warnings.postId, postId))
      .limit(1);
    if (earlier) return refuse(`${target.name} was already warned for this post.`);

    const expiresAt = expiresInDays === 0 ? null : new Date(now.getTime() + expiresInDays * DAY);
    await tx.insert(warnings).values({
      userId: target.id,
      postId,
      actorId: viewer.id,
      reason,
      points,
      expiresAt,
      createdAt: now,
    });
    await tx.insert(alerts).values({
      userId: target.id,
      kind: "warning",
      actorId: viewer.id,
      postId,
      createdAt: now,
    });
    await logModAction(tx, {
      actorId: viewer.id,
      action: "user.warn",
      targetType: "user",
      targetId: target.id,
      targetLabel: target.name,
      reason,
      details: { postId, points, expiresAt: expiresAt?.toISOString() ?? null },
    });

    const active = await activeWarningPoints(tx, target.id, now);
    const warned = `${target.name} was warned (${points} ${points === 1 ? "point" : "points"}; ${active} active).`;
    if (active < banPoints) return ok({ message: warned, banned: false });
    const endsAt = new Date(now.getTime() + banDays * DAY);
    const bannedLonger =
      target.bannedAt !== null && (target.banEndsAt === null || target.banEndsAt >= endsAt);
    if (bannedLonger) return ok({ message: warned, banned: false });
    const ban = await banLocked(tx, viewer, target, {
      // No full stop: the ban notice puts the reason in a sentence of its own.
      reason: `Warning points reached ${active} (the limit is ${banPoints})`,
      endsAt,
      now,
      details: { warningPoints: active },
    });
    if (!ban.ok) throw new Error(`warning ban refused: ${ban.error}`);
    return ok({ message: `${warned} ${ban.message}`, banned: true });
  });
}

/** Which of these posts were warned: the public notice on the post, shown to everyone. */
export async function warnedPostIds(postIds: number[]): Promise<Set<number>> {
  if (postIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ postId: warnings.postId })
    .from(warnings)
    .where(inArray(warnings.postId, postIds));
  return new Set(rows.map((r) => r.postId!));
}

export interface WarningView {
  id: number;
  reason: string;
  points: number;
  createdAt: Date;
  expiresAt: Date | null;
  isActive: boolean;
  postId: number | null;
  byName: string | null;
}

/** A member's warnings, newest first, for staff on the profile; null for anyone else. */
export async function warningHistory(
  viewer: Viewer,
  userId: string,
  now = new Date(),
): Promise<{ warnings: WarningView[]; activePoints: number } | null> {
  if (!can(viewer, "viewWarningHistory")) return null;
  const rows = await db
    .select({
      id: warnings.id,
      reason: warnings.reason,
      points: warnings.points,
      createdAt: warnings.createdAt,
      expiresAt: warnings.expiresAt,
      postId: warnings.postId,
      byName: users.name,
    })
    .from(warnings)
    .leftJoin(users, eq(users.id, warnings.actorId))
    .where(eq(warnings.userId, userId))
    .orderBy(desc(warnings.createdAt), desc(warnings.id))
    .limit(100);
  const list = rows.map((row) => ({
    ...row,
    isActive: row.expiresAt === null || row.expiresAt > now,
  }));
  return {
    warnings: list,
    activePoints: list.filter((w) => w.isActive).reduce((sum, w) => sum + w.points, 0),
  };
}
