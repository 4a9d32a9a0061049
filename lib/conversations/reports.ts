// Reports of conversation messages. A participant reports someone else's message with a reason; it
// lands in the report queue (/moderation/reports), where staff see that one message and nothing else
// of the conversation, and resolve or reject it like a post's report (one moderator log line each).
import "server-only";
import { and, count, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "@/db/client";
import { conversationMessages, conversationReports, users } from "@/db/schema";
import { reportNoteSchema, reportReasonSchema, REPORT_THANKS } from "../moderation/reports";
import { logModAction } from "../moderation/log-entry";
import { can, type Viewer } from "../permissions";
import { ok, refuse, type Result } from "../result";
import { memberUrl } from "../urls";
import { conversationAccess } from "./access";
import { rewriteRemoteImages } from "../remote-images/rewrite";

const NOT_THERE = "This message does not exist, or you are no longer in its conversation.";

export async function reportConversationMessage(
  viewer: Viewer,
  messageId: number,
  reason: unknown,
): Promise<Result<{ message: string }, "reason">> {
  const parsed = reportReasonSchema.safeParse(reason);
  if (!parsed.success)
    return refuse(parsed.error.issues[0]?.message ?? "Enter a reason.", "reason");
  if (!viewer.id) return refuse("Sign in to report messages.");
  const viewerId = viewer.id;
  return db.transaction(async (tx) => {
    const [message] = await tx
      .select({
        id: conversationMessages.id,
        authorId: conversationMessages.authorId,
        conversationId: conversationMessages.conversationId,
      })
      .from(conversationMessages)
      .where(eq(conversationMessages.id, messageId))
      .for("no key update");
    const access = message && (await conversationAccess(tx, message.conversationId, viewerId));
    if (!message || !access || !can(viewer, "viewConversation", access.target))
      return refuse(NOT_THERE);
    if (!can(viewer, "reportConversationMessage", { ...message, conversation: access.target }))
      return refuse(
        message.authorId === viewerId
          ? "You cannot report your own message."
          : "Your account is banned: you cannot report messages.",
      );
    // One open report per message: a second reporter's reason does not open another.
    const [open] = await tx
      .select({ id: conversationReports.id })
      .from(conversationReports)
      .where(
        and(eq(conversationReports.messageId, message.id), eq(conversationReports.state, "open")),
      );
    if (open)
      return ok({ message: "This message was reported already: the moderators will look at it." });
    await tx
      .insert(conversationReports)
      .values({ messageId: message.id, reporterId: viewerId, reason: parsed.data });
    return ok({ message: REPORT_THANKS });
  });
}

export async function openConversationReportCount(): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(conversationReports)
    .where(eq(conversationReports.state, "open"));
  return row?.n ?? 0;
}

export interface ConversationReportView {
  id: number;
  createdAt: Date;
  reason: string;
  reporterName: string;
  message: { html: string; createdAt: Date; authorName: string; authorUrl: string | null };
}

const reporters = alias(users, "reporters");
const authors = alias(users, "authors");

/** The open reports, oldest last, each with the one reported message: staff see nothing else of the
 * conversation (not its title, not its other messages, not who else is in it). */
export async function listOpenConversationReports(limit = 50): Promise<ConversationReportView[]> {
  const rows = await db
    .select({
      id: conversationReports.id,
      createdAt: conversationReports.createdAt,
      reason: conversationReports.reason,
      reporterName: reporters.name,
      html: conversationMessages.html,
      messageAt: conversationMessages.createdAt,
      authorName: conversationMessages.authorName,
      author: { number: authors.number, name: authors.name },
    })
    .from(conversationReports)
    .innerJoin(conversationMessages, eq(conversationMessages.id, conversationReports.messageId))
    .leftJoin(reporters, eq(reporters.id, conversationReports.reporterId))
    .leftJoin(authors, eq(authors.id, conversationMessages.authorId))
    .where(eq(conversationReports.state, "open"))
    .orderBy(desc(conversationReports.createdAt), desc(conversationReports.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt,
    reason: r.reason,
    reporterName: r.reporterName ?? "A former member",
    message: {
      html: rewriteRemoteImages(r.html),
      createdAt: r.messageAt,
      authorName: r.author?.name ?? r.authorName,
      authorUrl: r.author?.name ? memberUrl(r.author) : null,
    },
  }));
}

/** Staff close a conversation message's report, resolved or rejected, with an optional note. */
export async function closeConversationReport(
  viewer: Viewer,
  reportId: number,
  state: "resolved" | "rejected",
  note: unknown,
): Promise<Result<{ message: string }>> {
  if (!can(viewer, "handleReports") || !viewer.id)
    return refuse("Only moderators and administrators can handle reports.");
  const parsedNote = reportNoteSchema.safeParse(note ?? "");
  if (!parsedNote.success)
    return refuse(parsedNote.error.issues[0]?.message ?? "That note cannot be used.");
  const actorId = viewer.id;
  return db.transaction(async (tx) => {
    const [report] = await tx
      .select({
        id: conversationReports.id,
        state: conversationReports.state,
        messageId: conversationReports.messageId,
        authorName: conversationMessages.authorName,
      })
      .from(conversationReports)
      .innerJoin(conversationMessages, eq(conversationMessages.id, conversationReports.messageId))
      .where(eq(conversationReports.id, reportId))
      .for("update", { of: conversationReports });
    if (!report) return refuse("This report does not exist any more.");
    if (report.state !== "open") return refuse(`This report was already ${report.state}.`);
    await tx
      .update(conversationReports)
      .set({ state, handledById: actorId, handledAt: sql`now()` })
      .where(eq(conversationReports.id, report.id));
    await logModAction(tx, {
      actorId,
      action: state === "resolved" ? "report.resolve" : "report.reject",
      targetType: "conversation_report",
      targetId: report.id,
      targetLabel: `Conversation message by ${report.authorName}`,
      reason: parsedNote.data || null,
      details: { messageId: report.messageId },
    });
    return ok({ message: `Report on ${report.authorName}'s conversation message ${state}.` });
  });
}
