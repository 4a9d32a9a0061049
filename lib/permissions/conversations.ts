// Who may start, read, answer and manage private conversations. Merged into the one permissions
// module (./index.ts). A conversation exists only for its current participants: everyone else,
// staff included, is told it does not exist (staff see a reported message in the report queue).
import type { Role } from "./viewer";
import { isSignedIn, isStaff, type Viewer } from "./viewer";

export type ConversationPrivacy = "everyone" | "staff";

/** A conversation as one viewer stands to it. */
export interface ConversationTarget {
  /** The viewer is in it now (not never invited, not left). */
  isParticipant: boolean;
  starterId: string | null;
  isLocked: boolean;
}

/** A member someone wants to start a conversation with (or invite into one). */
export interface RecipientTarget {
  id: string;
  role: Role;
  conversationsFrom: ConversationPrivacy;
  /** The recipient has the viewer on their ignore list. */
  ignoresViewer: boolean;
}

export interface ConversationMessageTarget {
  authorId: string | null;
  conversation: ConversationTarget;
}

const activeMember = (viewer: Viewer) => isSignedIn(viewer) && !viewer.isBanned;
const mayRead = (viewer: Viewer, c: ConversationTarget) => isSignedIn(viewer) && c.isParticipant;
const mayReply = (viewer: Viewer, c: ConversationTarget) =>
  activeMember(viewer) && c.isParticipant && !c.isLocked;

export const conversationRules = {
  startConversation: activeMember,
  /** Staff reach anyone (a moderator must be able to write to a member). Members reach those who take
   * conversations from everyone and do not ignore them; nobody writes to themself. */
  messageMember: (viewer: Viewer, recipient: RecipientTarget) =>
    activeMember(viewer) &&
    recipient.id !== viewer.id &&
    (isStaff(viewer) || (recipient.conversationsFrom === "everyone" && !recipient.ignoresViewer)),
  /** Banned members keep reading their conversations, as they keep reading the forum. */
  viewConversation: mayRead,
  /** A locked conversation takes no messages, from staff either: its starter locked it to end it. */
  replyToConversation: mayReply,
  quoteConversationMessage: (viewer: Viewer, message: ConversationMessageTarget) =>
    mayReply(viewer, message.conversation),
  /** Staff in the conversation bring more members in. */
  inviteToConversation: (viewer: Viewer, c: ConversationTarget) =>
    activeMember(viewer) && isStaff(viewer) && c.isParticipant,
  /** Anyone in it may leave, banned or not. */
  leaveConversation: mayRead,
  /** The starter locks and unlocks it; so do staff who are in it. */
  lockConversation: (viewer: Viewer, c: ConversationTarget) =>
    activeMember(viewer) && c.isParticipant && (c.starterId === viewer.id || isStaff(viewer)),
  /** Someone else's message, by a participant: it goes to the report queue. */
  reportConversationMessage: (viewer: Viewer, message: ConversationMessageTarget) =>
    activeMember(viewer) && message.conversation.isParticipant && message.authorId !== viewer.id,
};
