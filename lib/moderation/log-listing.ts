// The moderator log as /moderation/log shows it: newest first, 50 a page, filtered by action (a whole
// action such as "user.ban" or a kind such as "user") and by the moderator who acted. Targets are
// linked where they still exist. Call only for a viewer allowed to see it (`viewModLog`).
import "server-only";
import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { db } from "@/db/client";
import { modLog, posts, threads, users, type User } from "@/db/schema";
import { formatDateTime } from "../format";
import { MOD_LOG_FILTER_MAX } from "../limits/sizes";
import { plainText } from "../validation/text";
import { memberUrl, postUrl, threadUrl } from "../urls";

export const MOD_LOG_PER_PAGE = 50;

/** The kinds of action (the part before the dot), as the filter offers them. */
export const ACTION_KINDS = [
  { value: "user", label: "Members" },
  { value: "thread", label: "Threads" },
  { value: "post", label: "Posts" },
  { value: "report", label: "Reports" },
  { value: "forum", label: "Forums" },
  { value: "category", label: "Categories" },
  { value: "setting", label: "Settings" },
] as const;

/** Actions with a name in words; others show as their code. */
export const ACTION_LABELS: Record<string, string> = {
  "user.ban": "Ban",
  "user.unban": "Unban",
  "user.warn": "Warning",
  "user.role": "Role change",
  "user.title": "Custom title",
  "forum.create": "Create forum",
  "forum.update": "Edit forum",
  "forum.rules": "Forum rules",
  "forum.move-up": "Move forum up",
  "forum.move-down": "Move forum down",
  "forum.change-category": "Move forum to category",
  "forum.delete": "Delete forum",
  "category.create": "Create category",
  "category.update": "Edit category",
  "category.move-up": "Move category up",
  "category.move-down": "Move category down",
  "category.delete": "Delete category",
  "setting.site": "Site settings",
  "user.email": "Email address set",
  "user.password_reset_mail": "Password reset mailed",
  "user.verification_mail": "Email confirmation mailed",
  "thread.lock": "Lock thread",
  "thread.unlock": "Unlock thread",
  "thread.stick": "Stick thread",
  "thread.unstick": "Unstick thread",
  "thread.rename": "Rename thread",
  "thread.move": "Move thread",
  "thread.delete": "Delete thread",
  "thread.restore": "Restore thread",
  "thread.hard_delete": "Delete thread permanently",
  "thread.merge": "Merge threads",
  "thread.split": "Split posts",
  "thread.poll_close": "Close poll",
  "thread.poll_reopen": "Reopen poll",
  "post.delete": "Delete post",
  "post.restore": "Restore post",
  "post.approve": "Approve post",
  "post.reject": "Reject post",
  "report.resolve": "Resolve report",
  "report.reject": "Reject report",
  "setting.change": "Change setting",
};

const ROLE_WORDS: Record<User["role"], string> = {
  member: "Member",
  moderator: "Moderator",
  admin: "Administrator",
};

/** "user", "user.ban", "thread.move": lower-case words joined by one dot at most. */
const actionFilterSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(MOD_LOG_FILTER_MAX)
  .regex(/^[a-z][a-z0-9_-]*(?:\.[a-z0-9_-]+)*$/);

/** A moderator's name as typed: spaces collapsed and trimmed. */
const actorFilterSchema = plainText("single")
  .transform((s) => s.normalize("NFC").replace(/\s+/gu, " ").trim())
  .pipe(z.string().max(MOD_LOG_FILTER_MAX));

export interface ModLogQuery {
  /** A whole action ("user.ban") or a kind ("user"); empty or missing: every action. */
  action?: string;
  /** The acting moderator's name, any case; empty or missing: everyone. */
  actor?: string;
  page: number;
}

export interface ModLogLine {
  id: number;
  at: Date;
  /** null when the moderator's account was deleted. */
  actor: { name: string; url: string } | null;
  action: string;
  actionLabel: string | null;
  /** What changed, in words: "Until Jun 5, 2026", "Member → Moderator". */
  summary: string | null;
  target: { type: string; label: string; url: string | null };
  reason: string | null;
}

export interface ModLogPage {
  lines: ModLogLine[];
  /** The filters as applied (normalised), or as typed when refused. */
  action: string;
  actor: string;
  /** Why the list is empty when a filter names nothing that exists or is not an action at all. */
  notice: string | null;
  page: number;
  pageCount: number;
  total: number;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function emptyPage(action: string, actor: string, notice: string): ModLogPage {
  return { lines: [], action, actor, notice, page: 1, pageCount: 1, total: 0 };
}

/** One page of the log, newest first; null past the last page. Unknown filters give an empty page with a notice. */
export async function listModLog({
  action: rawAction = "",
  actor: rawActor = "",
  page,
}: ModLogQuery): Promise<ModLogPage | null> {
  const where: SQL[] = [];
  let action = "";
  if (rawAction.trim()) {
    const parsed = actionFilterSchema.safeParse(rawAction);
    if (!parsed.success)
      return emptyPage(
        rawAction.trim().slice(0, MOD_LOG_FILTER_MAX),
        rawActor.trim().slice(0, MOD_LOG_FILTER_MAX),
        `“${rawAction.trim().slice(0, MOD_LOG_FILTER_MAX)}” is not an action.`,
      );
    action = parsed.data;
    // A kind ("user") matches its actions ("user.ban", "user.unban", …); a whole action matches itself.
    where.push(
      action.includes(".")
        ? eq(modLog.action, action)
        : sql`(${modLog.action} = ${action} or ${modLog.action} like ${`${likeEscape(action)}.%`})`,
    );
  }
  let actor = "";
  if (rawActor.trim()) {
    const parsed = actorFilterSchema.safeParse(rawActor);
    actor = parsed.success ? parsed.data : rawActor.trim().slice(0, MOD_LOG_FILTER_MAX);
    const [member] = parsed.success
      ? await db
          .select({ id: users.id, name: users.name })
          .from(users)
          .where(sql`lower(${users.name}) = lower(${actor})`)
          .limit(1)
      : [];
    if (!member)
      return emptyPage(action || rawAction.trim(), actor, `No member is called “${actor}”.`);
    actor = member.name;
    where.push(eq(modLog.actorId, member.id));
  }

  const actorUser = alias(users, "actor");
  const rows = await db
    .select({
      id: modLog.id,
      at: modLog.createdAt,
      action: modLog.action,
      targetType: modLog.targetType,
      targetId: modLog.targetId,
      targetLabel: modLog.targetLabel,
      reason: modLog.reason,
      details: modLog.details,
      actorNumber: actorUser.number,
      actorName: actorUser.name,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(modLog)
    .leftJoin(actorUser, eq(actorUser.id, modLog.actorId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(modLog.createdAt), desc(modLog.id))
    .limit(MOD_LOG_PER_PAGE)
    .offset((page - 1) * MOD_LOG_PER_PAGE);
  if (rows.length === 0 && page > 1) return null;

  const targets = await resolveTargets(rows);
  const total = rows[0]?.total ?? 0;
  const notice =
    total > 0
      ? null
      : action || actor
        ? "No log lines match these filters."
        : "Nothing has been logged yet.";
  return {
    action,
    actor,
    notice,
    page,
    total,
    pageCount: Math.max(1, Math.ceil(total / MOD_LOG_PER_PAGE)),
    lines: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor:
        r.actorName !== null && r.actorNumber !== null
          ? { name: r.actorName, url: memberUrl({ number: r.actorNumber, name: r.actorName }) }
          : null,
      action: r.action,
      actionLabel: ACTION_LABELS[r.action] ?? null,
      summary: summarize(r.action, r.details),
      target: targets(r),
      reason: r.reason,
    })),
  };
}

type TargetRow = { targetType: string; targetId: string; targetLabel: string | null };

const numericId = (id: string) => (/^\d{1,9}$/.test(id) ? Number(id) : null);

/** Looks up the page's users, threads and posts in three queries; returns each line's target, linked when it still exists. */
async function resolveTargets(rows: TargetRow[]) {
  const ids = (type: string, numeric: boolean) => [
    ...new Set(
      rows
        .filter((r) => r.targetType === type && (!numeric || numericId(r.targetId) !== null))
        .map((r) => r.targetId),
    ),
  ];
  const userIds = ids("user", false);
  const threadIds = ids("thread", true).map(Number);
  const postIds = ids("post", true).map(Number);
  const [userRows, threadRows, postRows] = await Promise.all([
    userIds.length
      ? db
          .select({ id: users.id, number: users.number, name: users.name })
          .from(users)
          .where(inArray(users.id, userIds))
      : [],
    threadIds.length
      ? db
          .select({ id: threads.id, slug: threads.slug, title: threads.title })
          .from(threads)
          .where(inArray(threads.id, threadIds))
      : [],
    postIds.length ? db.select({ id: posts.id }).from(posts).where(inArray(posts.id, postIds)) : [],
  ]);
  const byUser = new Map(userRows.map((u) => [u.id, u]));
  const byThread = new Map(threadRows.map((t) => [String(t.id), t]));
  const postSet = new Set(postRows.map((p) => String(p.id)));

  return (r: TargetRow): ModLogLine["target"] => {
    switch (r.targetType) {
      case "user": {
        const u = byUser.get(r.targetId);
        return {
          type: "Member",
          label: r.targetLabel ?? u?.name ?? "A deleted member",
          url: u ? memberUrl(u) : null,
        };
      }
      case "thread": {
        const t = byThread.get(r.targetId);
        return {
          type: "Thread",
          label: r.targetLabel ?? t?.title ?? `Thread #${r.targetId}`,
          url: t ? threadUrl(t) : null,
        };
      }
      case "post":
        return {
          type: "Post",
          label: r.targetLabel ?? `Post #${r.targetId}`,
          url: postSet.has(r.targetId) ? postUrl(Number(r.targetId)) : null,
        };
      default: {
        const type = r.targetType.charAt(0).toUpperCase() + r.targetType.slice(1);
        return { type, label: r.targetLabel ?? `${type} #${r.targetId}`, url: null };
      }
    }
  };
}

const text = (v: unknown) => (typeof v === "string" && v ? v : null);

/** What an action changed, in words, from its details. */
function summarize(action: string, details: Record<string, unknown> | null): string | null {
  if (!details) return null;
  switch (action) {
    case "user.ban": {
      const endsAt = text(details.endsAt);
      const date = endsAt ? new Date(endsAt) : null;
      return date && !Number.isNaN(date.getTime()) ? `Until ${formatDateTime(date)}` : "Permanent";
    }
    case "user.warn": {
      const points = typeof details.points === "number" ? details.points : null;
      const expiresAt = text(details.expiresAt);
      const date = expiresAt ? new Date(expiresAt) : null;
      const expiry =
        date && !Number.isNaN(date.getTime()) ? `until ${formatDateTime(date)}` : "never expiring";
      return points === null ? null : `${points} ${points === 1 ? "point" : "points"}, ${expiry}`;
    }
    case "user.role": {
      const word = (v: unknown) => ROLE_WORDS[v as User["role"]] ?? text(v) ?? "?";
      return `${word(details.from)} → ${word(details.to)}`;
    }
    case "user.title": {
      const to = text(details.to);
      return to ? `Now “${to}”` : "Cleared";
    }
    default: {
      const from = text(details.from);
      const to = text(details.to);
      return from && to ? `${from} → ${to}` : null;
    }
  }
}

/** Every action the filter offers: the log's own actions (read with a skip scan over the action index) and the known ones. */
export async function listModLogActions(): Promise<string[]> {
  const rows = await db.execute<{ action: string }>(sql`
    with recursive a as (
      (select action from mod_log order by action limit 1)
      union all
      select (select m.action from mod_log m where m.action > a.action order by m.action limit 1) from a where a.action is not null
    )
    select action from a where action is not null`);
  return [...new Set([...Object.keys(ACTION_LABELS), ...[...rows].map((r) => r.action)])].sort();
}

/** Current moderators' and administrators' names, suggested by the moderator filter. */
export async function listStaffNames(): Promise<string[]> {
  const rows = await db
    .select({ name: users.name })
    .from(users)
    .where(inArray(users.role, ["moderator", "admin"]))
    .orderBy(sql`lower(${users.name})`)
    .limit(200);
  return rows.map((r) => r.name);
}
