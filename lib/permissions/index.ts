// The one place that answers "may this viewer do this?". Pages, server actions and route handlers
// ask here; hiding a button in the UI is never the check.
import { forumRules } from "./forums";
import { conversationRules } from "./conversations";
import { moderationRules } from "./moderation";
import { pollRules } from "./polls";
import { postingRules } from "./posting";
import { isSignedIn, isStaff, type Role, type Viewer } from "./viewer";

export type { PostTarget, ShownPostTarget, ThreadTarget } from "./posting";
export type { BanTarget } from "./moderation";
export {
  mayViewForum,
  OPEN_FORUM,
  visibleViewRules,
  type ForumAccess,
  type ForumPostRule,
  type ForumViewRule,
} from "./forums";
export type { PollTarget } from "./polls";
export type {
  ConversationMessageTarget,
  ConversationPrivacy,
  ConversationTarget,
  RecipientTarget,
} from "./conversations";
export {
  ANONYMOUS,
  isRoleRender,
  isSignedIn,
  isStaff,
  ownerOf,
  type Role,
  type Viewer,
} from "./viewer";

export interface MemberTarget {
  id: string;
  role: Role;
}

/** A sign-in, by the member it belongs to (null for old sign-outs that named none). */
export interface SessionTarget {
  userId: string | null;
}

type Rule<T> = (viewer: Viewer, target: T) => boolean;

const activeMember = (viewer: Viewer) => isSignedIn(viewer) && !viewer.isBanned;
/** Moderators and administrators who are not banned. A banned moderator keeps the role but not its powers. */
const activeStaff = (viewer: Viewer) => activeMember(viewer) && isStaff(viewer);
const admin = (viewer: Viewer) => activeMember(viewer) && viewer.role === "admin";

const rules = {
  read: () => true,
  /** The member list (/members) is public, like the profiles it links to. */
  viewMemberList: () => true,
  signUp: (viewer: Viewer) => !isSignedIn(viewer),
  /** Change one's own country, location, avatar, signature, email and password. Banned members may
   * still fix their own profile; what they lose is posting and reacting. */
  editOwnAccount: (viewer: Viewer) => isSignedIn(viewer),
  /** End one of one's own sign-ins (account page, "Sessions"). Banned members too: a ban already
   * ended their sessions, and whoever holds a stolen one must not keep it. Nobody ends another
   * member's sign-in here; staff have bans for that. */
  endSession: ((viewer, target) =>
    isSignedIn(viewer) && target.userId === viewer.id) as Rule<SessionTarget>,
  /** The member administration page (/admin/members): staff, since moderators grant custom titles
   * there. What each of them may change on it is decided per member by the rules below. */
  viewMemberAdmin: activeStaff,
  /** Roles are an administrator's call; no one changes their own, so an admin cannot lock themself out. */
  changeRole: ((viewer, target) => admin(viewer) && viewer.id !== target.id) as Rule<MemberTarget>,
  /** Mail a member a password reset, set their address, resend its confirmation (/admin/members):
   * administrators, since a new address is a way into the account. */
  manageMemberEmail: admin,
  /** Custom titles are granted by staff; moderators may not retitle administrators. */
  grantCustomTitle: ((viewer, target) =>
    activeStaff(viewer) &&
    (viewer.role === "admin" || target.role !== "admin")) as Rule<MemberTarget>,
  /** Personal reading tools: unread marks, watched threads, alerts, the ignore list. Banned members
   * keep them: they can still read. */
  keepReadingState: (viewer: Viewer) => isSignedIn(viewer),
  /** Ignoring hides a member's content from oneself only. Staff cannot be ignored (members must
   * see moderators' notes), nor can one ignore oneself. */
  ignoreMember: ((viewer, target) =>
    isSignedIn(viewer) &&
    viewer.id !== target.id &&
    target.role === "member") as Rule<MemberTarget>,
  /** Starting threads, replying, editing, reacting: kept beside the posting code in ./posting.ts. */
  ...postingRules,
  /** Moderator and administrator tools: ./moderation.ts. */
  ...moderationRules,
  /** Forum management and per-forum reading rules: ./forums.ts. */
  ...forumRules,
  /** Voting in polls and closing them: ./polls.ts. */
  ...pollRules,
  /** Private conversations: ./conversations.ts. */
  ...conversationRules,
} satisfies Record<string, Rule<never>>;

export type Action = keyof typeof rules;
type TargetOf<A extends Action> = Parameters<(typeof rules)[A]>[1];

/** Every action this module decides, for tests that must cover them all. */
export const ACTIONS = Object.keys(rules) as readonly Action[];

export function can<A extends Action>(
  viewer: Viewer,
  action: A,
  ...target: TargetOf<A> extends undefined ? [] : [TargetOf<A>]
): boolean {
  return (rules[action] as Rule<unknown>)(viewer, target[0]);
}

export class ForbiddenError extends Error {
  constructor(readonly action: Action) {
    super(`Not allowed: ${action}`);
    this.name = "ForbiddenError";
  }
}

/** For server actions and route handlers: throws when the viewer may not act. */
export function ensure<A extends Action>(
  viewer: Viewer,
  action: A,
  ...target: TargetOf<A> extends undefined ? [] : [TargetOf<A>]
): void {
  if (!can(viewer, action, ...target)) throw new ForbiddenError(action);
}
