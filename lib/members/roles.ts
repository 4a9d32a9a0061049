// Member administration: roles and custom titles, and the list /admin/members shows. Every change
// checks lib/permissions against the target as it is in the database (row locked), then writes in
// the same transaction, with its moderator log line ("user.role", "user.title"), so a refused request
// writes nothing.
import "server-only";
import { asc, desc, eq, ilike, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { roleEnum, users } from "@/db/schema";
import type { Tx } from "@/db/tx";
import {
  can,
  ensure,
  ForbiddenError,
  isSignedIn,
  isStaff,
  type Role,
  type Viewer,
} from "../permissions";
import { CUSTOM_TITLE, MEMBER_SEARCH_MAX } from "../limits/sizes";
import { plainText } from "../validation/text";
import { logModAction } from "../moderation/log-entry";
import { memberUrl } from "../urls";
import { memberTitle } from "./titles";
import { ok, refuse, type Result } from "../result";

export const ROLES = roleEnum.enumValues;
export const ROLE_LABELS: Record<Role, string> = {
  member: "Member",
  moderator: "Moderator",
  admin: "Administrator",
};
export const ADMIN_MEMBERS_PER_PAGE = 25;

export const roleSchema = z.enum(ROLES, "Choose member, moderator or administrator.");

/** A custom title as typed: spaces collapsed, trimmed; empty clears the title. */
export const customTitleSchema = plainText(
  "single",
  "Enter a title, or leave it empty to clear it.",
)
  .transform((s) => s.normalize("NFC").replace(/\s+/gu, " ").trim())
  .pipe(
    z
      .string()
      .max(CUSTOM_TITLE.max, CUSTOM_TITLE.tooLong)
      .regex(/^[^\p{Cc}\p{Cf}]*$/u, "Custom titles cannot contain control characters."),
  );

export type MemberChange = Result<{ message: string }>;

const NOT_FOUND = refuse("That member no longer exists.");

interface Target {
  id: string;
  name: string;
  role: Role;
  customTitle: string | null;
}

async function lockTarget(tx: Tx, targetId: string): Promise<Target | null> {
  const [target] = await tx
    .select({ id: users.id, name: users.name, role: users.role, customTitle: users.customTitle })
    .from(users)
    .where(eq(users.id, targetId))
    .limit(1)
    .for("update");
  return target ?? null;
}

/** Why lib/permissions said no, in words for the form. The decision itself is made there. */
function roleRefusal(actor: Viewer, target: Target): string {
  if (!isSignedIn(actor)) return "Sign in as an administrator to change roles.";
  if (actor.isBanned) return "Banned members cannot change roles.";
  if (actor.role !== "admin") return "Only administrators can change roles.";
  if (actor.id === target.id) return "You cannot change your own role.";
  return "You do not have permission to change this member's role.";
}

function titleRefusal(actor: Viewer, target: Target): string {
  if (!isSignedIn(actor)) return "Sign in as staff to grant custom titles.";
  if (actor.isBanned) return "Banned members cannot grant custom titles.";
  if (!isStaff(actor)) return "Only moderators and administrators can grant custom titles.";
  if (target.role === "admin") return "Only administrators can change an administrator's title.";
  return "You do not have permission to change this member's title.";
}

/** An administrator gives another member a role. Takes effect on the member's next request
 * (lib/permissions/load-viewer.ts reads the role every time), without signing them out. */
export async function setMemberRole({
  actor,
  targetId,
  role,
}: {
  actor: Viewer;
  targetId: string;
  role: Role;
}): Promise<MemberChange> {
  const parsedRole = roleSchema.safeParse(role);
  if (!parsedRole.success) return refuse("Choose member, moderator or administrator.");
  return db.transaction(async (tx) => {
    const target = await lockTarget(tx, targetId);
    if (!target) return NOT_FOUND;
    try {
      ensure(actor, "changeRole", target);
    } catch (error) {
      if (error instanceof ForbiddenError) return refuse(roleRefusal(actor, target));
      throw error;
    }
    const label = ROLE_LABELS[parsedRole.data].toLowerCase();
    if (target.role === parsedRole.data)
      return ok({ message: `${target.name} is already ${article(label)} ${label}.` });
    await tx.update(users).set({ role: parsedRole.data }).where(eq(users.id, target.id));
    await logModAction(tx, {
      actorId: actor.id!,
      action: "user.role",
      targetType: "user",
      targetId: target.id,
      targetLabel: target.name,
      details: { from: target.role, to: parsedRole.data },
    });
    return ok({ message: `${target.name} is now ${article(label)} ${label}.` });
  });
}

/** Staff grant (or, with an empty title, clear) a member's custom title. */
export async function setCustomTitle({
  actor,
  targetId,
  title,
}: {
  actor: Viewer;
  targetId: string;
  title: string;
}): Promise<MemberChange> {
  const parsed = customTitleSchema.safeParse(title);
  if (!parsed.success)
    return refuse(parsed.error.issues[0]?.message ?? "That title cannot be used.");
  const customTitle = parsed.data || null;
  return db.transaction(async (tx) => {
    const target = await lockTarget(tx, targetId);
    if (!target) return NOT_FOUND;
    try {
      ensure(actor, "grantCustomTitle", target);
    } catch (error) {
      if (error instanceof ForbiddenError) return refuse(titleRefusal(actor, target));
      throw error;
    }
    if (target.customTitle !== customTitle) {
      await tx.update(users).set({ customTitle }).where(eq(users.id, target.id));
      await logModAction(tx, {
        actorId: actor.id!,
        action: "user.title",
        targetType: "user",
        targetId: target.id,
        targetLabel: target.name,
        details: { from: target.customTitle, to: customTitle },
      });
    }
    return ok({
      message: customTitle
        ? `${target.name}'s custom title is now “${customTitle}”.`
        : `${target.name}'s custom title was cleared.`,
    });
  });
}

const article = (word: string) => (/^[aeiou]/i.test(word) ? "an" : "a");

export interface AdminMemberRow {
  id: string;
  number: number;
  name: string;
  url: string;
  avatarUrl: string | null;
  role: Role;
  customTitle: string | null;
  memberTitle: string;
  joinedOn: string;
  messageCount: number;
  isBanned: boolean;
  /** What this viewer may change on this member, from lib/permissions. */
  canChangeRole: boolean;
  canGrantTitle: boolean;
  isViewer: boolean;
}

export interface AdminMemberPage {
  members: AdminMemberRow[];
  search: string;
  page: number;
  pageCount: number;
  total: number;
}

/** "?q=" as a search: trimmed, at most MEMBER_SEARCH_MAX characters. */
export const searchSchema = plainText("single")
  .transform((s) => s.normalize("NFC").replace(/\s+/gu, " ").trim().slice(0, MEMBER_SEARCH_MAX))
  .catch("");

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Members whose name contains `search` (any case), staff first, then by name; null past the last page.
 * Call only for a viewer allowed to see the page (`viewMemberAdmin`). */
export async function listMembersForAdmin(
  viewer: Viewer,
  { search, page }: { search: string; page: number },
): Promise<AdminMemberPage | null> {
  const where = search ? ilike(users.name, `%${likeEscape(search)}%`) : undefined;
  const rows = await db
    .select({
      id: users.id,
      number: users.number,
      name: users.name,
      image: users.image,
      role: users.role,
      customTitle: users.customTitle,
      memberTitle: users.memberTitle,
      joinedOn: users.joinedOn,
      messageCount: users.messageCount,
      bannedAt: users.bannedAt,
      banEndsAt: users.banEndsAt,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(users)
    .where(where)
    // The enum orders member < moderator < admin.
    .orderBy(desc(users.role), asc(sql`lower(${users.name})`), asc(users.number))
    .limit(ADMIN_MEMBERS_PER_PAGE)
    .offset((page - 1) * ADMIN_MEMBERS_PER_PAGE);
  if (rows.length === 0 && page > 1) return null;
  const total = rows[0]?.total ?? 0;
  const now = Date.now();
  return {
    search,
    page,
    total,
    pageCount: Math.max(1, Math.ceil(total / ADMIN_MEMBERS_PER_PAGE)),
    members: rows.map((m) => ({
      id: m.id,
      number: m.number,
      name: m.name,
      url: memberUrl(m),
      avatarUrl: m.image,
      role: m.role,
      customTitle: m.customTitle,
      memberTitle: memberTitle(m),
      joinedOn: m.joinedOn,
      messageCount: m.messageCount,
      isBanned: m.bannedAt !== null && (m.banEndsAt === null || m.banEndsAt.getTime() > now),
      canChangeRole: can(viewer, "changeRole", m),
      canGrantTitle: can(viewer, "grantCustomTitle", m),
      isViewer: viewer.id === m.id,
    })),
  };
}
