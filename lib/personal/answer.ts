// The personal answer: who is reading and what is theirs on the page they read. Two statements for a
// member (who they are, then everything of theirs on the page), a third for staff's queues, and a
// read-mark write only when the page shows posts past the mark; every rule comes from
// lib/permissions, as it does on a page rendered per request.
import { inArray, sql } from "drizzle-orm";
import { db } from "@/db/client";
import {
  forums,
  ignoredMembers,
  posts,
  reactions,
  threadReads,
  threads,
  threadWatches,
  users,
  warnings,
  type ReactionKind,
} from "@/db/schema";
import { can, isSignedIn, type ForumAccess, type ForumViewRule, type Viewer } from "../permissions";
import { inReadableForum, readableRules } from "../forum/forum-access";
import { loadViewer } from "../permissions/load-viewer";
import type { SessionClaims } from "../session/session-cookie";
import { unreadAlertsQuery } from "../alerts/list";
import { unreadConversationsSql } from "../conversations/read";
import { openConversationReportCount } from "../conversations/reports";
import { pendingPostCount } from "../moderation/approval";
import { openReportCount } from "../moderation/reports";
import { recordThreadRead } from "../reading/reads";
import { isUnread } from "../reading/unread";
import { threadUnreadUrl } from "../urls";
import { personalPoll, pollRowSql, type PollRow } from "../polls/personal";
import { countThreadView } from "../reading/view-counts";
import type { StoredColorScheme } from "../theme/color-scheme";
import { replyBox } from "./reply-box";
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
  // Every reader's page view of a thread counts, guests' too; a prefetch is not one.
  if (request.isPageView && request.scope.thread) countThreadView(request.scope.thread);
  if (!request.session) return GUEST_ANSWER;
  const { uid, sv, sid } = request.session;
  const viewer = await loadViewer(uid, sv, { sessionId: sid });
  if (!isSignedIn(viewer)) return GUEST_ANSWER;
  const { scope } = request;
  const [state, queues] = await Promise.all([
    // The best-effort parts fail soft: the bell without a number rather than no header at all.
    pageState(viewer.id, readableRules(viewer), scope).catch((error: unknown) => {
      console.error("personal answer: page state failed", error);
      return null;
    }),
    queueCounts(viewer),
  ]);
  const thread = state?.thread ? threadState(viewer, state.thread) : null;
  const poll =
    state?.thread && state.poll
      ? await personalPoll(viewer, state.poll, {
          isLocked: state.thread.isLocked,
          deletedAt: dateOf(state.thread.deletedAt),
          forum: accessOf(state.thread),
        }).catch((error: unknown) => {
          console.error("personal answer: poll failed", error);
          return null;
        })
      : null;
  if (thread && state?.needsReadMark && request.isPageView && can(viewer, "keepReadingState")) {
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
      timeZone: state?.timeZone ?? null,
    },
    alerts: state?.alerts ?? 0,
    inbox: state?.inbox ?? 0,
    queues,
    links: {
      memberAdmin: can(viewer, "viewMemberAdmin"),
      modLog: can(viewer, "viewModLog"),
      forumAdmin: can(viewer, "manageForums"),
    },
    thread,
    posts: state ? postStates(viewer, state.posts) : {},
    ignored: state?.ignored ?? [],
    unread: Object.fromEntries((state?.unread ?? []).map((t) => [t.id, threadUnreadUrl(t)])),
    poll,
    colorScheme: state?.colorScheme ?? null,
  };
}

async function queueCounts(viewer: Viewer): Promise<PersonalAnswer["queues"]> {
  const seesReports = can(viewer, "handleReports");
  const seesQueue = can(viewer, "approvePosts");
  if (!seesReports && !seesQueue) return null;
  const [reports, approvals] = await Promise.all([
    // Reports of conversation messages wait in the same queue.
    seesReports
      ? Promise.all([openReportCount(), openConversationReportCount()]).then(([a, b]) => a + b)
      : null,
    seesQueue ? pendingPostCount() : null,
  ]);
  return { reports, approvals };
}

interface ThreadRow extends ForumAccess {
  id: number;
  isLocked: boolean;
  deletedAt: string | null;
  watching: boolean;
}
interface PostRow extends ForumAccess {
  id: number;
  authorId: string | null;
  deletedAt: string | null;
  approvalState: "approved" | "pending" | "rejected";
  isLocked: boolean;
  threadDeletedAt: string | null;
  reaction: ReactionKind | null;
  warning: { reason: string; points: number } | null;
}
interface PageState {
  alerts: number;
  timeZone: string | null;
  inbox: number;
  thread: ThreadRow | null;
  posts: PostRow[];
  ignored: string[];
  unread: { id: number; slug: string }[];
  /** Whether the shown posts go past the member's read mark in the thread (else nothing to write). */
  needsReadMark: boolean;
  poll: PollRow | null;
  colorScheme: StoredColorScheme;
}

/**
 * Everything of the page that is the member's, in one statement (one round trip, prepared by
 * postgres.js): the capped unread-alert count, the unread-conversation count, the thread's state,
 * their reaction on each shown post, their ignore list, which listed threads are unread, whether the
 * read mark must move, and the thread's poll with their votes. Each part
 * is a primary-key or partial-index lookup; the rules stay in lib/permissions (JS, below).
 */
async function pageState(
  viewerId: string,
  rules: readonly ForumViewRule[],
  scope: PersonalScope,
): Promise<PageState> {
  // Threads and posts of forums the member may not read get no answer at all (issue 15).
  const readable = sql`f.view_rule in (${sql.join(
    rules.map((rule) => sql`${rule}`),
    sql`, `,
  )})`;
  const threadId = scope.thread;
  const postIds = threadId ? scope.posts : [];
  const none = sql`null`;
  const [row] = await db.execute<{
    alerts: number;
    time_zone: string | null;
    inbox: number;
    thread: ThreadRow | null;
    posts: PostRow[] | null;
    ignored: string[] | null;
    unread: { id: number; slug: string }[] | null;
    needs_read_mark: boolean | null;
    poll: PollRow | null;
    color_scheme: StoredColorScheme;
  }>(sql`select
    (select count(*)::int from (${unreadAlertsQuery(viewerId, rules)}) shown) as alerts,
    (select u.time_zone from ${users} u where u.id = ${viewerId}) as time_zone,
    (${unreadConversationsSql(viewerId)}) as inbox,
    ${
      threadId
        ? sql`(select json_build_object('id', t.id, 'isLocked', t.is_locked, 'deletedAt', t.deleted_at,
            'viewRule', f.view_rule, 'startThreadRule', f.start_thread_rule, 'replyRule', f.reply_rule,
            'watching', exists (select 1 from ${threadWatches} w where w.user_id = ${viewerId} and w.thread_id = t.id))
          from ${threads} t join ${forums} f on f.id = t.forum_id where t.id = ${threadId} and ${readable})`
        : none
    } as thread,
    ${
      postIds.length > 0
        ? sql`(select json_agg(json_build_object('id', p.id, 'authorId', p.author_id, 'deletedAt', p.deleted_at,
            'approvalState', p.approval_state, 'isLocked', t.is_locked, 'threadDeletedAt', t.deleted_at, 'reaction', r.kind,
            'viewRule', f.view_rule, 'startThreadRule', f.start_thread_rule, 'replyRule', f.reply_rule,
            'warning', (select json_build_object('reason', w.reason, 'points', w.points) from ${warnings} w
              where w.post_id = p.id order by w.id desc limit 1)))
          from ${posts} p join ${threads} t on t.id = p.thread_id join ${forums} f on f.id = t.forum_id
          left join ${reactions} r on r.post_id = p.id and r.user_id = ${viewerId}
          where p.thread_id = ${threadId} and ${readable} and p.id in (${sql.join(
            postIds.map((id) => sql`${id}`),
            sql`, `,
          )}))`
        : none
    } as posts,
    (select array_agg(im.ignored_id) from ${ignoredMembers} im join ${users} u on u.id = im.ignored_id
      where im.user_id = ${viewerId} and u.role = 'member') as ignored,
    ${
      scope.threads.length > 0
        ? sql`(select json_agg(json_build_object('id', ${threads.id}, 'slug', ${threads.slug})) from ${threads}
          where ${inArray(threads.id, scope.threads)} and ${inReadableForum(rules) ?? sql`true`} and ${isUnread(viewerId)})`
        : none
    } as unread,
    ${
      postIds.length > 0
        ? sql`(select max(p.position) > coalesce((select r.last_read_position from ${threadReads} r
            where r.user_id = ${viewerId} and r.thread_id = ${threadId}), 0)
          from ${posts} p where p.thread_id = ${threadId} and p.id in (${sql.join(
            postIds.map((id) => sql`${id}`),
            sql`, `,
          )}))`
        : none
    } as needs_read_mark,
    ${threadId ? pollRowSql(viewerId, threadId) : none} as poll,
    (select u.color_scheme from ${users} u where u.id = ${viewerId}) as color_scheme`);
  return {
    alerts: row?.alerts ?? 0,
    timeZone: row?.time_zone ?? null,
    inbox: row?.inbox ?? 0,
    thread: row?.thread ?? null,
    posts: row?.posts ?? [],
    ignored: row?.ignored ?? [],
    unread: row?.unread ?? [],
    needsReadMark: row?.needs_read_mark === true,
    poll: row?.poll ?? null,
    colorScheme: row?.color_scheme ?? null,
  };
}

const accessOf = ({ viewRule, startThreadRule, replyRule }: ForumAccess): ForumAccess => ({
  viewRule,
  startThreadRule,
  replyRule,
});

/** json_build_object gives timestamps as text. */
const dateOf = (text: string | null) => (text === null ? null : new Date(text));

function threadState(viewer: Viewer, row: ThreadRow): PersonalThread {
  return {
    id: row.id,
    watching: row.watching,
    canWatch: can(viewer, "keepReadingState") && row.deletedAt === null,
    ...replyBox(viewer, {
      isLocked: row.isLocked,
      deletedAt: dateOf(row.deletedAt),
      forum: accessOf(row),
    }),
  };
}

/** The viewer's tools and own reaction for each shown post of the thread (others are left out). */
function postStates(viewer: Viewer, rows: PostRow[]): Record<number, PersonalPost> {
  const states: Record<number, PersonalPost> = {};
  for (const row of rows) {
    const target = {
      authorId: row.authorId,
      deletedAt: dateOf(row.deletedAt),
      approvalState: row.approvalState,
      thread: {
        isLocked: row.isLocked,
        deletedAt: dateOf(row.threadDeletedAt),
        forum: accessOf(row),
      },
    };
    states[row.id] = {
      reaction: row.reaction,
      canEdit: can(viewer, "editPost", target),
      canReact: can(viewer, "react", target),
      canQuote: can(viewer, "quotePost", target),
      canReport: can(viewer, "report", target),
    };
    const warning = row.warning;
    if (warning && can(viewer, "viewWarning", { memberId: row.authorId }))
      states[row.id]!.warning = warning;
  }
  return states;
}
