// Integration: reporting posts and handling reports, against the real Postgres.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { posts, reportReasons, reports } from "@/db/schema";
import { ANONYMOUS, type Viewer } from "../permissions";
import { setApprovalThreshold } from "./approval";
import {
  listReports,
  openReportCount,
  rejectReport,
  REPORT_THANKS,
  reportPost,
  resolveReport,
} from "./reports";
import {
  makeForum,
  makeMember,
  newThread,
  reply,
  resetApprovalSetting,
} from "@/lib/testing/factories";
import { logLines } from "@/lib/testing/inspect";

let forum: { id: number; slug: string };
let author: Viewer;
let moderator: Viewer;

beforeAll(async () => {
  forum = await makeForum();
  author = await makeMember();
  moderator = await makeMember({ role: "moderator" });
});
afterAll(async () => {
  await resetApprovalSetting();
  await db.$client.end();
});

const reportsOf = (postId: number) => db.select().from(reports).where(eq(reports.postId, postId));
const reasonsOf = (reportId: number) =>
  db
    .select()
    .from(reportReasons)
    .where(eq(reportReasons.reportId, reportId))
    .orderBy(reportReasons.id);

describe("reporting a post", () => {
  it("refuses one's own post, banned and signed-out members, bad reasons and hidden posts, writing nothing", async () => {
    const thread = await newThread({ author, forumId: forum.id });
    const banned = await makeMember({ banned: true });
    const member = await makeMember();
    expect(await reportPost(author, thread.postId, "I regret this")).toEqual({
      ok: false,
      error: "You cannot report your own post.",
    });
    expect(await reportPost(banned, thread.postId, "Spam")).toEqual({
      ok: false,
      error: "Your account is banned: you cannot report posts.",
    });
    expect(await reportPost(ANONYMOUS, thread.postId, "Spam")).toEqual({
      ok: false,
      error: "Sign in to report posts.",
    });
    expect(await reportPost(member, thread.postId, "   ")).toEqual({
      ok: false,
      field: "reason",
      error: "Enter a reason.",
    });
    expect(await reportPost(member, thread.postId, "x".repeat(501))).toEqual({
      ok: false,
      field: "reason",
      error: "Reasons are at most 500 characters long.",
    });
    expect(await reportPost(member, thread.postId, 42)).toMatchObject({
      ok: false,
      field: "reason",
    });
    expect(await reportPost(member, 999_999_999, "Spam")).toEqual({
      ok: false,
      error: "This post does not exist any more.",
    });
    expect(await reportsOf(thread.postId)).toEqual([]);

    // Deleted posts, and posts waiting for approval by someone else, are not there to report.
    const deleted = await reply({ author, threadId: thread.threadId, message: "Soon gone" });
    await db.update(posts).set({ deletedAt: new Date() }).where(eq(posts.id, deleted.postId));
    expect(await reportPost(member, deleted.postId, "Spam")).toEqual({
      ok: false,
      error: "This post does not exist any more.",
    });
    const admin = await makeMember({ role: "admin" });
    try {
      await setApprovalThreshold(admin, 1);
      const newbie = await makeMember();
      const waiting = await reply({
        author: newbie,
        threadId: thread.threadId,
        message: "Waiting",
      });
      expect(await reportPost(member, waiting.postId, "Spam")).toEqual({
        ok: false,
        error: "This post does not exist any more.",
      });
      expect(await reportsOf(waiting.postId)).toEqual([]);
    } finally {
      await resetApprovalSetting();
    }
    expect(await reportsOf(deleted.postId)).toEqual([]);
  });

  it("gathers several members' reasons in one open report; a second report by one member updates their reason", async () => {
    const thread = await newThread({
      author,
      forumId: forum.id,
      title: "A thread with a reported post",
    });
    const first = await makeMember();
    const second = await makeMember();
    const openBefore = await openReportCount();
    const [a, b] = await Promise.all([
      reportPost(first, thread.postId, "  Insulting  "),
      reportPost(second, thread.postId, "Off topic"),
    ]);
    expect([a, b]).toEqual([
      { ok: true, updated: false, message: REPORT_THANKS },
      { ok: true, updated: false, message: REPORT_THANKS },
    ]);
    const [report, ...others] = await reportsOf(thread.postId);
    expect(others).toEqual([]);
    expect(report!.state).toBe("open");
    expect(await openReportCount()).toBe(openBefore + 1);
    expect((await reasonsOf(report!.id)).map((r) => [r.reporterId, r.reason]).sort()).toEqual(
      [
        [first.id, "Insulting"],
        [second.id, "Off topic"],
      ].sort(),
    );

    expect(await reportPost(first, thread.postId, "Insulting, and repeated")).toMatchObject({
      ok: true,
      updated: true,
      message: expect.stringContaining("already reported"),
    });
    const reasons = await reasonsOf(report!.id);
    expect(reasons).toHaveLength(2);
    expect(reasons.find((r) => r.reporterId === first.id)!.reason).toBe("Insulting, and repeated");

    const list = await listReports({ state: "open", page: 1 });
    const shown = list!.reports.find((r) => r.id === report!.id)!;
    expect(shown).toMatchObject({
      state: "open",
      handled: null,
      post: {
        id: thread.postId,
        url: `/posts/${thread.postId}`,
        author: { name: author.name },
        html: expect.stringContaining("Opening post"),
      },
      thread: {
        title: "A thread with a reported post",
        url: expect.stringMatching(/^\/threads\/\d+-/),
      },
    });
    expect(shown.reasons.map((r) => [r.reporterName, r.reason]).sort()).toEqual(
      [
        [first.name, "Insulting, and repeated"],
        [second.name, "Off topic"],
      ].sort(),
    );
    // Newest first.
    const newer = await newThread({ author, forumId: forum.id, title: "A later reported thread" });
    await reportPost(first, newer.postId, "Spam");
    const again = await listReports({ state: "open", page: 1 });
    expect(again!.reports[0]!.post.id).toBe(newer.postId);
  });
});

describe("handling reports", () => {
  it("lets staff only resolve or reject an open report, logging each decision once", async () => {
    const thread = await newThread({ author, forumId: forum.id, title: "Handled reports" });
    const reporter = await makeMember();
    await reportPost(reporter, thread.postId, "Rude");
    const [report] = await reportsOf(thread.postId);
    const member = await makeMember();
    const bannedModerator = await makeMember({ role: "moderator", banned: true });

    for (const viewer of [ANONYMOUS, member, reporter, bannedModerator]) {
      expect(await resolveReport(viewer, report!.id)).toMatchObject({ ok: false });
      expect(await rejectReport(viewer, report!.id)).toMatchObject({ ok: false });
    }
    expect(await resolveReport(member, report!.id)).toEqual({
      ok: false,
      error: "Only moderators and administrators can handle reports.",
    });
    expect((await reportsOf(thread.postId))[0]!.state).toBe("open");
    expect(await logLines("report", report!.id)).toEqual([]);
    expect(await resolveReport(moderator, report!.id, "x".repeat(501))).toMatchObject({
      ok: false,
    });
    expect(await logLines("report", report!.id)).toEqual([]);

    expect(await resolveReport(moderator, report!.id, "Warned the author")).toMatchObject({
      ok: true,
    });
    const [handled] = await reportsOf(thread.postId);
    expect(handled).toMatchObject({ state: "resolved", handledById: moderator.id });
    expect(handled!.handledAt).toBeInstanceOf(Date);
    expect(await logLines("report", report!.id)).toMatchObject([
      {
        action: "report.resolve",
        actorId: moderator.id,
        reason: "Warned the author",
        details: { postId: thread.postId, reasons: 1 },
      },
    ]);
    expect(await rejectReport(moderator, report!.id)).toEqual({
      ok: false,
      error: "This report was already resolved.",
    });
    expect(await logLines("report", report!.id)).toHaveLength(1);

    const resolved = await listReports({ state: "resolved", page: 1 });
    expect(resolved!.reports.find((r) => r.id === report!.id)).toMatchObject({
      handled: { byName: moderator.name, note: "Warned the author" },
    });
    expect((await listReports({ state: "open", page: 1 }))!.reports.map((r) => r.id)).not.toContain(
      report!.id,
    );

    // A later report of the same post opens a new report; rejecting it is logged too.
    await reportPost(reporter, thread.postId, "Still rude");
    const reopened = (await reportsOf(thread.postId)).find((r) => r.state === "open")!;
    expect(reopened.id).not.toBe(report!.id);
    expect(await rejectReport(moderator, reopened.id)).toMatchObject({ ok: true });
    expect(await logLines("report", reopened.id)).toMatchObject([
      {
        action: "report.reject",
        actorId: moderator.id,
        reason: null,
        details: { postId: thread.postId, reasons: 1 },
      },
    ]);
    expect(await resolveReport(moderator, 999_999_999)).toEqual({
      ok: false,
      error: "This report does not exist any more.",
    });
  });
});
