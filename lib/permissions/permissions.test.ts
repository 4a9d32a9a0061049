// The permission matrix: every viewer against every action (and the targets that change the
// answer). A new action without rows here fails the coverage test at the bottom.
import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  ANONYMOUS,
  can,
  ensure,
  ForbiddenError,
  OPEN_FORUM,
  type Action,
  type ForumAccess,
  type MemberTarget,
  type PollTarget,
  type ShownPostTarget,
  type ThreadTarget,
  type Viewer,
  isRoleRender,
  ownerOf,
} from ".";
import { roleRenderViewer, sharedRenderRole } from "./viewer";
import type { ConversationTarget, RecipientTarget } from "./conversations";
import { replyRefusal } from "./posting";

const viewer = (id: string, role: Viewer["role"], isBanned = false): Viewer => ({
  id,
  number: 1,
  name: id,
  role,
  isBanned,
});

const VIEWERS = {
  anonymous: ANONYMOUS,
  member: viewer("member-1", "member"),
  bannedMember: viewer("banned-1", "member", true),
  moderator: viewer("moderator-1", "moderator"),
  bannedModerator: viewer("banned-moderator-1", "moderator", true),
  admin: viewer("admin-1", "admin"),
  bannedAdmin: viewer("banned-admin-1", "admin", true),
} satisfies Record<string, Viewer>;
type Who = keyof typeof VIEWERS;
const EVERYONE = Object.keys(VIEWERS) as Who[];
const SIGNED_IN = EVERYONE.filter((w) => w !== "anonymous");
const ACTIVE: Who[] = ["member", "moderator", "admin"];
const STAFF: Who[] = ["moderator", "admin"];
const ADMIN: Who[] = ["admin"];
const NOBODY: Who[] = [];

/** A target built for each viewer, so "themself" can be expressed. */
type Case = { action: Action; target?: string; make?: (v: Viewer) => unknown; allowed: Who[] };

const member = (role: MemberTarget["role"]) => () => ({ id: `someone-${role}`, role });
const self = (v: Viewer): MemberTarget => ({ id: v.id ?? "nobody", role: v.role ?? "member" });
const forum = (f: Partial<ForumAccess> = {}): ForumAccess => ({ ...OPEN_FORUM, ...f });
const thread = (t: Partial<ThreadTarget> = {}): ThreadTarget => ({
  isLocked: false,
  deletedAt: null,
  forum: OPEN_FORUM,
  ...t,
});
const post =
  (p: Partial<Omit<ShownPostTarget, "authorId">> & { own?: boolean }) =>
  (v: Viewer): ShownPostTarget => ({
    authorId: p.own ? v.id : "someone-else",
    deletedAt: p.deletedAt ?? null,
    approvalState: p.approvalState ?? "approved",
    thread: p.thread ?? thread(),
  });
// Staff see posts waiting for approval; they are not there to be reacted to, quoted or reported.
const PENDING = { approvalState: "pending" } as const;
const DELETED = new Date("2024-01-01T00:00:00Z");

const poll =
  (p: Partial<PollTarget> = {}) =>
  (): PollTarget => ({
    isClosed: false,
    allowVoteChange: false,
    hasVoted: false,
    thread: thread(),
    ...p,
  });
const conversation =
  (c: Partial<ConversationTarget> & { own?: boolean } = {}) =>
  (v: Viewer): ConversationTarget => ({
    isParticipant: c.isParticipant ?? true,
    isLocked: c.isLocked ?? false,
    starterId: c.own ? v.id : "someone-else",
  });
const recipient =
  (r: Partial<RecipientTarget> = {}) =>
  (): RecipientTarget => ({
    id: "someone-else",
    role: "member",
    conversationsFrom: "everyone",
    ignoresViewer: false,
    ...r,
  });
const message =
  (m: { own?: boolean; conversation?: Partial<ConversationTarget> } = {}) =>
  (v: Viewer) => ({
    authorId: m.own ? v.id : "someone-else",
    conversation: conversation(m.conversation)(v),
  });
const OUTSIDE = { isParticipant: false } as const;

const CASES: Case[] = [
  { action: "read", allowed: EVERYONE },
  { action: "viewMemberList", allowed: EVERYONE },
  { action: "signUp", allowed: ["anonymous"] },
  { action: "editOwnAccount", allowed: SIGNED_IN },
  {
    action: "endSession",
    target: "their own",
    make: (v) => ({ userId: v.id }),
    allowed: SIGNED_IN,
  },
  { action: "endSession", target: "another's", make: () => ({ userId: "x" }), allowed: NOBODY },
  { action: "endSession", target: "nobody's", make: () => ({ userId: null }), allowed: NOBODY },
  { action: "viewMemberAdmin", allowed: STAFF },
  { action: "votePoll", target: "an open poll", make: poll(), allowed: ACTIVE },
  { action: "votePoll", target: "a closed poll", make: poll({ isClosed: true }), allowed: NOBODY },
  {
    action: "votePoll",
    target: "a poll voted in",
    make: poll({ hasVoted: true }),
    allowed: NOBODY,
  },
  {
    action: "votePoll",
    target: "a poll voted in that allows changes",
    make: poll({ hasVoted: true, allowVoteChange: true }),
    allowed: ACTIVE,
  },
  {
    action: "votePoll",
    target: "a poll in a locked thread",
    make: poll({ thread: thread({ isLocked: true }) }),
    allowed: NOBODY,
  },
  {
    action: "votePoll",
    target: "a poll in a deleted thread",
    make: poll({ thread: thread({ deletedAt: DELETED }) }),
    allowed: NOBODY,
  },
  { action: "closePoll", allowed: STAFF },
  {
    action: "receiveAlertMail",
    target: "about an open forum",
    make: () => forum(),
    allowed: ACTIVE,
  },
  {
    action: "receiveAlertMail",
    target: "about a members' forum",
    make: () => forum({ viewRule: "members" }),
    allowed: ACTIVE,
  },
  {
    action: "receiveAlertMail",
    target: "about a staff forum",
    make: () => forum({ viewRule: "staff" }),
    allowed: STAFF,
  },
  { action: "manageMemberEmail", allowed: ADMIN },
  { action: "keepReadingState", allowed: SIGNED_IN },
  { action: "ignoreMember", target: "a member", make: member("member"), allowed: SIGNED_IN },
  { action: "ignoreMember", target: "themself", make: self, allowed: NOBODY },
  { action: "ignoreMember", target: "a moderator", make: member("moderator"), allowed: NOBODY },
  { action: "ignoreMember", target: "an admin", make: member("admin"), allowed: NOBODY },

  { action: "changeRole", target: "themself", make: self, allowed: NOBODY },
  { action: "changeRole", target: "a member", make: member("member"), allowed: ADMIN },
  { action: "changeRole", target: "a moderator", make: member("moderator"), allowed: ADMIN },
  { action: "changeRole", target: "another admin", make: member("admin"), allowed: ADMIN },

  { action: "grantCustomTitle", target: "themself", make: self, allowed: STAFF },
  { action: "grantCustomTitle", target: "a member", make: member("member"), allowed: STAFF },
  { action: "grantCustomTitle", target: "a moderator", make: member("moderator"), allowed: STAFF },
  { action: "grantCustomTitle", target: "an admin", make: member("admin"), allowed: ADMIN },

  { action: "postThread", target: "an open forum", make: () => forum(), allowed: ACTIVE },
  {
    action: "postThread",
    target: "a members-only forum",
    make: () => forum({ viewRule: "members" }),
    allowed: ACTIVE,
  },
  {
    action: "postThread",
    target: "a forum where staff start threads",
    make: () => forum({ startThreadRule: "staff" }),
    allowed: STAFF,
  },
  {
    action: "postThread",
    target: "a staff-only forum",
    make: () => forum({ viewRule: "staff" }),
    allowed: STAFF,
  },
  { action: "previewPost", allowed: ACTIVE },
  { action: "uploadAttachment", allowed: ACTIVE },
  { action: "reply", target: "an open thread", make: () => thread(), allowed: ACTIVE },
  {
    action: "reply",
    target: "a locked thread",
    make: () => thread({ isLocked: true }),
    allowed: STAFF,
  },
  {
    action: "reply",
    target: "a thread where staff reply",
    make: () => thread({ forum: forum({ replyRule: "staff" }) }),
    allowed: STAFF,
  },
  {
    action: "reply",
    target: "a thread in a staff-only forum",
    make: () => thread({ forum: forum({ viewRule: "staff" }) }),
    allowed: STAFF,
  },
  {
    action: "reply",
    target: "a thread in a members-only forum",
    make: () => thread({ forum: forum({ viewRule: "members" }) }),
    allowed: ACTIVE,
  },
  {
    action: "react",
    target: "a post in a staff-only forum",
    make: post({ thread: thread({ forum: forum({ viewRule: "staff" }) }) }),
    allowed: STAFF,
  },
  {
    action: "editPost",
    target: "their own post in a staff-only forum",
    make: post({ own: true, thread: thread({ forum: forum({ viewRule: "staff" }) }) }),
    allowed: STAFF,
  },
  {
    action: "report",
    target: "a post in a members-only forum",
    make: post({ thread: thread({ forum: forum({ viewRule: "members" }) }) }),
    allowed: ACTIVE,
  },
  {
    action: "reply",
    target: "a deleted thread",
    make: () => thread({ deletedAt: DELETED }),
    allowed: NOBODY,
  },
  { action: "editPost", target: "their own post", make: post({ own: true }), allowed: ACTIVE },
  {
    action: "editPost",
    target: "their own post in a locked thread",
    make: post({ own: true, thread: thread({ isLocked: true }) }),
    allowed: STAFF,
  },
  { action: "editPost", target: "someone else's post", make: post({}), allowed: STAFF },
  {
    action: "editPost",
    target: "a deleted post",
    make: post({ deletedAt: DELETED }),
    allowed: NOBODY,
  },
  { action: "react", target: "someone else's post", make: post({}), allowed: ACTIVE },
  { action: "react", target: "their own post", make: post({ own: true }), allowed: NOBODY },
  {
    action: "react",
    target: "a post in a deleted thread",
    make: post({ thread: thread({ deletedAt: DELETED }) }),
    allowed: NOBODY,
  },
  { action: "react", target: "a post awaiting approval", make: post(PENDING), allowed: NOBODY },
  {
    action: "react",
    target: "a rejected post",
    make: post({ approvalState: "rejected" }),
    allowed: NOBODY,
  },
  { action: "quotePost", target: "someone else's post", make: post({}), allowed: ACTIVE },
  { action: "quotePost", target: "their own post", make: post({ own: true }), allowed: ACTIVE },
  {
    action: "quotePost",
    target: "a post in a locked thread",
    make: post({ thread: thread({ isLocked: true }) }),
    allowed: STAFF,
  },
  {
    action: "quotePost",
    target: "a post awaiting approval",
    make: post(PENDING),
    allowed: NOBODY,
  },
  {
    action: "quotePost",
    target: "their own post awaiting approval",
    make: post({ ...PENDING, own: true }),
    allowed: NOBODY,
  },
  {
    action: "quotePost",
    target: "a deleted post",
    make: post({ deletedAt: DELETED }),
    allowed: NOBODY,
  },
  { action: "viewEditHistory", allowed: STAFF },

  { action: "moderateThreads", allowed: STAFF },
  { action: "hardDeleteThread", allowed: ADMIN },
  { action: "moderatePosts", allowed: STAFF },
  { action: "viewDeleted", allowed: STAFF },
  { action: "report", target: "someone else's post", make: post({}), allowed: ACTIVE },
  { action: "report", target: "their own post", make: post({ own: true }), allowed: NOBODY },
  {
    action: "report",
    target: "a deleted post",
    make: post({ deletedAt: DELETED }),
    allowed: NOBODY,
  },
  { action: "report", target: "a post awaiting approval", make: post(PENDING), allowed: NOBODY },
  { action: "handleReports", allowed: STAFF },
  { action: "ban", target: "themself", make: self, allowed: NOBODY },
  { action: "ban", target: "a member", make: member("member"), allowed: STAFF },
  { action: "ban", target: "a moderator", make: member("moderator"), allowed: ADMIN },
  { action: "ban", target: "an admin", make: member("admin"), allowed: NOBODY },
  { action: "unban", target: "a member", make: member("member"), allowed: STAFF },
  { action: "unban", target: "themself", make: self, allowed: NOBODY },
  { action: "unban", target: "a moderator", make: member("moderator"), allowed: ADMIN },
  { action: "warnMember", target: "a member", make: member("member"), allowed: STAFF },
  { action: "warnMember", target: "themself", make: self, allowed: NOBODY },
  { action: "warnMember", target: "a moderator", make: member("moderator"), allowed: NOBODY },
  { action: "warnMember", target: "an admin", make: member("admin"), allowed: NOBODY },
  {
    action: "viewWarning",
    target: "their own post's",
    make: (v) => ({ memberId: v.id }),
    allowed: [...SIGNED_IN],
  },
  {
    action: "viewWarning",
    target: "another's post's",
    make: () => ({ memberId: "someone-else" }),
    allowed: STAFF,
  },
  { action: "viewWarningHistory", allowed: STAFF },
  { action: "approvePosts", allowed: STAFF },
  { action: "changeSettings", allowed: ADMIN },
  { action: "viewModLog", allowed: STAFF },

  { action: "manageForums", allowed: ADMIN },
  { action: "viewForum", target: "an open forum", make: () => forum(), allowed: EVERYONE },
  {
    action: "viewForum",
    target: "a members-only forum",
    make: () => forum({ viewRule: "members" }),
    allowed: SIGNED_IN,
  },
  {
    action: "viewForum",
    target: "a staff-only forum",
    make: () => forum({ viewRule: "staff" }),
    allowed: STAFF,
  },
  { action: "startConversation", allowed: ACTIVE },
  { action: "messageMember", target: "a member", make: recipient(), allowed: ACTIVE },
  {
    action: "messageMember",
    target: "themself",
    make: (v) => recipient({ id: v.id ?? "nobody" })(),
    allowed: NOBODY,
  },
  {
    action: "messageMember",
    target: "a member who takes them from staff only",
    make: recipient({ conversationsFrom: "staff" }),
    allowed: STAFF,
  },
  {
    action: "messageMember",
    target: "a member who ignores them",
    make: recipient({ ignoresViewer: true }),
    allowed: STAFF,
  },
  {
    action: "viewConversation",
    target: "one they are in",
    make: conversation(),
    allowed: SIGNED_IN,
  },
  {
    action: "viewConversation",
    target: "one they are not in (or left)",
    make: conversation(OUTSIDE),
    allowed: NOBODY,
  },
  { action: "replyToConversation", target: "an open one", make: conversation(), allowed: ACTIVE },
  {
    action: "replyToConversation",
    target: "a locked one",
    make: conversation({ isLocked: true }),
    allowed: NOBODY,
  },
  {
    action: "replyToConversation",
    target: "one they are not in",
    make: conversation(OUTSIDE),
    allowed: NOBODY,
  },
  { action: "quoteConversationMessage", target: "a message", make: message(), allowed: ACTIVE },
  {
    action: "quoteConversationMessage",
    target: "a message in a locked one",
    make: message({ conversation: { isLocked: true } }),
    allowed: NOBODY,
  },
  {
    action: "quoteConversationMessage",
    target: "a message in one they are not in",
    make: message({ conversation: OUTSIDE }),
    allowed: NOBODY,
  },
  {
    action: "inviteToConversation",
    target: "one they are in",
    make: conversation(),
    allowed: STAFF,
  },
  {
    action: "inviteToConversation",
    target: "one they are not in",
    make: conversation(OUTSIDE),
    allowed: NOBODY,
  },
  {
    action: "leaveConversation",
    target: "one they are in",
    make: conversation(),
    allowed: SIGNED_IN,
  },
  {
    action: "leaveConversation",
    target: "one they are not in",
    make: conversation(OUTSIDE),
    allowed: NOBODY,
  },
  {
    action: "lockConversation",
    target: "one they started",
    make: conversation({ own: true }),
    allowed: ACTIVE,
  },
  {
    action: "lockConversation",
    target: "someone else's they are in",
    make: conversation(),
    allowed: STAFF,
  },
  {
    action: "lockConversation",
    target: "one they are not in",
    make: conversation({ ...OUTSIDE, own: true }),
    allowed: NOBODY,
  },
  {
    action: "reportConversationMessage",
    target: "someone else's message",
    make: message(),
    allowed: ACTIVE,
  },
  {
    action: "reportConversationMessage",
    target: "their own message",
    make: message({ own: true }),
    allowed: NOBODY,
  },
  {
    action: "reportConversationMessage",
    target: "a message in one they are not in",
    make: message({ conversation: OUTSIDE }),
    allowed: NOBODY,
  },
];

// Loosely typed calls: the table mixes every action's target type.
const canAny = can as (viewer: Viewer, action: Action, target?: unknown) => boolean;
const ensureAny = ensure as (viewer: Viewer, action: Action, target?: unknown) => void;

describe.each(CASES)("$action $target", ({ action, make, allowed }) => {
  it.each(EVERYONE)(`%s`, (who) => {
    const v = VIEWERS[who];
    const target = make?.(v);
    const expected = allowed.includes(who);
    expect(canAny(v, action, target)).toBe(expected);
    if (expected) expect(() => ensureAny(v, action, target)).not.toThrow();
    else expect(() => ensureAny(v, action, target)).toThrow(ForbiddenError);
  });
});

describe("the matrix", () => {
  it("covers every action the permissions module decides", () => {
    expect([...new Set(CASES.map((c) => c.action))].sort()).toEqual([...ACTIONS].sort());
  });

  it("names the refused action in the error", () => {
    expect(() => ensure(VIEWERS.moderator, "changeRole", { id: "x", role: "member" })).toThrow(
      "Not allowed: changeRole",
    );
  });
});

describe("replyRefusal", () => {
  const LOCKED = "This thread is locked: it takes no new replies.";
  it("says nothing to whoever may reply, and why not to everyone else", () => {
    expect(replyRefusal(VIEWERS.member, thread())).toBeNull();
    expect(replyRefusal(VIEWERS.moderator, thread({ isLocked: true }))).toBeNull();
    expect(replyRefusal(VIEWERS.member, thread({ isLocked: true }))).toBe(LOCKED);
    expect(replyRefusal(VIEWERS.anonymous, thread({ isLocked: true }))).toBe("Sign in to post.");
    expect(replyRefusal(VIEWERS.bannedMember, thread({ isLocked: true }))).toMatch(/banned/);
    expect(replyRefusal(VIEWERS.member, thread({ forum: forum({ replyRule: "staff" }) }))).toBe(
      "Only staff reply in this forum.",
    );
    expect(replyRefusal(VIEWERS.member, thread({ deletedAt: new Date() }))).toBe(
      "You cannot do that here.",
    );
  });
});

describe("a member awaiting email verification (when administrators require it)", () => {
  const unconfirmed: Viewer = { ...VIEWERS.member, awaitingEmailVerification: true };
  it("reads and reacts, but neither starts threads nor replies until confirmed", () => {
    expect(can(unconfirmed, "postThread", forum())).toBe(false);
    expect(can(unconfirmed, "previewPost")).toBe(false);
    expect(can(unconfirmed, "reply", thread())).toBe(false);
    expect(can(unconfirmed, "react", post({})(unconfirmed))).toBe(true);
    expect(can(unconfirmed, "keepReadingState")).toBe(true);
    expect(replyRefusal(unconfirmed, thread())).toMatch(/Confirm your email address/);
  });
});

describe("a reading page rendered once per staff role", () => {
  it("is given to active staff only, by their role", () => {
    const roles = Object.fromEntries(EVERYONE.map((who) => [who, sharedRenderRole(VIEWERS[who])]));
    expect(roles).toEqual({
      anonymous: null,
      member: null,
      bannedMember: null,
      moderator: "moderator",
      bannedModerator: null,
      admin: "admin",
      bannedAdmin: null,
    });
  });

  it("has the role's powers and nobody's own things", () => {
    for (const role of ["moderator", "admin"] as const) {
      const shared = roleRenderViewer(role);
      expect(isRoleRender(shared)).toBe(true);
      expect(sharedRenderRole(shared)).toBeNull();
      expect(can(shared, "moderatePosts")).toBe(true);
      expect(can(shared, "hardDeleteThread")).toBe(can(VIEWERS[role], "hardDeleteThread"));
      // Whose reactions, watches and edit rights the page draws: nobody's.
      expect(ownerOf(shared)).toBe(ANONYMOUS);
      expect(can(ownerOf(shared), "keepReadingState")).toBe(false);
    }
    expect(ownerOf(VIEWERS.moderator)).toBe(VIEWERS.moderator);
    expect(isRoleRender(VIEWERS.admin)).toBe(false);
  });
});
