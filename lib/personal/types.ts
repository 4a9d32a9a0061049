// What GET /api/personal answers: the parts of a reading page that depend on who reads it. The page
// itself is one rendering for everyone (server/guest-page-cache.ts); the browser fills these in.
// Pure types and limits, shared by the server and the browser.
import type { ReactionKind } from "@/db/schema";
import type { PersonalPoll } from "../polls/types";
import type { Role, Viewer } from "../permissions/viewer";
import type { StoredColorScheme } from "../theme/color-scheme";

/** At most this many ids of each kind in one request: a page shows 20 posts or threads. */
export const PERSONAL_SCOPE_MAX = 50;
/** The bell counts unread alerts up to here and shows "99+" past it: counting 1,900 unread alerts
 * took 17.8 ms of Postgres on every page view. */
export const ALERT_COUNT_CAP = 100;

/** What the page shows, as the browser tells it: the thread and its posts, or a list's threads. */
export interface PersonalScope {
  thread: number | null;
  posts: number[];
  threads: number[];
}

export interface PersonalViewer {
  id: string;
  number: number | null;
  name: string;
  role: Role;
  isBanned: boolean;
  banReason: string | null;
  /** ISO time; null: permanent (only while banned). */
  banEndsAt: string | null;
  /** The member's IANA time zone for the page's dates; null until their browser first reports one. */
  timeZone: string | null;
}

/** The answer's viewer as lib/permissions takes it, for the few choices the browser draws itself
 * (whether to offer Ignore): the server asks lib/permissions again when the button is used. */
export function asViewer(viewer: PersonalViewer): Viewer {
  return {
    id: viewer.id,
    number: viewer.number,
    name: viewer.name,
    role: viewer.role,
    isBanned: viewer.isBanned,
  };
}

export interface PersonalPost {
  reaction: ReactionKind | null;
  canEdit: boolean;
  canReact: boolean;
  canQuote: boolean;
  canReport: boolean;
  /** The warning for this post, to its author and staff (others see only that there is one). */
  warning?: { reason: string; points: number };
}

export interface ReplyBox {
  canReply: boolean;
  /** Why not, in words, when they may not reply. */
  replyRefusal: string | null;
  /** A fresh idempotency key for the reply form, made on the server as the form's always was. */
  replyKey: string;
}

export interface PersonalThread extends ReplyBox {
  id: number;
  watching: boolean;
  /** May they watch it (members, on a thread that is not deleted). */
  canWatch: boolean;
}

export interface PersonalAnswer {
  viewer: PersonalViewer | null;
  /** Unread alerts, counted up to ALERT_COUNT_CAP. */
  alerts: number;
  /** Conversations with a message the member has not read (the header's Inbox), counted exactly. */
  inbox: number;
  /** Staff only: open reports and posts awaiting approval. */
  queues: { reports: number | null; approvals: number | null } | null;
  /** Header links the viewer's role opens. */
  links: { memberAdmin: boolean; modLog: boolean; forumAdmin: boolean };
  thread: PersonalThread | null;
  posts: Record<number, PersonalPost>;
  /** Members whose posts and threads this viewer has hidden (never staff). */
  ignored: string[];
  /** Which of the scope's threads are unread, each with its "jump to first unread" address. */
  unread: Record<number, string>;
  /** The thread's poll, as far as it is this reader's (null: no poll, or a guest). */
  poll: PersonalPoll | null;
  /** The member's saved colour scheme (null: follow the device); guests keep theirs in the browser. */
  colorScheme: StoredColorScheme;
}

export const GUEST_ANSWER: PersonalAnswer = Object.freeze({
  viewer: null,
  alerts: 0,
  inbox: 0,
  queues: null,
  links: { memberAdmin: false, modLog: false, forumAdmin: false },
  thread: null,
  posts: {},
  ignored: [],
  unread: {},
  poll: null,
  colorScheme: null,
}) as PersonalAnswer;

/** Hint cookies the personal answer keeps in step with the session (readable by scripts, holding
 * nothing but "1"): the member one lets the page draw the signed-in header before the answer
 * arrives; the staff one sends a moderator's reading pages to a per-request render, where their tools
 * are drawn. Neither grants anything: a forged one only changes which page layout is asked for. */
export const MEMBER_HINT_COOKIE = "parley-member";
export const STAFF_HINT_COOKIE = "parley-staff";

/** The query string that names a scope: `thread=1&posts=4,5,6&threads=7,8`. */
export function scopeQuery(scope: Partial<PersonalScope>): string {
  const query = new URLSearchParams();
  if (scope.thread) query.set("thread", String(scope.thread));
  if (scope.posts?.length) query.set("posts", scope.posts.join(","));
  if (scope.threads?.length) query.set("threads", scope.threads.join(","));
  return query.toString();
}
