// Reading conversations: a member's list, one conversation's page, and the header's unread count.
// Every query starts from the viewer's own participant row, so nothing here can list a conversation
// to someone who is not in it.
import "server-only";
import { and, asc, count, desc, eq, isNull, lte, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { conversationMessages, conversationParticipants, conversations, users } from "@/db/schema";
import { CONVERSATION_MESSAGES_PER_PAGE, CONVERSATIONS_PER_PAGE } from "../limits/sizes";
import { can, isSignedIn, type Viewer } from "../permissions";
import { memberUrl } from "../urls";
import { conversationAccess } from "./access";
import { rewriteRemoteImages } from "../remote-images/rewrite";

export interface ConversationListItem {
  id: number;
  title: string;
  starterName: string;
  replyCount: number;
  lastMessageAt: Date;
  unread: boolean;
  participantNames: string[];
}

export interface ConversationList {
  items: ConversationListItem[];
  page: number;
  pageCount: number;
  total: number;
}

/** The conversations a member is in, latest activity first; null past the last page. */
export async function listConversations(
  viewer: Viewer,
  page: number,
): Promise<ConversationList | null> {
  if (!isSignedIn(viewer)) return null;
  const mine = and(
    eq(conversationParticipants.userId, viewer.id),
    isNull(conversationParticipants.leftAt),
  );
  const [{ total } = { total: 0 }] = await db
    .select({ total: count() })
    .from(conversationParticipants)
    .where(mine);
  const pageCount = Math.max(1, Math.ceil(total / CONVERSATIONS_PER_PAGE));
  if (page > pageCount) return null;
  const rows = await db
    .select({
      id: conversations.id,
      title: conversations.title,
      starterName: conversations.starterName,
      messageCount: conversations.messageCount,
      lastMessageAt: conversations.lastMessageAt,
      unread: sql<boolean>`${conversations.lastMessageId} > ${conversationParticipants.lastReadMessageId}`,
      participantNames: sql<string[]>`array(select u.name from ${conversationParticipants} cp
        join ${users} u on u.id = cp.user_id
        where cp.conversation_id = ${conversations.id} and cp.left_at is null
        order by cp.created_at, u.name limit 6)`,
    })
    .from(conversationParticipants)
    .innerJoin(conversations, eq(conversations.id, conversationParticipants.conversationId))
    .where(mine)
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
    .limit(CONVERSATIONS_PER_PAGE)
    .offset((page - 1) * CONVERSATIONS_PER_PAGE);
  return {
    items: rows.map((r) => ({ ...r, replyCount: Math.max(0, r.messageCount - 1) })),
    page,
    pageCount,
    total,
  };
}

/** The header's count: conversations the member is in with a message newer than their read mark. */
export const unreadConversationsSql = (viewerId: string) =>
  sql`select count(*)::int as n from ${conversationParticipants} p
    join ${conversations} c on c.id = p.conversation_id
    where p.user_id = ${viewerId} and p.left_at is null and c.last_message_id > p.last_read_message_id`;

export async function unreadConversationCount(viewerId: string): Promise<number> {
  const [row] = await db.execute<{ n: number }>(unreadConversationsSql(viewerId));
  return row?.n ?? 0;
}

/** Which page of its conversation a message is on. */
export async function pageOfMessage(conversationId: number, messageId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(conversationMessages)
    .where(
      and(
        eq(conversationMessages.conversationId, conversationId),
        lte(conversationMessages.id, messageId),
      ),
    );
  return Math.max(1, Math.ceil((row?.n ?? 1) / CONVERSATION_MESSAGES_PER_PAGE));
}

export interface ConversationMessageView {
  id: number;
  authorName: string;
  authorUrl: string | null;
  source: string;
  html: string;
  createdAt: Date;
  canQuote: boolean;
  canReport: boolean;
}

export interface ConversationParticipantView {
  name: string;
  url: string;
  isStarter: boolean;
}

export interface ConversationPage {
  id: number;
  title: string;
  isLocked: boolean;
  replyCount: number;
  page: number;
  pageCount: number;
  participants: ConversationParticipantView[];
  messages: ConversationMessageView[];
  canReply: boolean;
  canInvite: boolean;
  canLock: boolean;
  canLeave: boolean;
}

/** One page of a conversation for one of its participants; null for anyone else, or past the last
 * page (both a 404). Reading it moves the member's read mark to the newest message shown. */
export async function conversationPage(
  viewer: Viewer,
  conversationId: number,
  page: number,
): Promise<ConversationPage | null> {
  const access = await conversationAccess(db, conversationId, viewer.id);
  if (!access || !isSignedIn(viewer) || !can(viewer, "viewConversation", access.target))
    return null;
  const { conversation, target } = access;
  const pageCount = Math.max(
    1,
    Math.ceil(conversation.messageCount / CONVERSATION_MESSAGES_PER_PAGE),
  );
  if (page > pageCount) return null;
  const [messages, participants] = await Promise.all([
    db
      .select({
        id: conversationMessages.id,
        authorId: conversationMessages.authorId,
        authorName: conversationMessages.authorName,
        source: conversationMessages.source,
        html: conversationMessages.html,
        createdAt: conversationMessages.createdAt,
        author: { number: users.number, name: users.name },
      })
      .from(conversationMessages)
      .leftJoin(users, eq(users.id, conversationMessages.authorId))
      .where(eq(conversationMessages.conversationId, conversationId))
      .orderBy(asc(conversationMessages.id))
      .limit(CONVERSATION_MESSAGES_PER_PAGE)
      .offset((page - 1) * CONVERSATION_MESSAGES_PER_PAGE),
    db
      .select({ id: users.id, number: users.number, name: users.name })
      .from(conversationParticipants)
      .innerJoin(users, eq(users.id, conversationParticipants.userId))
      .where(
        and(
          eq(conversationParticipants.conversationId, conversationId),
          isNull(conversationParticipants.leftAt),
        ),
      )
      .orderBy(asc(conversationParticipants.createdAt), asc(users.name)),
  ]);
  const newest = messages.at(-1)?.id ?? 0;
  if (newest > access.lastReadMessageId) await markRead(viewer.id, conversationId, newest);
  return {
    id: conversation.id,
    title: conversation.title,
    isLocked: conversation.isLocked,
    replyCount: Math.max(0, conversation.messageCount - 1),
    page,
    pageCount,
    participants: participants.map((p) => ({
      name: p.name,
      url: memberUrl(p),
      isStarter: p.id === conversation.starterId,
    })),
    messages: messages.map((m) => {
      const messageTarget = { authorId: m.authorId, conversation: target };
      return {
        id: m.id,
        authorName: m.author?.name ?? m.authorName,
        authorUrl: m.author?.name ? memberUrl(m.author) : null,
        source: m.source,
        html: rewriteRemoteImages(m.html),
        createdAt: m.createdAt,
        canQuote: can(viewer, "quoteConversationMessage", messageTarget),
        canReport: can(viewer, "reportConversationMessage", messageTarget),
      };
    }),
    canReply: can(viewer, "replyToConversation", target),
    canInvite: can(viewer, "inviteToConversation", target),
    canLock: can(viewer, "lockConversation", target),
    canLeave: can(viewer, "leaveConversation", target),
  };
}

/** Moves the read mark forward only: an older page read later does not make newer messages unread. */
async function markRead(viewerId: string, conversationId: number, messageId: number) {
  await db
    .update(conversationParticipants)
    .set({ lastReadMessageId: messageId })
    .where(
      and(
        eq(conversationParticipants.conversationId, conversationId),
        eq(conversationParticipants.userId, viewerId),
        sql`${conversationParticipants.lastReadMessageId} < ${messageId}`,
      ),
    );
}
