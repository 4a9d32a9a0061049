// Who is in a conversation, and its lock: staff invite more members, anyone in it leaves, its
// starter (or staff in it) locks it. Each asks lib/permissions, under the conversation's row lock.
import "server-only";
import { and, count, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { conversationParticipants, conversations } from "@/db/schema";
import { CONVERSATION_RECIPIENTS } from "../limits/sizes";
import { can, type Viewer } from "../permissions";
import { ok, refuse, type Result } from "../result";
import { conversationAccess, findRecipients } from "./access";
import { recipientNamesSchema } from "./inputs";
import { recipientRefusal } from "./write";

export type ParticipantResult = Result<{ message: string }, "invite">;

const NOT_THERE = "This conversation does not exist, or you are no longer in it.";

export async function inviteToConversation(
  viewer: Viewer,
  conversationId: number,
  names: unknown,
): Promise<ParticipantResult> {
  const parsed = recipientNamesSchema.safeParse(names ?? "");
  if (!parsed.success) return refuse(parsed.error.issues[0]!.message, "invite");
  if (!viewer.id) return refuse(NOT_THERE);
  const viewerId = viewer.id;
  return db.transaction(async (tx) => {
    const access = await conversationAccess(tx, conversationId, viewerId, { lock: true });
    if (!access || !can(viewer, "viewConversation", access.target)) return refuse(NOT_THERE);
    if (!can(viewer, "inviteToConversation", access.target))
      return refuse("Only staff can invite members into a conversation.");
    const { found, unknown } = await findRecipients(tx, parsed.data, viewerId);
    const refused = recipientRefusal(viewer, found, unknown);
    if (refused) return refuse(refused, "invite");
    const current = await tx
      .select({ userId: conversationParticipants.userId })
      .from(conversationParticipants)
      .where(
        and(
          eq(conversationParticipants.conversationId, conversationId),
          isNull(conversationParticipants.leftAt),
        ),
      );
    const inIt = new Set(current.map((c) => c.userId));
    const already = found.filter((r) => inIt.has(r.id)).map((r) => r.name);
    if (already.length)
      return refuse(
        `${already.join(", ")} ${already.length === 1 ? "is" : "are"} in this conversation already.`,
        "invite",
      );
    // The starter plus CONVERSATION_RECIPIENTS others.
    if (current.length + found.length > CONVERSATION_RECIPIENTS.max + 1)
      return refuse(CONVERSATION_RECIPIENTS.tooMany, "invite");
    // Someone who left and is invited again comes back with everything unread.
    await tx
      .insert(conversationParticipants)
      .values(found.map((r) => ({ conversationId, userId: r.id })))
      .onConflictDoUpdate({
        target: [conversationParticipants.conversationId, conversationParticipants.userId],
        set: { leftAt: null, lastReadMessageId: 0 },
      });
    return ok({ message: `Invited ${found.map((r) => r.name).join(", ")}.` });
  });
}

export async function leaveConversation(
  viewer: Viewer,
  conversationId: number,
): Promise<Result<{ message: string }>> {
  if (!viewer.id) return refuse(NOT_THERE);
  const viewerId = viewer.id;
  return db.transaction(async (tx) => {
    const access = await conversationAccess(tx, conversationId, viewerId, { lock: true });
    if (!access || !can(viewer, "leaveConversation", access.target)) return refuse(NOT_THERE);
    await tx
      .update(conversationParticipants)
      .set({ leftAt: sql`now()` })
      .where(
        and(
          eq(conversationParticipants.conversationId, conversationId),
          eq(conversationParticipants.userId, viewerId),
        ),
      );
    return ok({ message: `You left “${access.conversation.title}”.` });
  });
}

export async function setConversationLocked(
  viewer: Viewer,
  conversationId: number,
  locked: boolean,
): Promise<Result<{ message: string }>> {
  if (!viewer.id) return refuse(NOT_THERE);
  const viewerId = viewer.id;
  return db.transaction(async (tx) => {
    const access = await conversationAccess(tx, conversationId, viewerId, { lock: true });
    if (!access || !can(viewer, "viewConversation", access.target)) return refuse(NOT_THERE);
    if (!can(viewer, "lockConversation", access.target))
      return refuse("Only the member who started this conversation can lock it.");
    await tx
      .update(conversations)
      .set({ isLocked: locked })
      .where(eq(conversations.id, conversationId));
    return ok({
      message: locked ? "The conversation is locked." : "The conversation is open again.",
    });
  });
}

/** How many are in it now (tests and the page's counts). */
export async function participantCount(conversationId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(conversationParticipants)
    .where(
      and(
        eq(conversationParticipants.conversationId, conversationId),
        isNull(conversationParticipants.leftAt),
      ),
    );
  return row?.n ?? 0;
}
