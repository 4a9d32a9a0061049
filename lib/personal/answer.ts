// The personal answer: who is reading and what is theirs on the page they read. A handful of
// statements, most of them primary-key or partial-index lookups; every rule comes from
// lib/permissions, as it does on a page rendered per request.
import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { ignoredMembers, posts, reactions, threads, threadWatches, users } from "@/db/schema";
import { can, isSignedIn, type Viewer } from "../permissions";
import { loadViewer } from "../permissions/load-viewer";
import type { SessionClaims } from "../session/session-cookie";
import { postingRefusal } from "../permissions/posting";
import { unreadAlertCount } from "../alerts/list";
import { pendingPostCount } from "../moderation/approval";
import { openReportCount } from "../moderation/reports";
import { recordThreadRead, unreadAmong } from "../reading/reads";
import {
  GUEST_ANSWER,
  type PersonalAnswer,
  type PersonalPost,
  type PersonalScope,
  type PersonalThread,
} from "./types";

export interface PersonalRequest {
  /** The session's member and version, from the cookie; null for none or an invalid one. */
  session: SessionClaims | null;
  scope: PersonalScope;
  /** A prefetch is not a page view: it records no read mark. */
  isPageView: boolean;
}

export async function personalAnswer(request: PersonalRequest): Promise<PersonalAnswer> {
  if (!request.session) return GUEST_ANSWER;
  const { uid, sv, sid } = request.session;
  const viewer = await loadViewer(uid, sv, { sessionId: sid });
  if (!isSignedIn(viewer)) return GUEST_ANSWER;
  const { scope } = request;
  const [alerts, queues, thread, shownPosts, ignored, unread] = await Promise.all([
    // The bell without a number rather than no header at all, when alerts cannot be counted.
    unreadAlertCount(viewer.id).catch(() => 0),
    queueCounts(viewer),
    scope.thread ? threadState(viewer, scope.thread) : null,
    scope.thread && scope.posts.length > 0 ? postStates(viewer, scope.thread, scope.posts) : {},
    ignoredIds(viewer.id),
    unreadAmong(viewer.id, scope.threads),
  ]);
  if (thread && request.isPageView && can(viewer, "keepReadingState")) {
    // Best effort: a database that cannot write (a read-only replica, a full disk) still answers.
    await recordThreadRead(viewer, thread.id, scope.posts).catch(() => {});
  }
  return {
    viewer: {
      id: viewer.id,
      number: viewer.number,
      name: viewer.name,
      role: viewer.role,
      isBanned: viewer.isBanned,
      banReason: viewer.banReason ?? null,
      banEndsAt: viewer.banEndsAt?.toISOString() ?? null,
    },
    alerts,
    queues,
    links: { memberAdmin: can(viewer, "viewMemberAdmin"), modLog: can(viewer, "viewModLog") },
    thread,
    posts: shownPosts,
    ignored,
    unread: Object.fromEntries(unread),
  };
}

async function queueCounts(viewer: Viewer): Promise<PersonalAnswer["queues"]> {
  const seesReports = can(viewer, "handleReports");
  const seesQueue = can(viewer, "approvePosts");
  if (!seesReports && !seesQueue) return null;
  const [reports, approvals] = await Promise.all([
    seesReports ? openReportCount() : null,
    seesQueue ? pendingPostCount() : null,
  ]);
  return { reports, approvals };
}

async function threadState(viewer: Viewer, threadId: number): Promise<PersonalThread | null> {
  const [row] = await db
    .select({
      id: threads.id,
      isLocked: threads.isLocked,
      deletedAt: threads.deletedAt,
      watching: sql<boolean>`exists (select 1 from ${threadWatches} where ${threadWatches.userId} = ${viewer.id} and ${threadWatches.threadId} = ${threads.id})`,
    })
    .from(threads)
    .where(eq(threads.id, threadId))
    .limit(1);
  if (!row) return null;
  const canReply = can(viewer, "reply", row);
  return {
    id: row.id,
    watching: row.watching,
    canWatch: can(viewer, "keepReadingState") && row.deletedAt === null,
    canReply,
    replyRefusal: canReply
      ? null
      : row.isLocked && !viewer.isBanned
        ? "This thread is locked: it takes no new replies."
        : postingRefusal(viewer, "post"),
    replyKey: randomUUID(),
  };
}

/** The viewer's tools and own reaction for each shown post of the thread (others are left out). */
async function postStates(
  viewer: Viewer,
  threadId: number,
  postIds: number[],
): Promise<Record<number, PersonalPost>> {
  const rows = await db
    .select({
      id: posts.id,
      authorId: posts.authorId,
      deletedAt: posts.deletedAt,
      approvalState: posts.approvalState,
      isLocked: threads.isLocked,
      threadDeletedAt: threads.deletedAt,
      reaction: reactions.kind,
    })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .leftJoin(reactions, and(eq(reactions.postId, posts.id), eq(reactions.userId, viewer.id!)))
    .where(and(eq(posts.threadId, threadId), inArray(posts.id, postIds)));
  const states: Record<number, PersonalPost> = {};
  for (const row of rows) {
    const thread = { isLocked: row.isLocked, deletedAt: row.threadDeletedAt };
    const target = {
      authorId: row.authorId,
      deletedAt: row.deletedAt,
      approvalState: row.approvalState,
      thread,
    };
    states[row.id] = {
      reaction: row.reaction,
      canEdit: can(viewer, "editPost", target),
      canReact: can(viewer, "react", target),
      canQuote: can(viewer, "quotePost", target),
      canReport: can(viewer, "report", target),
    };
  }
  return states;
}

/** The members this viewer ignores who are still plain members (staff cannot be ignored: one who
 * became staff since shows again, as lib/members/ignore-filter.ts has it). */
async function ignoredIds(viewerId: string): Promise<string[]> {
  const rows = await db
    .select({ id: ignoredMembers.ignoredId })
    .from(ignoredMembers)
    .innerJoin(users, eq(users.id, ignoredMembers.ignoredId))
    .where(and(eq(ignoredMembers.userId, viewerId), eq(users.role, "member")));
  return rows.map((r) => r.id);
}
