// A conversation as one viewer stands to it, for lib/permissions to judge. Whoever is not in it now
// gets null from the pages (a 404), so an outsider cannot tell a conversation from no conversation.
import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { conversationParticipants, conversations, ignoredMembers, users } from "@/db/schema";
import type { DbOrTx, Tx } from "@/db/tx";
import type { ConversationTarget, RecipientTarget } from "../permissions";

export interface ConversationRow {
  id: number;
  title: string;
  starterId: string | null;
  isLocked: boolean;
  messageCount: number;
  lastMessageId: number;
}

export interface ConversationAccess {
  conversation: ConversationRow;
  target: ConversationTarget;
  /** The viewer's read mark (0 when not a participant). */
  lastReadMessageId: number;
}

/** The conversation and the viewer's place in it; `lock` takes the conversation row for a write
 * (messages, invitations and counters queue on it). */
export async function conversationAccess(
  db: DbOrTx | Tx,
  conversationId: number,
  viewerId: string | null,
  options: { lock?: boolean } = {},
): Promise<ConversationAccess | null> {
  const query = db
    .select({
      id: conversations.id,
      title: conversations.title,
      starterId: conversations.starterId,
      isLocked: conversations.isLocked,
      messageCount: conversations.messageCount,
      lastMessageId: conversations.lastMessageId,
    })
    .from(conversations)
    .where(eq(conversations.id, conversationId));
  const [conversation] = options.lock ? await query.for("update") : await query;
  if (!conversation) return null;
  const [place] = viewerId
    ? await db
        .select({
          leftAt: conversationParticipants.leftAt,
          lastReadMessageId: conversationParticipants.lastReadMessageId,
        })
        .from(conversationParticipants)
        .where(
          and(
            eq(conversationParticipants.conversationId, conversationId),
            eq(conversationParticipants.userId, viewerId),
          ),
        )
    : [];
  const isParticipant = !!place && place.leftAt === null;
  return {
    conversation,
    target: { isParticipant, starterId: conversation.starterId, isLocked: conversation.isLocked },
    lastReadMessageId: isParticipant ? place.lastReadMessageId : 0,
  };
}

export interface Recipient extends RecipientTarget {
  name: string;
}

/** The members named (case-insensitively), with what messageMember needs to judge each; names with no
 * member are answered in `unknown`, as typed. */
export async function findRecipients(
  db: DbOrTx | Tx,
  names: string[],
  viewerId: string,
): Promise<{ found: Recipient[]; unknown: string[] }> {
  if (names.length === 0) return { found: [], unknown: [] };
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      role: users.role,
      conversationsFrom: users.conversationsFrom,
      ignoresViewer: sql<boolean>`exists (select 1 from ${ignoredMembers} im
        where im.user_id = ${users.id} and im.ignored_id = ${viewerId})`,
    })
    .from(users)
    .where(
      inArray(
        sql`lower(${users.name})`,
        names.map((n) => n.toLowerCase()),
      ),
    );
  const byName = new Map(rows.map((r) => [r.name.toLowerCase(), r]));
  return {
    found: names.flatMap((n) => byName.get(n.toLowerCase()) ?? []),
    unknown: names.filter((n) => !byName.has(n.toLowerCase())),
  };
}
