// Reported posts. Members report someone else's post with a reason; a post has at most one open
// report (a partial unique index), which gathers every member's reason. Staff resolve or reject it;
// each decision writes one moderator log line in the same transaction. A refused request writes nothing.
import "server-only";
import { postTargetColumns, withForum } from "../forum/forum-access";
import { and, count, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { db } from "@/db/client";
import {
  forums,
  modLog,
  posts,
  reportReasons,
  reports,
  reportStateEnum,
  threads,
  users,
} from "@/db/schema";
import { can, isSignedIn, type Viewer } from "../permissions";
import { memberUrl, postUrl, threadUrl } from "../urls";
import { NOTE, REASON } from "../limits/sizes";
import { plainText } from "../validation/text";
import { logModAction } from "./log-entry";
import type { ModerationResult } from "./approval";
import { ok, refuse, type Result } from "../result";

export type ReportState = (typeof reportStateEnum.enumValues)[number];
export const REPORT_STATES = reportStateEnum.enumValues;
export const REPORTS_PER_PAGE = 20;

/** A member's reason: spaces collapsed at the ends, 1..REASON.max characters. */
export const reportReasonSchema = plainText("multi", "Enter a reason.")
  .transform((s) => s.normalize("NFC").trim())
  .pipe(z.string().min(1, "Enter a reason.").max(REASON.max, REASON.tooLong));

/** A staff member's optional note on a decision. */
export const reportNoteSchema = plainText("multi")
  .transform((s) => s.normalize("NFC").trim())
  .pipe(z.string().max(NOTE.max, NOTE.tooLong));

export type ReportResult = Result<{ message: string; updated: boolean }, "reason">;

export const REPORT_THANKS = "Thanks: the moderators will look at it.";

function reportRefusal(viewer: Viewer, post: { authorId: string | null }): string {
  if (!isSignedIn(viewer)) return "Sign in to report posts.";
  if (viewer.isBanned) return "Your account is banned: you cannot report posts.";
  if (post.authorId === viewer.id) return "You cannot report your own post.";
  return "This post does not exist any more.";
}

/** A member reports someone else's post. A second report by the same member replaces their reason. */
export async function reportPost(
  viewer: Viewer,
  postId: number,
  reason: unknown,
): Promise<ReportResult> {
  if (!isSignedIn(viewer)) return refuse("Sign in to report posts.");
  if (viewer.isBanned) return refuse("Your account is banned: you cannot report posts.");
  const parsed = reportReasonSchema.safeParse(reason);
  if (!parsed.success)
    return refuse(parsed.error.issues[0]?.message ?? "Enter a reason.", "reason");

  return db.transaction(async (tx) => {
    // The post row lock orders concurrent reports of one post: exactly one open report is created.
    const [row] = await tx
      .select(postTargetColumns)
      .from(posts)
      .innerJoin(threads, eq(threads.id, posts.threadId))
      .innerJoin(forums, eq(forums.id, threads.forumId))
      .where(eq(posts.id, postId))
      .for("no key update", { of: posts });
    const post = row && withForum(row);
    // Posts the member cannot see (deleted, in a deleted thread, waiting for approval) are not there for them.
    const visible =
      post &&
      !post.thread.deletedAt &&
      (post.approvalState === "approved" || post.authorId === viewer.id);
    if (!post || !visible) return refuse("This post does not exist any more.");
    if (!can(viewer, "report", post)) return refuse(reportRefusal(viewer, post));

    const [open] = await tx
      .select({ id: reports.id })
      .from(reports)
      .where(and(eq(reports.postId, post.id), eq(reports.state, "open")))
      .for("update");
    let reportId = open?.id;
    if (reportId === undefined) {
      const [created] = await tx
        .insert(reports)
        .values({ postId: post.id })
        .returning({ id: reports.id });
      reportId = created!.id;
    }
    const [previous] = await tx
      .select({ id: reportReasons.id })
      .from(reportReasons)
      .where(and(eq(reportReasons.reportId, reportId), eq(reportReasons.reporterId, viewer.id)));
    if (previous) {
      await tx
        .update(reportReasons)
        .set({ reason: parsed.data, createdAt: sql`now()` })
        .where(eq(reportReasons.id, previous.id));
      return ok({
        updated: true,
        message:
          "You had already reported this post: your reason was updated. The moderators will look at it.",
      });
    }
    await tx.insert(reportReasons).values({ reportId, reporterId: viewer.id, reason: parsed.data });
    return ok({ updated: false, message: REPORT_THANKS });
  });
}

function handleRefusal(viewer: Viewer): string {
  if (!isSignedIn(viewer)) return "Sign in as a moderator to handle reports.";
  if (viewer.isBanned) return "Banned members cannot handle reports.";
  return "Only moderators and administrators can handle reports.";
}

async function closeReport(
  viewer: Viewer,
  reportId: number,
  state: "resolved" | "rejected",
  note: unknown,
): Promise<ModerationResult> {
  if (!can(viewer, "handleReports")) return refuse(handleRefusal(viewer));
  const parsedNote = reportNoteSchema.safeParse(note ?? "");
  if (!parsedNote.success)
    return refuse(parsedNote.error.issues[0]?.message ?? "That note cannot be used.");
  return db.transaction(async (tx) => {
    const [report] = await tx
      .select({
        id: reports.id,
        state: reports.state,
        postId: reports.postId,
        threadTitle: threads.title,
        postAuthor: posts.authorName,
      })
      .from(reports)
      .innerJoin(posts, eq(posts.id, reports.postId))
      .innerJoin(threads, eq(threads.id, posts.threadId))
      .where(eq(reports.id, reportId))
      .for("update", { of: reports });
    if (!report) return refuse("This report does not exist any more.");
    if (report.state !== "open") return refuse(`This report was already ${report.state}.`);
    await tx
      .update(reports)
      .set({ state, handledById: viewer.id, handledAt: sql`now()` })
      .where(eq(reports.id, report.id));
    const [{ reasons } = { reasons: 0 }] = await tx
      .select({ reasons: count() })
      .from(reportReasons)
      .where(eq(reportReasons.reportId, report.id));
    await logModAction(tx, {
      actorId: viewer.id!,
      action: state === "resolved" ? "report.resolve" : "report.reject",
      targetType: "report",
      targetId: report.id,
      targetLabel: `Post by ${report.postAuthor} in “${report.threadTitle}”`,
      reason: parsedNote.data || null,
      details: { postId: report.postId, reasons },
    });
    return ok({
      message: `Report on ${report.postAuthor}'s post in “${report.threadTitle}” ${state}.`,
    });
  });
}

/** Staff close an open report as handled (the post was dealt with). */
export const resolveReport = (viewer: Viewer, reportId: number, note?: string) =>
  closeReport(viewer, reportId, "resolved", note);
/** Staff close an open report as unfounded. */
export const rejectReport = (viewer: Viewer, reportId: number, note?: string) =>
  closeReport(viewer, reportId, "rejected", note);

export async function openReportCount(): Promise<number> {
  const [row] = await db.select({ n: count() }).from(reports).where(eq(reports.state, "open"));
  return row?.n ?? 0;
}

/** How many reports are in each state, for the page's tabs. */
export async function reportCounts(): Promise<Record<ReportState, number>> {
  const rows = await db
    .select({ state: reports.state, n: count() })
    .from(reports)
    .groupBy(reports.state);
  const counts: Record<ReportState, number> = { open: 0, resolved: 0, rejected: 0 };
  for (const row of rows) counts[row.state] = row.n;
  return counts;
}

export interface ReportView {
  id: number;
  state: ReportState;
  createdAt: Date;
  handled: { byName: string | null; at: Date; note: string | null } | null;
  post: {
    id: number;
    url: string;
    html: string;
    createdAt: Date;
    position: number;
    deleted: boolean;
    approvalState: "approved" | "pending" | "rejected";
    author: { name: string; url: string | null };
  };
  thread: { id: number; title: string; url: string; deleted: boolean };
  reasons: {
    id: number;
    reporterName: string;
    reporterUrl: string | null;
    reason: string;
    at: Date;
  }[];
}

export interface ReportList {
  state: ReportState;
  reports: ReportView[];
  total: number;
  page: number;
  pageCount: number;
}

const handlers = alias(users, "handlers");
const reporters = alias(users, "reporters");

/** One page of reports in a state, newest first, each with its post in context and every reason. */
export async function listReports({
  state,
  page,
}: {
  state: ReportState;
  page: number;
}): Promise<ReportList | null> {
  const [{ total } = { total: 0 }] = await db
    .select({ total: count() })
    .from(reports)
    .where(eq(reports.state, state));
  const pageCount = Math.max(1, Math.ceil(total / REPORTS_PER_PAGE));
  if (page > pageCount) return null;
  const rows = await db
    .select({
      report: reports,
      handlerName: handlers.name,
      post: {
        id: posts.id,
        html: posts.html,
        createdAt: posts.createdAt,
        position: posts.position,
        deletedAt: posts.deletedAt,
        approvalState: posts.approvalState,
        authorName: posts.authorName,
      },
      author: { number: users.number, name: users.name },
      thread: {
        id: threads.id,
        slug: threads.slug,
        title: threads.title,
        deletedAt: threads.deletedAt,
      },
    })
    .from(reports)
    .innerJoin(posts, eq(posts.id, reports.postId))
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .leftJoin(users, eq(users.id, posts.authorId))
    .leftJoin(handlers, eq(handlers.id, reports.handledById))
    .where(eq(reports.state, state))
    .orderBy(desc(reports.createdAt), desc(reports.id))
    .limit(REPORTS_PER_PAGE)
    .offset((page - 1) * REPORTS_PER_PAGE);

  const ids = rows.map((r) => r.report.id);
  const [reasons, notes] = ids.length
    ? await Promise.all([
        db
          .select({
            id: reportReasons.id,
            reportId: reportReasons.reportId,
            reason: reportReasons.reason,
            at: reportReasons.createdAt,
            reporter: { number: reporters.number, name: reporters.name },
          })
          .from(reportReasons)
          .leftJoin(reporters, eq(reporters.id, reportReasons.reporterId))
          .where(inArray(reportReasons.reportId, ids))
          .orderBy(reportReasons.createdAt, reportReasons.id),
        state === "open"
          ? []
          : db
              .select({ targetId: modLog.targetId, reason: modLog.reason })
              .from(modLog)
              .where(
                and(
                  eq(modLog.targetType, "report"),
                  inArray(modLog.action, ["report.resolve", "report.reject"]),
                  inArray(modLog.targetId, ids.map(String)),
                ),
              )
              .orderBy(modLog.id),
      ])
    : [[], []];
  const noteFor = new Map(notes.map((n) => [n.targetId, n.reason]));

  return {
    state,
    total,
    page,
    pageCount,
    reports: rows.map(({ report, handlerName, post, author, thread }) => ({
      id: report.id,
      state: report.state,
      createdAt: report.createdAt,
      handled: report.handledAt
        ? {
            byName: handlerName,
            at: report.handledAt,
            note: noteFor.get(String(report.id)) ?? null,
          }
        : null,
      post: {
        id: post.id,
        url: postUrl(post.id),
        html: post.html,
        createdAt: post.createdAt,
        position: post.position,
        deleted: post.deletedAt !== null,
        approvalState: post.approvalState,
        author: author?.name
          ? { name: author.name, url: memberUrl(author) }
          : { name: post.authorName, url: null },
      },
      thread: {
        id: thread.id,
        title: thread.title,
        url: threadUrl(thread),
        deleted: thread.deletedAt !== null,
      },
      reasons: reasons
        .filter((r) => r.reportId === report.id)
        .map((r) => ({
          id: r.id,
          reporterName: r.reporter?.name ?? "A former member",
          reporterUrl: r.reporter ? memberUrl(r.reporter) : null,
          reason: r.reason,
          at: r.at,
        })),
    })),
  };
}
