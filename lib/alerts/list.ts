// The viewer's alerts, as the bell and the alerts page show them. Both leave out the same alerts:
// those from members the viewer ignores, and those whose post is gone (deleted, or in a deleted
// thread), so the bell's count always matches what the list shows.
import "server-only";
import { and, count, desc, eq, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { alerts, posts, reactions, threads, users } from "@/db/schema";
import { reactionOf } from "../forum/reaction-kinds";
import { notIgnoredBy } from "../members/ignore-filter";
import { ALERT_COUNT_CAP } from "../personal/types";
import { memberUrl, postUrl } from "../urls";
import { inReadableForum } from "../forum/forum-access";
import type { ForumViewRule } from "../permissions";

export const ALERTS_PER_PAGE = 20;

export type AlertKind = (typeof alerts.$inferSelect)["kind"];

export interface AlertView {
  id: number;
  kind: AlertKind;
  /** "Razor quoted your post in Why is Japan…": the whole alert in words, also its link's name. */
  text: string;
  /** The post's permalink (/posts/123), which lands on the right page at #post-123. */
  url: string;
  actor: { name: string; url: string };
  threadTitle: string;
  reaction: { label: string; emoji: string } | null;
  createdAt: Date;
  isUnread: boolean;
}

export interface AlertsPage {
  alerts: AlertView[];
  total: number;
  unread: number;
  page: number;
  pageCount: number;
}

/** The alerts of this member that are still worth showing; the query joins posts, threads and the
 * actor (users). A reaction alert also needs the reaction still there (withdrawing it withdraws the
 * alert, but a post's reactions also go when a moderator clears them). */
function shownTo(viewerId: string, rules: readonly ForumViewRule[]): SQL {
  return and(
    eq(alerts.userId, viewerId),
    // Nothing from a forum the member may not read (issue 15): quoted in a staff-only forum, say.
    inReadableForum(rules),
    isNotNull(alerts.actorId),
    isNull(posts.deletedAt),
    eq(posts.approvalState, "approved"),
    isNull(threads.deletedAt),
    notIgnoredBy(viewerId, alerts.actorId),
    or(sql`${alerts.kind} <> 'reaction'`, sql`${reactions.kind} is not null`),
  )!;
}

const reactionOfActor = and(
  eq(reactions.postId, alerts.postId),
  eq(reactions.userId, alerts.actorId),
);

/** The member's unread alerts that are shown, at most ALERT_COUNT_CAP of them: the bell counts its
 * rows (and shows "99+" past 99). It walks the partial index of unread alerts (alerts_unread_idx)
 * and stops at the cap instead of counting a member's 1,900 unread alerts on every page view. */
export function unreadAlertsQuery(viewerId: string, rules: readonly ForumViewRule[]) {
  return db
    .select({ id: alerts.id })
    .from(alerts)
    .innerJoin(posts, eq(posts.id, alerts.postId))
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .leftJoin(reactions, reactionOfActor)
    .where(and(isNull(alerts.readAt), shownTo(viewerId, rules)))
    .limit(ALERT_COUNT_CAP);
}

export async function unreadAlertCount(
  viewerId: string | null,
  rules: readonly ForumViewRule[],
): Promise<number> {
  if (!viewerId) return 0;
  const [row] = await db
    .select({ n: count() })
    .from(unreadAlertsQuery(viewerId, rules).as("shown"));
  return row?.n ?? 0;
}

function describeAlert(
  kind: AlertKind,
  actorName: string,
  threadTitle: string,
  reaction: { emoji: string } | null,
): string {
  switch (kind) {
    case "quote":
      return `${actorName} quoted your post in ${threadTitle}`;
    case "mention":
      return `${actorName} mentioned you in ${threadTitle}`;
    case "reply":
      return `${actorName} replied to the thread ${threadTitle}`;
    case "reaction":
      return `${actorName} reacted to your post in ${threadTitle}${reaction ? ` with ${reaction.emoji}` : ""}`;
    case "warning":
      return `${actorName} warned you for your post in ${threadTitle}`;
  }
}

/** One page of the viewer's alerts, newest first; null past the last page. */
export async function listAlerts(
  viewerId: string,
  page: number,
  rules: readonly ForumViewRule[],
): Promise<AlertsPage | null> {
  const [totals] = await db
    .select({
      total: count(),
      unread: sql<number>`(count(*) filter (where ${alerts.readAt} is null))::int`,
    })
    .from(alerts)
    .innerJoin(posts, eq(posts.id, alerts.postId))
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .leftJoin(reactions, reactionOfActor)
    .where(shownTo(viewerId, rules));
  const total = totals?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / ALERTS_PER_PAGE));
  if (page > pageCount) return null;

  const rows = await db
    .select({
      id: alerts.id,
      kind: alerts.kind,
      createdAt: alerts.createdAt,
      readAt: alerts.readAt,
      postId: alerts.postId,
      actor: { number: users.number, name: users.name },
      threadTitle: threads.title,
      reaction: reactions.kind,
    })
    .from(alerts)
    .innerJoin(posts, eq(posts.id, alerts.postId))
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .innerJoin(users, eq(users.id, alerts.actorId))
    .leftJoin(reactions, reactionOfActor)
    .where(shownTo(viewerId, rules))
    .orderBy(desc(alerts.createdAt), desc(alerts.id))
    .limit(ALERTS_PER_PAGE)
    .offset((page - 1) * ALERTS_PER_PAGE);

  return {
    total,
    unread: totals?.unread ?? 0,
    page,
    pageCount,
    alerts: rows.map((row) => {
      const reaction = row.kind === "reaction" && row.reaction ? reactionOf(row.reaction) : null;
      return {
        id: row.id,
        kind: row.kind,
        text: describeAlert(row.kind, row.actor.name, row.threadTitle, reaction),
        url: postUrl(row.postId!),
        actor: { name: row.actor.name, url: memberUrl(row.actor) },
        threadTitle: row.threadTitle,
        reaction,
        createdAt: row.createdAt,
        isUnread: row.readAt === null,
      };
    }),
  };
}
