// The personal answer: who is reading and what is theirs on the page they read. One statement for a
// member or a staff member whose hint cookie is right (who they are, and everything of theirs on the
// page), the queues for staff (shared by the process's staff page views for up to a second), and a
// read-mark write only when the page shows posts past the mark; every rule comes from
// lib/permissions, as it does on a page rendered per request.
import { sql, type SQL } from "drizzle-orm";
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
import { loadViewer, loadViewerWith, MEMBER_ID, type Alongside } from "../permissions/load-viewer";
import type { SessionClaims } from "../session/session-cookie";
import { unreadAlertsQuery } from "../alerts/list";
import {
  rememberAlertCount,
  rememberedAlertCount,
  unreadAlertsKeySql,
} from "../alerts/unread-count-memo";
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
  /** The browser holds the staff hint cookie: the page state is read with staff rules first. */
  staffHint?: boolean;
  /** How old the staff queue counts may be, shared by this process's staff page views (as the
   * pages themselves are up to a second old); 0, the default: counted for this answer. */
  queuesMaxAgeMs?: number;
}

export async function personalAnswer(request: PersonalRequest): Promise<PersonalAnswer> {
  // Every reader's page view of a thread counts, guests' too; a prefetch is not one.
  if (request.isPageView && request.scope.thread) countThreadView(request.scope.thread);
  if (!request.session) return GUEST_ANSWER;
  const { uid, sv, sid } = request.session;
  const { scope } = request;
  // The page state is read in the statement that loads the member, with the rules the hint cookie
  // suggests (a member's without it). Whoever turns out to read otherwise gets it again with theirs.
  const guessedRules = request.staffHint ? STAFF_RULES : MEMBER_RULES;
  let viewer: Viewer;
  let guessed: PageState | null = null;
  try {
    const known = rememberedAlertCount(uid, guessedRules);
    const loaded = await loadViewerWith<PageStateJson>(
      uid,
      sv,
      pageStateAlongside(guessedRules, scope, known?.key ?? null),
      { sessionId: sid },
    );
    viewer = loaded.viewer;
    if (loaded.alongside)
      guessed = pageStateOf(
        loaded.alongside,
        alertCountOf(loaded.alongside, uid, guessedRules, known),
      );
  } catch (error) {
    // The page state's part is best effort, the member's is not: tell them apart by asking for
    // the member alone (which throws when the database is down).
    console.error("personal answer: member and page state failed", error);
    viewer = await loadViewer(uid, sv, { sessionId: sid });
  }
  if (!isSignedIn(viewer)) return GUEST_ANSWER;
  const rules = readableRules(viewer);
  const [state, queues] = await Promise.all([
    guessed && sameRules(rules, guessedRules)
      ? guessed
      : // The best-effort parts fail soft: the bell without a number rather than no header at all.
        pageState(viewer.id, rules, scope).catch((error: unknown) => {
          console.error("personal answer: page state failed", error);
          return null;
        }),
    queueCounts(viewer, request.queuesMaxAgeMs ?? 0),
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
    posts: state?.thread ? postStates(viewer, state.thread, state.posts, state.warnings) : {},
    ignored: state?.ignored ?? [],
    unread: Object.fromEntries((state?.unread ?? []).map((t) => [t.id, threadUnreadUrl(t)])),
    poll,
    colorScheme: state?.colorScheme ?? null,
  };
}

/** The forums a signed-in member of a role may read: the first guess at a reader's rules. */
const rulesOfRole = (role: "member" | "moderator") =>
  readableRules({ id: "", number: 0, name: "", role, isBanned: false });
const MEMBER_RULES = rulesOfRole("member");
const STAFF_RULES = rulesOfRole("moderator");

const sameRules = (a: readonly ForumViewRule[], b: readonly ForumViewRule[]) =>
  a.length === b.length && a.every((rule) => b.includes(rule));

async function queueCounts(viewer: Viewer, maxAgeMs: number): Promise<PersonalAnswer["queues"]> {
  const seesReports = can(viewer, "handleReports");
  const seesQueue = can(viewer, "approvePosts");
  if (!seesReports && !seesQueue) return null;
  const counts = await sharedQueueCounts(maxAgeMs);
  return {
    reports: seesReports ? counts.reports : null,
    approvals: seesQueue ? counts.approvals : null,
  };
}

let lastCounts: { at: number; counts: Promise<{ reports: number; approvals: number }> } | null =
  null;

/** The queues as every staff member sees them, counted at most once per `maxAgeMs` in this process:
 * three statements on every staff page view otherwise. */
function sharedQueueCounts(maxAgeMs: number) {
  const now = performance.now();
  if (lastCounts && now - lastCounts.at < maxAgeMs) return lastCounts.counts;
  const counts = Promise.all([openReportCount(), openConversationReportCount(), pendingPostCount()])
    // Reports of conversation messages wait in the same queue.
    .then(([posts, messages, approvals]) => ({ reports: posts + messages, approvals }));
  lastCounts = { at: now, counts };
  // A failed count is not kept for the others.
  counts.catch(() => {
    if (lastCounts?.counts === counts) lastCounts = null;
  });
  return counts;
}

interface ThreadRow extends ForumAccess {
  id: number;
  isLocked: boolean;
  deletedAt: string | null;
  watching: boolean;
}
/** A shown post of the page's thread: the thread's own state and rules are the thread row's. */
interface PostRow {
  id: number;
  authorId: string | null;
  deletedAt: string | null;
  approvalState: "approved" | "pending" | "rejected";
  position: number;
  reaction: ReactionKind | null;
}
/** A post's warning, as the answer gives it to those who may see it. */
type Warning = NonNullable<PersonalPost["warning"]>;
interface PageState {
  alerts: number;
  timeZone: string | null;
  inbox: number;
  thread: ThreadRow | null;
  posts: PostRow[];
  /** The newest warning given for each shown post that has one, by post id. */
  warnings: Record<number, Warning>;
  ignored: string[];
  unread: { id: number; slug: string }[];
  /** Whether the shown posts go past the member's read mark in the thread (else nothing to write). */
  needsReadMark: boolean;
  poll: PollRow | null;
  colorScheme: StoredColorScheme;
}

/** The page state as the statement gives it: one JSON object (json_build_object gives timestamps as
 * text, read with dateOf). */
interface PageStateJson {
  /** The unread alerts' key, and their count (null: as many as the remembered count). */
  alertBell: { key: string | null; count: number | null };
  timeZone: string | null;
  inbox: number;
  thread: ThreadRow | null;
  posts: PostRow[] | null;
  warnings: Record<number, Warning> | null;
  ignored: string[] | null;
  unread: { id: number; slug: string }[] | null;
  /** The member's read mark in the thread (null: none yet). */
  readPosition: number | null;
  poll: PollRow | null;
  colorScheme: StoredColorScheme;
}

/**
 * Everything of the page that is the member's, as one JSON value of one statement: the capped
 * unread-alert count, the unread-conversation count, the thread's state, their reaction on each
 * shown post, their ignore list, which listed threads are unread, their read mark in the thread,
 * and the thread's poll with their votes. Each part is a primary-key or partial-index lookup; the
 * rules stay in lib/permissions (JS, below). The personal answer reads it in the statement that
 * loads the member (loadViewerWith), so a page view costs Postgres one round trip.
 *
 * The shown posts and listed threads come as one `int[]` each (IdArray): a handful of parameters
 * whatever the page's size, and one statement shape for every page of a kind. The posts are read
 * by id within the thread alone: the thread's row gives their forum's rules, and a thread the member
 * may not read gets no answer at all (issue 15), its posts included (pageStateOf).
 */
function pageStateSql(
  viewerId: string,
  rules: readonly ForumViewRule[],
  scope: { thread: number | null; posts: IdArray | null; threads: IdArray | null },
  /** The unread alerts' key the remembered count was made at (lib/alerts/unread-count-memo.ts). */
  knownAlertsKey: string | null,
): SQL {
  const readable = sql`f.view_rule in (${sql.join(
    rules.map((rule) => sql`${rule}`),
    sql`, `,
  )})`;
  const { thread: threadId, posts: postIds, threads: threadIds } = scope;
  const none = sql`null`;
  // The key is read once (OFFSET 0 keeps Postgres from pulling the subquery up and reading the
  // member's unread alerts again for each use of k.key); the count is null when the unread alerts are
  // as they were at the remembered count (which then stands).
  return sql`json_build_object(
    'alertBell', (select json_build_object('key', k.key, 'count',
        case when k.key is null then 0 when k.key = ${knownAlertsKey}::text then null
        else (select count(*)::int from (${unreadAlertsQuery(viewerId, rules)}) shown) end)
      from (select ${unreadAlertsKeySql(viewerId)} as key offset 0) k),
    'timeZone', (select u.time_zone from ${users} u where u.id = ${viewerId}),
    'inbox', (${unreadConversationsSql(viewerId)}),
    'thread', ${
      threadId
        ? sql`(select json_build_object('id', t.id, 'isLocked', t.is_locked, 'deletedAt', t.deleted_at,
            'viewRule', f.view_rule, 'startThreadRule', f.start_thread_rule, 'replyRule', f.reply_rule,
            'watching', exists (select 1 from ${threadWatches} w where w.user_id = ${viewerId} and w.thread_id = t.id))
          from ${threads} t join ${forums} f on f.id = t.forum_id where t.id = ${threadId} and ${readable})`
        : none
    },
    'posts', ${
      threadId && postIds
        ? sql`(select json_agg(json_build_object('id', p.id, 'authorId', p.author_id, 'deletedAt', p.deleted_at,
            'approvalState', p.approval_state, 'position', p.position, 'reaction', r.kind))
          from ${posts} p left join ${reactions} r on r.post_id = p.id and r.user_id = ${viewerId}
          where p.thread_id = ${threadId} and p.id = any(${postIds}::int[]))`
        : none
    },
    'warnings', ${
      // The newest warning of each shown post, in one index scan for them all: a lookup per post
      // was a quarter of a thread page view's Postgres time, almost always finding nothing.
      threadId && postIds
        ? sql`(select json_object_agg(w.post_id, json_build_object('reason', w.reason, 'points', w.points))
          from (select distinct on (w.post_id) w.post_id, w.reason, w.points from ${warnings} w
            where w.post_id = any(${postIds}::int[]) order by w.post_id, w.id desc) w)`
        : none
    },
    'readPosition', ${
      threadId && postIds
        ? sql`(select r.last_read_position from ${threadReads} r
            where r.user_id = ${viewerId} and r.thread_id = ${threadId})`
        : none
    },
    'ignored', (select array_agg(im.ignored_id) from ${ignoredMembers} im join ${users} u on u.id = im.ignored_id
      where im.user_id = ${viewerId} and u.role = 'member'),
    'unread', ${
      threadIds
        ? sql`(select json_agg(json_build_object('id', ${threads.id}, 'slug', ${threads.slug})) from ${threads}
          where ${threads.id} = any(${threadIds}::int[]) and ${inReadableForum(rules) ?? sql`true`}
            and ${isUnread(viewerId)})`
        : none
    },
    'poll', ${threadId ? pollRowSql(viewerId, threadId) : none},
    'colorScheme', (select u.color_scheme from ${users} u where u.id = ${viewerId}))`;
}

/** A list of row ids as one Postgres array literal ("{1,2,3}"), cast to int[] where it is used:
 * Drizzle would spread a JS array into one parameter per id. */
type IdArray = string;
const idArray = (ids: readonly number[]): IdArray | null =>
  ids.length > 0 ? `{${ids.join(",")}}` : null;

/**
 * The page state as loadViewerWith reads it beside the member: the statement is written once per
 * shape (the rules, and which of thread, posts and threads the page has) with placeholders, and
 * reused with this scope's ids. The placeholders go where the lib/ helpers take ids; they only ever
 * put them in SQL, which is what lets them stand in for the values.
 */
function pageStateAlongside(
  rules: readonly ForumViewRule[],
  scope: PersonalScope,
  knownAlertsKey: string | null,
): Alongside {
  const thread = scope.thread;
  const values = {
    thread,
    posts: thread === null ? null : idArray(scope.posts),
    threads: idArray(scope.threads),
  };
  const slot = (name: string) => sql.placeholder(name) as unknown as never;
  const has = (value: unknown) => (value === null ? "-" : "+");
  return {
    shape: `page:${rules.join(",")}:${has(values.thread)}${has(values.posts)}${has(values.threads)}`,
    sql: () =>
      pageStateSql(
        MEMBER_ID as unknown as string,
        rules,
        {
          thread: values.thread === null ? null : slot("thread"),
          posts: values.posts === null ? null : slot("posts"),
          threads: values.threads === null ? null : slot("threads"),
        },
        slot("alertsKey"),
      ),
    values: { ...values, alertsKey: knownAlertsKey },
  };
}

/** The bell's count: the statement's, remembered for the next page view, or the remembered one
 * when the statement found the unread alerts as they were (its age then stays what it was). */
function alertCountOf(
  json: PageStateJson,
  memberId: string,
  rules: readonly ForumViewRule[],
  known: { key: string; count: number } | null,
): number {
  const { key, count } = json.alertBell;
  if (count === null) return known?.count ?? 0;
  rememberAlertCount(memberId, rules, key, count);
  return count;
}

function pageStateOf(json: PageStateJson, alerts: number): PageState {
  const thread = json.thread ?? null;
  // A thread the member may not read has no row: nothing of its posts is answered either.
  const posts = thread ? (json.posts ?? []) : [];
  const shownUpTo = Math.max(0, ...posts.map((post) => post.position));
  return {
    alerts,
    timeZone: json.timeZone ?? null,
    inbox: json.inbox ?? 0,
    thread,
    posts,
    warnings: json.warnings ?? {},
    ignored: json.ignored ?? [],
    unread: json.unread ?? [],
    needsReadMark: shownUpTo > (json.readPosition ?? 0),
    poll: json.poll ?? null,
    colorScheme: json.colorScheme ?? null,
  };
}

/** The page state in a statement of its own, for a viewer whose rules the first guess missed. */
async function pageState(
  viewerId: string,
  rules: readonly ForumViewRule[],
  scope: PersonalScope,
): Promise<PageState> {
  const known = rememberedAlertCount(viewerId, rules);
  const [row] = await db.execute<{ state: PageStateJson }>(
    sql`select ${pageStateSql(
      viewerId,
      rules,
      {
        thread: scope.thread,
        posts: scope.thread === null ? null : idArray(scope.posts),
        threads: idArray(scope.threads),
      },
      known?.key ?? null,
    )} as state`,
  );
  if (!row) throw new Error("the page state statement returned no row");
  return pageStateOf(row.state, alertCountOf(row.state, viewerId, rules, known));
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
function postStates(
  viewer: Viewer,
  thread: ThreadRow,
  rows: PostRow[],
  warnings: Record<number, Warning>,
): Record<number, PersonalPost> {
  const states: Record<number, PersonalPost> = {};
  const threadTarget = {
    isLocked: thread.isLocked,
    deletedAt: dateOf(thread.deletedAt),
    forum: accessOf(thread),
  };
  for (const row of rows) {
    const target = {
      authorId: row.authorId,
      deletedAt: dateOf(row.deletedAt),
      approvalState: row.approvalState,
      thread: threadTarget,
    };
    states[row.id] = {
      reaction: row.reaction,
      canEdit: can(viewer, "editPost", target),
      canReact: can(viewer, "react", target),
      canQuote: can(viewer, "quotePost", target),
      canReport: can(viewer, "report", target),
    };
    const warning = warnings[row.id];
    if (warning && can(viewer, "viewWarning", { memberId: row.authorId }))
      states[row.id]!.warning = warning;
  }
  return states;
}
