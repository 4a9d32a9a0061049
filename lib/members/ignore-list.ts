// Each member's ignore list: whose posts are collapsed for them on thread pages and left out of the
// lists that use notIgnoredBy (./ignore-filter.ts). Whether one may ignore someone is lib/permissions'
// `ignoreMember` rule; this module turns its answer into words for the forms.
//
// Rows stay when an ignored member becomes staff; every read below keeps only targets whose role is
// "member" now, so staff content is never hidden, and the list page shows such rows as inactive so
// their owner can remove them.
import "server-only";
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { ignoredMembers, postQuotes, posts, users } from "@/db/schema";
import type { Tx } from "@/db/tx";
import { IGNORE_LIST_CAP, IGNORE_LIST_FULL } from "../limits/sizes";
import { can, isSignedIn, type Role, type Viewer } from "../permissions";
import { memberUrl } from "../urls";
import { ok, refuse, type Result } from "../result";

export type IgnoreResult = Result<{ message: string }>;

export interface IgnoredMember {
  id: string;
  name: string;
  url: string;
  ignoredAt: Date;
  /** Became staff after being ignored: their content is shown again. */
  isStaff: boolean;
}

const SIGNED_OUT = refuse("Sign in to manage your ignore list.");

/** The members whose content is hidden from this viewer: one index range read, none for guests. */
export async function ignoredMemberIds(viewerId: string | null): Promise<Set<string>> {
  if (!viewerId) return new Set();
  const rows = await db
    .select({ id: ignoredMembers.ignoredId })
    .from(ignoredMembers)
    .innerJoin(users, eq(users.id, ignoredMembers.ignoredId))
    .where(and(eq(ignoredMembers.userId, viewerId), eq(users.role, "member")));
  return new Set(rows.map((r) => r.id));
}

/** Of the posts these posts quote, those written by one of `ignoredIds` (ignoredMemberIds' answer,
 * which already applied the "staff cannot be ignored" rule): their quotes are collapsed too. */
export async function quotesOfIgnored(
  ignoredIds: ReadonlySet<string>,
  postIds: number[],
): Promise<number[]> {
  if (ignoredIds.size === 0 || postIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ id: postQuotes.quotedPostId })
    .from(postQuotes)
    .innerJoin(posts, eq(posts.id, postQuotes.quotedPostId))
    .where(and(inArray(postQuotes.postId, postIds), inArray(posts.authorId, [...ignoredIds])));
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

/** Whether the viewer hides this one member's content (the profile page's button). */
export async function isIgnoring(viewerId: string | null, memberId: string): Promise<boolean> {
  if (!viewerId) return false;
  const [row] = await db
    .select({ id: ignoredMembers.ignoredId })
    .from(ignoredMembers)
    .innerJoin(users, eq(users.id, ignoredMembers.ignoredId))
    .where(
      and(
        eq(ignoredMembers.userId, viewerId),
        eq(ignoredMembers.ignoredId, memberId),
        eq(users.role, "member"),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** The viewer's whole list, by name, for /account/ignored. */
export async function listIgnoredMembers(viewerId: string): Promise<IgnoredMember[]> {
  const rows = await db
    .select({
      id: users.id,
      number: users.number,
      name: users.name,
      role: users.role,
      ignoredAt: ignoredMembers.createdAt,
    })
    .from(ignoredMembers)
    .innerJoin(users, eq(users.id, ignoredMembers.ignoredId))
    .where(eq(ignoredMembers.userId, viewerId))
    .orderBy(asc(sql`lower(${users.name})`), asc(users.number))
    .limit(IGNORE_LIST_CAP);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    url: memberUrl(r),
    ignoredAt: r.ignoredAt,
    isStaff: r.role !== "member",
  }));
}

interface Target {
  id: string;
  name: string;
  role: Role;
}

/** Why the `ignoreMember` rule said no, in words for the form; the decision itself is made there. */
function refusal(viewer: Viewer, target: Target): IgnoreResult {
  if (!isSignedIn(viewer)) return SIGNED_OUT;
  if (viewer.id === target.id) return refuse("You cannot ignore yourself.");
  if (target.role !== "member")
    return refuse(
      `${target.name} is on the staff: moderators and administrators cannot be ignored.`,
    );
  return refuse(`You cannot ignore ${target.name}.`);
}

async function findTarget(
  tx: Tx,
  by: { memberId: string } | { username: string },
): Promise<Target | null> {
  const where =
    "memberId" in by
      ? eq(users.id, by.memberId)
      : sql`lower(${users.name}) = lower(${by.username.normalize("NFC").trim()})`;
  const [row] = await tx
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(where)
    .limit(1);
  return row ?? null;
}

/** Adds a member (by id from a button, or by username typed on the list page) to the viewer's list. */
export async function ignoreMember(
  viewer: Viewer,
  by: { memberId: string } | { username: string },
  now = new Date(),
): Promise<IgnoreResult> {
  if (!isSignedIn(viewer)) return SIGNED_OUT;
  return db.transaction(async (tx): Promise<IgnoreResult> => {
    // Serialises one member's concurrent requests, so the checks below hold until the insert.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, viewer.id)).for("update");
    const target = await findTarget(tx, by);
    if (!target)
      return refuse(
        "username" in by
          ? `There is no member called “${by.username.trim()}”.`
          : "That member does not exist any more.",
      );
    if (!can(viewer, "ignoreMember", target)) return refusal(viewer, target);
    const [existing] = await tx
      .select({ id: ignoredMembers.ignoredId })
      .from(ignoredMembers)
      .where(and(eq(ignoredMembers.userId, viewer.id), eq(ignoredMembers.ignoredId, target.id)))
      .limit(1);
    if (existing) return refuse(`You are already ignoring ${target.name}.`);
    const [{ listed } = { listed: 0 }] = await tx
      .select({ listed: count() })
      .from(ignoredMembers)
      .where(eq(ignoredMembers.userId, viewer.id));
    if (listed >= IGNORE_LIST_CAP) return refuse(IGNORE_LIST_FULL);
    await tx
      .insert(ignoredMembers)
      .values({ userId: viewer.id, ignoredId: target.id, createdAt: now });
    return ok({ message: `You are now ignoring ${target.name}.` });
  });
}

/** Takes a member off the viewer's list. Allowed for every signed-in member on their own list, staff
 * rows included: cleaning up an entry that no longer hides anything is always fine. */
export async function unignoreMember(viewer: Viewer, memberId: string): Promise<IgnoreResult> {
  if (!isSignedIn(viewer) || !can(viewer, "keepReadingState")) return SIGNED_OUT;
  const [target] = await db
    .select({ name: users.name })
    .from(users)
    .where(eq(users.id, memberId))
    .limit(1);
  if (!target) return refuse("That member does not exist any more.");
  const removed = await db
    .delete(ignoredMembers)
    .where(and(eq(ignoredMembers.userId, viewer.id), eq(ignoredMembers.ignoredId, memberId)))
    .returning({ id: ignoredMembers.ignoredId });
  return ok({
    message: removed.length
      ? `You are no longer ignoring ${target.name}.`
      : `You were not ignoring ${target.name}.`,
  });
}
