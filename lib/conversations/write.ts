// Starting conversations and answering them. Each message and the counters it moves (the
// conversation's message count and last message, the author's own read mark) commit together, under
// the conversation's row lock, so counts and unread marks stay exact however many write at once.
import "server-only";
import { and, count, eq, gt, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { conversationMessages, conversationParticipants, conversations, users } from "@/db/schema";
import type { Tx } from "@/db/tx";
import { renderForSaving } from "../forum/render-context";
import { POSTING } from "../forum/posting-rules";
import { can, isSignedIn, type Viewer } from "../permissions";
import { ok, refuse, type Refusal, type Result } from "../result";
import { conversationAccess, findRecipients, type Recipient } from "./access";
import { idempotencyKeySchema, messageSchema, recipientNamesSchema, titleSchema } from "./inputs";
import { conversationMessageUrl } from "./urls";
import { pageOfMessage } from "./read";

export type ConversationField = "recipients" | "title" | "message" | "form";
export type ConversationWriteResult = Result<
  { conversationId: number; messageId: number; url: string },
  ConversationField
>;

/** What a write's transaction answers: the message sent (or found again), or why not. */
type Sent = { conversationId: number; messageId: number } | Refusal<ConversationField>;

const fail = (field: ConversationField, error: string) => refuse(error, field);

function writeRefusal(viewer: Viewer): string {
  if (!isSignedIn(viewer)) return "Sign in to write conversations.";
  if (viewer.isBanned) return "Your account is banned: you can read but not write.";
  return "You cannot do that here.";
}

/** Why these recipients cannot be written to, in words; null when every one can. Privacy and ignore
 * lists answer with one sentence, so a member cannot tell which of the two refused them. */
export function recipientRefusal(
  viewer: Viewer,
  found: Recipient[],
  unknown: string[],
): string | null {
  if (unknown.length)
    return unknown.length === 1
      ? `No member is called “${unknown[0]}”.`
      : `No members are called ${unknown.map((n) => `“${n}”`).join(", ")}.`;
  if (found.some((r) => r.id === viewer.id))
    return "You are in the conversation already: name only the others.";
  const refused = found.filter((r) => !can(viewer, "messageMember", r)).map((r) => r.name);
  if (refused.length)
    return `${refused.join(", ")} ${refused.length === 1 ? "does" : "do"} not take conversations from you.`;
  return null;
}

/** The same pace as posting (POST_RATE_LIMIT_PER_MINUTE), counted on messages. Locks the author's
 * row first, so one member's concurrent messages queue and the count is exact. */
async function rateLimitRefusal(tx: Tx, authorId: string): Promise<string | null> {
  await tx.select({ id: users.id }).from(users).where(eq(users.id, authorId)).for("no key update");
  const [recent] = await tx
    .select({ n: count() })
    .from(conversationMessages)
    .where(
      and(
        eq(conversationMessages.authorId, authorId),
        gt(conversationMessages.createdAt, sql`now() - interval '1 minute'`),
      ),
    );
  if (!recent || recent.n < POSTING.perMinute) return null;
  return `You are writing too fast (${POSTING.perMinute} messages a minute at most). Wait a minute and try again.`;
}

async function alreadySent(tx: Tx, authorId: string, key: string) {
  const [message] = await tx
    .select({ id: conversationMessages.id, conversationId: conversationMessages.conversationId })
    .from(conversationMessages)
    .where(
      and(
        eq(conversationMessages.authorId, authorId),
        eq(conversationMessages.idempotencyKey, key),
      ),
    );
  return message ?? null;
}

async function sentAnswer(conversationId: number, messageId: number) {
  const page = await pageOfMessage(conversationId, messageId);
  return ok({
    conversationId,
    messageId,
    url: conversationMessageUrl(conversationId, messageId, page),
  });
}

/** Adds one message to a conversation whose row the caller locked, and moves its counters. */
async function addMessage(
  tx: Tx,
  input: {
    conversationId: number;
    author: { id: string; name: string };
    source: string;
    html: string;
    key: string;
  },
): Promise<number> {
  const [message] = await tx
    .insert(conversationMessages)
    .values({
      conversationId: input.conversationId,
      authorId: input.author.id,
      authorName: input.author.name,
      source: input.source,
      html: input.html,
      idempotencyKey: input.key,
      createdAt: sql`clock_timestamp()`,
    })
    .returning({ id: conversationMessages.id, createdAt: conversationMessages.createdAt });
  await tx
    .update(conversations)
    .set({
      messageCount: sql`${conversations.messageCount} + 1`,
      lastMessageId: message!.id,
      lastMessageAt: message!.createdAt,
    })
    .where(eq(conversations.id, input.conversationId));
  // One's own message is read.
  await tx
    .update(conversationParticipants)
    .set({ lastReadMessageId: message!.id })
    .where(
      and(
        eq(conversationParticipants.conversationId, input.conversationId),
        eq(conversationParticipants.userId, input.author.id),
      ),
    );
  return message!.id;
}

export async function startConversation(
  viewer: Viewer,
  input: { recipients: unknown; title: unknown; message: unknown; idempotencyKey: unknown },
): Promise<ConversationWriteResult> {
  const names = recipientNamesSchema.safeParse(input.recipients ?? "");
  const title = titleSchema.safeParse(input.title);
  const message = messageSchema.safeParse(input.message);
  if (!names.success) return fail("recipients", names.error.issues[0]!.message);
  if (!title.success) return fail("title", title.error.issues[0]!.message);
  if (!message.success) return fail("message", message.error.issues[0]!.message);
  const key = idempotencyKeySchema.safeParse(input.idempotencyKey);
  if (!key.success) return fail("form", key.error.issues[0]!.message);
  if (!can(viewer, "startConversation") || !viewer.id || !viewer.name)
    return fail("form", writeRefusal(viewer));
  const author = { id: viewer.id, name: viewer.name };

  const outcome = await db.transaction(async (tx): Promise<Sent> => {
    const tooFast = await rateLimitRefusal(tx, author.id);
    const previous = await alreadySent(tx, author.id, key.data);
    if (previous) return { conversationId: previous.conversationId, messageId: previous.id };
    if (tooFast) return fail("form", tooFast);
    const { found, unknown } = await findRecipients(tx, names.data, author.id);
    const refused = recipientRefusal(viewer, found, unknown);
    if (refused) return fail("recipients", refused);
    const rendered = await renderForSaving(tx, message.data);
    if (rendered.refusal) return fail("message", rendered.refusal);

    const [conversation] = await tx
      .insert(conversations)
      .values({ title: title.data, starterId: author.id, starterName: author.name })
      .returning({ id: conversations.id });
    const id = conversation!.id;
    await tx
      .insert(conversationParticipants)
      .values([author, ...found].map((m) => ({ conversationId: id, userId: m.id })));
    const messageId = await addMessage(tx, {
      conversationId: id,
      author,
      source: message.data,
      html: rendered.html,
      key: key.data,
    });
    return { conversationId: id, messageId };
  });
  return "ok" in outcome ? outcome : sentAnswer(outcome.conversationId, outcome.messageId);
}

export async function replyToConversation(
  viewer: Viewer,
  input: { conversationId: number; message: unknown; idempotencyKey: unknown },
): Promise<ConversationWriteResult> {
  const message = messageSchema.safeParse(input.message);
  if (!message.success) return fail("message", message.error.issues[0]!.message);
  const key = idempotencyKeySchema.safeParse(input.idempotencyKey);
  if (!key.success) return fail("form", key.error.issues[0]!.message);
  if (!viewer.id || !viewer.name || viewer.isBanned) return fail("form", writeRefusal(viewer));
  const author = { id: viewer.id, name: viewer.name };

  const conversationId = input.conversationId;
  const outcome = await db.transaction(async (tx): Promise<Sent> => {
    // Member row first, then the conversation: the order startConversation takes them in.
    const tooFast = await rateLimitRefusal(tx, author.id);
    const access = await conversationAccess(tx, conversationId, author.id, { lock: true });
    if (!access || !can(viewer, "viewConversation", access.target))
      return fail("form", "This conversation does not exist, or you are no longer in it.");
    const previous = await alreadySent(tx, author.id, key.data);
    if (previous) return { conversationId, messageId: previous.id };
    if (!can(viewer, "replyToConversation", access.target))
      return fail("form", "This conversation is locked: it takes no new messages.");
    if (tooFast) return fail("form", tooFast);
    const rendered = await renderForSaving(tx, message.data);
    if (rendered.refusal) return fail("message", rendered.refusal);
    const messageId = await addMessage(tx, {
      conversationId,
      author,
      source: message.data,
      html: rendered.html,
      key: key.data,
    });
    return { conversationId, messageId };
  });
  return "ok" in outcome ? outcome : sentAnswer(outcome.conversationId, outcome.messageId);
}
