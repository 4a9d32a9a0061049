// Integration: the thread tools against the real Postgres. Members are refused with nothing written
// or logged; staff actions write one log line and leave every counter equal to a recount.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { forums, posts, reactions, threads, users, type Forum } from "@/db/schema";
import { ANONYMOUS, type Viewer } from "../permissions";
import { createReply } from "../forum/posting";
import { getForumPage } from "../forum/forum-page";
import { findPostLocation, getThreadPage } from "../forum/thread-page";
import { toggleReaction } from "../forum/reactions";
import { threadRefSchema } from "./inputs";
import { cleanUp, makeForum, makeMember, makeThread } from "@/lib/testing/factories";
import {
  ALL_MATCH_FORUM,
  ALL_MATCH_THREAD,
  forumMatchesRecount,
  logCount,
  logLines,
  memberMatchesRecount,
  threadMatchesRecount,
} from "@/lib/testing/inspect";
import {
  deleteThread,
  hardDeleteThread,
  lockThread,
  mergeThreads,
  moveThread,
  renameThread,
  restoreThread,
  splitPosts,
  stickThread,
  unlockThread,
  unstickThread,
} from "./threads";

let forumA: Forum;
let forumB: Forum;
let moderator: Viewer;
let admin: Viewer;
let member: Viewer;

beforeAll(async () => {
  [forumA, forumB] = [await makeForum(), await makeForum()];
  moderator = await makeMember({ role: "moderator" });
  admin = await makeMember({ role: "admin" });
  member = await makeMember();
});
afterAll(async () => {
  await cleanUp();
  await db.$client.end();
});

const threadRow = async (id: number) =>
  (await db.select().from(threads).where(eq(threads.id, id)))[0];
const forumRow = async (id: number) => (await db.select().from(forums).where(eq(forums.id, id)))[0];
const positionsOf = async (threadId: number) =>
  (
    await db
      .select({ id: posts.id, position: posts.position })
      .from(posts)
      .where(eq(posts.threadId, threadId))
      .orderBy(asc(posts.position))
  ).map((p) => [p.id, p.position]);

async function everythingMatches(threadIds: number[], forumIds: number[] = [forumA.id, forumB.id]) {
  for (const id of threadIds)
    expect(await threadMatchesRecount(id), `thread ${id}`).toEqual(ALL_MATCH_THREAD);
  for (const id of forumIds)
    expect(await forumMatchesRecount(id), `forum ${id}`).toEqual(ALL_MATCH_FORUM);
}

describe("refusals", () => {
  it("refuses members, signed-out visitors and banned moderators every thread tool: nothing changes, nothing is logged", async () => {
    const { threadId, postIds } = await makeThread({
      forumId: forumA.id,
      messages: ["Opening", "Reply one", "Reply two"],
    });
    const other = await makeThread({ forumId: forumA.id, messages: ["Another opening"] });
    const bannedModerator = { ...(await makeMember({ role: "moderator" })), isBanned: true };
    const before = {
      thread: await threadRow(threadId),
      other: await threadRow(other.threadId),
      forum: await forumRow(forumA.id),
      log: await logCount(),
      positions: await positionsOf(threadId),
    };

    const tools = [
      () => lockThread(member, { threadId }),
      () => unlockThread(member, { threadId }),
      () => stickThread(member, { threadId }),
      () => unstickThread(member, { threadId }),
      () => renameThread(member, { threadId, title: "Hijacked" }),
      () => moveThread(member, { threadId, forumId: forumB.id }),
      () => deleteThread(member, { threadId, reason: "because" }),
      () => restoreThread(member, { threadId }),
      () => hardDeleteThread(member, { threadId }),
      () => mergeThreads(member, { sourceId: threadId, targetId: other.threadId }),
      () => splitPosts(member, { postIds: [postIds[2]], newTitle: "Split by a member" }),
      () => splitPosts(member, { postIds: [postIds[2]], targetThreadId: String(other.threadId) }),
    ];
    for (const tool of tools)
      expect(await tool()).toEqual({
        ok: false,
        error: "Only moderators and administrators can do that.",
      });
    expect(await lockThread(ANONYMOUS, { threadId })).toEqual({
      ok: false,
      error: "Sign in as a moderator to do that.",
    });
    expect(await deleteThread(bannedModerator, { threadId })).toEqual({
      ok: false,
      error: "Your account is banned: you cannot moderate.",
    });
    expect(await hardDeleteThread(moderator, { threadId })).toEqual({
      ok: false,
      error: "Only administrators can delete threads permanently.",
    });

    expect(await threadRow(threadId)).toEqual(before.thread);
    expect(await threadRow(other.threadId)).toEqual(before.other);
    expect(await forumRow(forumA.id)).toEqual(before.forum);
    expect(await positionsOf(threadId)).toEqual(before.positions);
    expect(await logCount()).toBe(before.log);
  });

  it("refuses reasons over 500 characters and unknown threads, writing nothing", async () => {
    const { threadId } = await makeThread({ forumId: forumA.id, messages: ["Opening"] });
    const log = await logCount();
    expect(await deleteThread(moderator, { threadId, reason: "x".repeat(501) })).toEqual({
      ok: false,
      error: "Reasons are at most 500 characters long.",
    });
    expect(await lockThread(moderator, { threadId, reason: "x".repeat(501) })).toEqual({
      ok: false,
      error: "Reasons are at most 500 characters long.",
    });
    expect(await lockThread(moderator, { threadId: 999_999_999 })).toEqual({
      ok: false,
      error: "This thread does not exist any more.",
    });
    expect(await lockThread(moderator, { threadId: "abc" })).toEqual({
      ok: false,
      error: "This thread does not exist any more.",
    });
    expect((await threadRow(threadId))!.deletedAt).toBeNull();
    expect((await threadRow(threadId))!.isLocked).toBe(false);
    expect(await logCount()).toBe(log);
    // 500 is allowed, trimmed.
    expect(await lockThread(moderator, { threadId, reason: ` ${"y".repeat(500)} ` })).toMatchObject(
      { ok: true },
    );
    expect((await logLines("thread", threadId))[0]!.reason).toBe("y".repeat(500));
  });
});

describe("lock, stick, rename", () => {
  it("locks and unlocks: members cannot reply to a locked thread, staff can; one log line each", async () => {
    const { threadId } = await makeThread({ forumId: forumA.id, messages: ["Opening"] });
    expect(await lockThread(moderator, { threadId, reason: "Cooling off" })).toMatchObject({
      ok: true,
      message: "The thread is locked: members can no longer reply.",
    });
    expect(
      await createReply(member, { threadId, message: "Sneaking in", idempotencyKey: randomUUID() }),
    ).toMatchObject({
      ok: false,
      error: "This thread is locked: it takes no new replies.",
    });
    expect(
      (
        await createReply(moderator, {
          threadId,
          message: "Staff note",
          idempotencyKey: randomUUID(),
        })
      ).ok,
    ).toBe(true);
    // Locking again changes nothing and logs nothing.
    expect(await lockThread(admin, { threadId })).toMatchObject({
      ok: true,
      message: "This thread is already locked.",
    });
    expect(await unlockThread(admin, { threadId })).toMatchObject({ ok: true });
    expect(
      (await createReply(member, { threadId, message: "Now I may", idempotencyKey: randomUUID() }))
        .ok,
    ).toBe(true);

    const log = await logLines("thread", threadId);
    expect(log.map((l) => [l.action, l.actorId, l.reason])).toEqual([
      ["thread.lock", moderator.id, "Cooling off"],
      ["thread.unlock", admin.id, null],
    ]);
    await everythingMatches([threadId]);
  });

  it("sticks a thread first in its forum, with the flag the forum list shows, and unsticks it", async () => {
    const { threadId } = await makeThread({
      forumId: forumA.id,
      messages: ["Opening"],
      title: "Please read first",
    });
    await makeThread({ forumId: forumA.id, messages: ["A newer thread"] });
    expect((await getForumPage(forumA.slug, 1))!.threads[0]!.id).not.toBe(threadId);
    expect(await stickThread(moderator, { threadId })).toMatchObject({
      ok: true,
      message: "The thread is sticky: it shows first in its forum.",
    });
    const listed = (await getForumPage(forumA.slug, 1))!.threads[0]!;
    expect(listed).toMatchObject({ id: threadId, isSticky: true });
    expect(await unstickThread(moderator, { threadId })).toMatchObject({ ok: true });
    expect((await getForumPage(forumA.slug, 1))!.threads[0]!.id).not.toBe(threadId);
    expect((await logLines("thread", threadId)).map((l) => l.action)).toEqual([
      "thread.stick",
      "thread.unstick",
    ]);
  });

  it("renames with the title rules, changing the slug, and logs old and new titles", async () => {
    const { threadId, title } = await makeThread({ forumId: forumA.id, messages: ["Opening"] });
    expect(await renameThread(moderator, { threadId, title: " ab " })).toEqual({
      ok: false,
      error: "Titles are at least 3 characters long.",
    });
    expect(await renameThread(moderator, { threadId, title: "t".repeat(151) })).toEqual({
      ok: false,
      error: "Titles are at most 150 characters long.",
    });
    const result = await renameThread(moderator, { threadId, title: "  A   clearer   title " });
    expect(result).toEqual({
      ok: true,
      message: "The thread is renamed.",
      threadId,
      url: `/threads/${threadId}-a-clearer-title`,
    });
    expect(await threadRow(threadId)).toMatchObject({
      title: "A clearer title",
      slug: "a-clearer-title",
    });
    const [line] = await logLines("thread", threadId);
    expect(line).toMatchObject({
      action: "thread.rename",
      targetLabel: "A clearer title",
      details: { from: title, to: "A clearer title" },
    });
  });
});

describe("move", () => {
  it("moves a thread to another forum: both forums' counts and last posts follow", async () => {
    const older = await makeThread({ forumId: forumB.id, messages: ["Already in B"] });
    const { threadId, postIds } = await makeThread({
      forumId: forumA.id,
      messages: ["Opening", "Reply", "Another reply"],
    });
    const [a0, b0] = [await forumRow(forumA.id), await forumRow(forumB.id)];
    expect(a0!.lastPostId).toBe(postIds[2]);

    expect(await moveThread(moderator, { threadId, forumId: 999_999 })).toEqual({
      ok: false,
      error: "This forum does not exist.",
    });
    expect(await moveThread(moderator, { threadId, forumId: forumA.id })).toEqual({
      ok: false,
      error: `This thread is already in ${forumA.title}.`,
    });
    expect(
      await moveThread(moderator, { threadId, forumId: String(forumB.id), reason: "Belongs in B" }),
    ).toMatchObject({ ok: true, message: `The thread was moved to ${forumB.title}.` });

    const [a1, b1] = [await forumRow(forumA.id), await forumRow(forumB.id)];
    expect([a1!.threadCount - a0!.threadCount, a1!.messageCount - a0!.messageCount]).toEqual([
      -1, -3,
    ]);
    expect([b1!.threadCount - b0!.threadCount, b1!.messageCount - b0!.messageCount]).toEqual([
      1, 3,
    ]);
    expect(b1!.lastPostId).toBe(postIds[2]);
    expect(a1!.lastPostId).not.toBe(postIds[2]);
    expect(older.postIds[0]).not.toBe(b1!.lastPostId);
    await everythingMatches([threadId]);
    const [line] = await logLines("thread", threadId);
    expect(line).toMatchObject({
      action: "thread.move",
      reason: "Belongs in B",
      details: {
        fromForumId: forumA.id,
        toForumId: forumB.id,
        fromForum: forumA.title,
        toForum: forumB.title,
      },
    });
  });
});

describe("delete, restore, delete permanently", () => {
  it("soft-deletes: members no longer see it, staff see it greyed with who and why; counts drop; restore brings it back", async () => {
    const { threadId, postIds } = await makeThread({
      forumId: forumA.id,
      messages: ["Opening", "Reply"],
    });
    const authors = await db
      .select({ authorId: posts.authorId })
      .from(posts)
      .where(eq(posts.threadId, threadId));
    const a0 = await forumRow(forumA.id);

    expect(await deleteThread(moderator, { threadId, reason: "Spam" })).toMatchObject({ ok: true });
    expect(await deleteThread(moderator, { threadId })).toEqual({
      ok: false,
      error: "This thread is already deleted.",
    });
    const a1 = await forumRow(forumA.id);
    expect([a1!.threadCount - a0!.threadCount, a1!.messageCount - a0!.messageCount]).toEqual([
      -1, -2,
    ]);
    for (const { authorId } of authors)
      expect(await memberMatchesRecount(authorId!)).toEqual({ messages: true });
    const [author] = await db.select().from(users).where(eq(users.id, authors[0]!.authorId!));
    expect(author!.messageCount).toBe(0);

    expect(
      await getThreadPage(threadId, 1, { viewerId: member.id, seesDeleted: false }),
    ).toBeNull();
    expect(await findPostLocation(postIds[1]!)).toBeNull();
    const staffView = await getThreadPage(threadId, 1, {
      viewerId: moderator.id,
      seesDeleted: true,
    });
    expect(staffView!.thread.deleted).toMatchObject({ byName: moderator.name, reason: "Spam" });
    expect((await getForumPage(forumA.slug, 1))!.threads.map((t) => t.id)).not.toContain(threadId);
    const staffList = (await getForumPage(forumA.slug, 1, { seesDeleted: true }))!.threads.find(
      (t) => t.id === threadId,
    );
    expect(staffList?.deleted).toMatchObject({ byName: moderator.name, reason: "Spam" });
    expect(
      await createReply(moderator, {
        threadId,
        message: "Into the void",
        idempotencyKey: randomUUID(),
      }),
    ).toMatchObject({ ok: false });

    expect(await restoreThread(moderator, { threadId })).toMatchObject({ ok: true });
    expect(await restoreThread(moderator, { threadId })).toEqual({
      ok: false,
      error: "This thread is not deleted.",
    });
    const a2 = await forumRow(forumA.id);
    expect([a2!.threadCount, a2!.messageCount]).toEqual([a0!.threadCount, a0!.messageCount]);
    expect(await threadRow(threadId)).toMatchObject({
      deletedAt: null,
      deletedById: null,
      deleteReason: null,
    });
    for (const { authorId } of authors)
      expect(await memberMatchesRecount(authorId!)).toEqual({ messages: true });
    expect((await logLines("thread", threadId)).map((l) => [l.action, l.reason])).toEqual([
      ["thread.delete", "Spam"],
      ["thread.restore", null],
    ]);
    await everythingMatches([threadId]);
  });

  it("deletes for good, administrators only: posts go, counters and reaction scores follow", async () => {
    const { threadId, postIds } = await makeThread({
      forumId: forumA.id,
      messages: ["Opening", "Reply"],
    });
    const [reply] = await db.select().from(posts).where(eq(posts.id, postIds[1]!));
    expect(await toggleReaction(member, reply!.id, "like")).toMatchObject({ ok: true });
    const [authorBefore] = await db.select().from(users).where(eq(users.id, reply!.authorId!));
    expect(authorBefore!.reactionScore).toBe(1);
    const log = await logCount();

    expect(await hardDeleteThread(moderator, { threadId })).toEqual({
      ok: false,
      error: "Only administrators can delete threads permanently.",
    });
    expect(await logCount()).toBe(log);
    const result = await hardDeleteThread(admin, { threadId, reason: "Illegal content" });
    expect(result).toMatchObject({ ok: true, url: `/forums/${forumA.slug}` });
    expect(await threadRow(threadId)).toBeUndefined();
    expect(await db.select().from(posts).where(eq(posts.threadId, threadId))).toEqual([]);
    expect(await db.select().from(reactions).where(eq(reactions.postId, reply!.id))).toEqual([]);
    const [authorAfter] = await db.select().from(users).where(eq(users.id, reply!.authorId!));
    expect(authorAfter).toMatchObject({ reactionScore: 0, messageCount: 0 });
    await everythingMatches([], [forumA.id]);
    const [line] = await logLines("thread", threadId);
    expect(line).toMatchObject({
      action: "thread.hard_delete",
      actorId: admin.id,
      reason: "Illegal content",
      details: { forumId: forumA.id, posts: 2 },
    });
  });
});

describe("merge", () => {
  it("appends the source's posts after the target's, in order; quotes still resolve; counts are exact; the source is gone", async () => {
    const target = await makeThread({
      forumId: forumA.id,
      messages: ["Target opening", "Target reply"],
    });
    const source = await makeThread({
      forumId: forumB.id,
      messages: ["Source opening", "Source reply"],
    });
    // Quotes across the two threads, by post id.
    const quoting = await createReply(await makeMember(), {
      threadId: source.threadId,
      message: `::: quote ${target.postIds[1]} Someone\nTarget reply\n:::\n\nQuoting the other thread.`,
      idempotencyKey: randomUUID(),
    });
    if (!quoting.ok) throw new Error(quoting.error);
    const sourceIds = [...source.postIds, quoting.postId];
    const [a0, b0] = [await forumRow(forumA.id), await forumRow(forumB.id)];

    expect(
      await mergeThreads(moderator, { sourceId: source.threadId, targetId: source.threadId }),
    ).toEqual({ ok: false, error: "Choose another thread to merge this one into." });
    expect(
      await mergeThreads(moderator, { sourceId: source.threadId, targetId: "not a thread" }),
    ).toMatchObject({ ok: false, error: expect.stringContaining("number or its address") });
    expect(
      await mergeThreads(moderator, { sourceId: source.threadId, targetId: "999999999" }),
    ).toEqual({ ok: false, error: "The thread to merge into does not exist." });

    const result = await mergeThreads(moderator, {
      sourceId: source.threadId,
      targetId: `http://localhost:3000/threads/${target.threadId}-whatever?page=2#post-1`,
      reason: "Duplicate",
    });
    expect(result).toMatchObject({
      ok: true,
      threadId: target.threadId,
      message: `3 posts from “${source.title}” were merged into “${target.title}”.`,
    });

    expect(await threadRow(source.threadId)).toBeUndefined();
    expect(await positionsOf(target.threadId)).toEqual(
      [...target.postIds, ...sourceIds].map((id, i) => [id, i + 1]),
    );
    expect(await threadRow(target.threadId)).toMatchObject({
      replyCount: 4,
      firstPostId: target.postIds[0],
      lastPostId: quoting.postId,
    });
    expect(await findPostLocation(target.postIds[1]!)).toBe(
      `/threads/${target.threadId}-${(await threadRow(target.threadId))!.slug}#post-${target.postIds[1]}`,
    );
    expect(await findPostLocation(source.postIds[0]!)).toMatch(
      new RegExp(`^/threads/${target.threadId}-.*#post-${source.postIds[0]}$`),
    );
    const [quote] = await db.select().from(posts).where(eq(posts.id, quoting.postId));
    expect(quote!.html).toContain(`href="/posts/${target.postIds[1]}"`);

    const [a1, b1] = [await forumRow(forumA.id), await forumRow(forumB.id)];
    expect([a1!.threadCount - a0!.threadCount, a1!.messageCount - a0!.messageCount]).toEqual([
      0, 3,
    ]);
    expect([b1!.threadCount - b0!.threadCount, b1!.messageCount - b0!.messageCount]).toEqual([
      -1, -3,
    ]);
    expect(a1!.lastPostId).toBe(quoting.postId);
    await everythingMatches([target.threadId]);
    const [line] = await logLines("thread", target.threadId);
    expect(line).toMatchObject({
      action: "thread.merge",
      reason: "Duplicate",
      details: { sourceId: source.threadId, sourceTitle: source.title, posts: 3 },
    });
  });

  it("keeps counters exact when replies arrive while threads merge", async () => {
    const target = await makeThread({ forumId: forumA.id, messages: ["Target"] });
    const source = await makeThread({ forumId: forumA.id, messages: ["Source"] });
    const repliers = await Promise.all(Array.from({ length: 8 }, () => makeMember()));
    const results = await Promise.all([
      ...repliers.map((r, i) =>
        createReply(r, {
          threadId: i % 2 ? target.threadId : source.threadId,
          message: `racing ${i}`,
          idempotencyKey: randomUUID(),
        }),
      ),
      mergeThreads(moderator, { sourceId: source.threadId, targetId: target.threadId }),
    ]);
    expect(results.at(-1)).toMatchObject({ ok: true });
    const posted = results.slice(0, -1).filter((r) => r.ok).length;
    expect(results.slice(0, -1).filter((r) => !r.ok)).toEqual(
      results
        .slice(0, -1)
        .filter((r) => !r.ok && r.error === "This thread does not exist any more."),
    );
    expect((await threadRow(target.threadId))!.replyCount).toBe(1 + posted);
    await everythingMatches([target.threadId]);
  });
});

describe("split", () => {
  it("moves chosen posts into a new thread in the same forum, in order; both threads stay numbered 1…n", async () => {
    const { threadId, postIds, title } = await makeThread({
      forumId: forumA.id,
      messages: ["One", "Two", "Three", "Four", "Five"],
    });
    const a0 = await forumRow(forumA.id);
    const chosen = [postIds[3]!, postIds[1]!]; // order of the request does not matter

    expect(await splitPosts(moderator, { postIds: chosen, newTitle: "x" })).toEqual({
      ok: false,
      error: "Titles are at least 3 characters long.",
    });
    expect(await splitPosts(moderator, { postIds: [], newTitle: "Fine title" })).toEqual({
      ok: false,
      error: "Choose posts first.",
    });
    expect(await splitPosts(moderator, { postIds, newTitle: "Everything" })).toEqual({
      ok: false,
      error:
        "Leave at least one post in this thread: to move all of them, merge the thread instead.",
    });
    expect(
      await splitPosts(moderator, {
        postIds: chosen,
        newTitle: "Fine title",
        reason: "z".repeat(501),
      }),
    ).toEqual({ ok: false, error: "Reasons are at most 500 characters long." });

    const result = await splitPosts(moderator, {
      postIds: chosen,
      newTitle: "Two and four",
      reason: "Off topic",
    });
    expect(result).toMatchObject({ ok: true, message: "2 posts moved to “Two and four”." });
    if (!result.ok) return;
    const newThread = await threadRow(result.threadId);
    expect(newThread).toMatchObject({
      forumId: forumA.id,
      title: "Two and four",
      firstPostId: postIds[1],
      lastPostId: postIds[3],
      replyCount: 1,
    });
    const [second] = await db.select().from(posts).where(eq(posts.id, postIds[1]!));
    expect(newThread).toMatchObject({ authorId: second!.authorId, authorName: second!.authorName });
    expect(await positionsOf(result.threadId)).toEqual([
      [postIds[1], 1],
      [postIds[3], 2],
    ]);
    expect(await positionsOf(threadId)).toEqual([
      [postIds[0], 1],
      [postIds[2], 2],
      [postIds[4], 3],
    ]);
    expect(await threadRow(threadId)).toMatchObject({
      replyCount: 2,
      lastPostId: postIds[4],
      title,
    });
    expect(await findPostLocation(postIds[3]!)).toBe(
      `/threads/${result.threadId}-two-and-four#post-${postIds[3]}`,
    );
    const a1 = await forumRow(forumA.id);
    expect([a1!.threadCount - a0!.threadCount, a1!.messageCount - a0!.messageCount]).toEqual([
      1, 0,
    ]);
    await everythingMatches([threadId, result.threadId]);
    const [line] = await logLines("thread", threadId);
    expect(line).toMatchObject({
      action: "thread.split",
      reason: "Off topic",
      details: { postIds: [postIds[1], postIds[3]], toThreadId: result.threadId, newThread: true },
    });
  });

  it("moves chosen posts to the end of an existing thread in another forum; moving the first post hands the thread to the next", async () => {
    const source = await makeThread({
      forumId: forumA.id,
      messages: ["Source one", "Source two", "Source three"],
    });
    const target = await makeThread({ forumId: forumB.id, messages: ["Target one", "Target two"] });
    const [a0, b0] = [await forumRow(forumA.id), await forumRow(forumB.id)];

    expect(
      await splitPosts(moderator, {
        postIds: [source.postIds[0]!],
        targetThreadId: String(source.threadId),
      }),
    ).toEqual({ ok: false, error: "Choose another thread to move the posts to." });
    expect(
      await splitPosts(moderator, {
        postIds: [source.postIds[0]!, target.postIds[1]!],
        targetThreadId: "1",
      }),
    ).toEqual({ ok: false, error: "Choose posts from one thread at a time." });

    const result = await splitPosts(admin, {
      postIds: [source.postIds[0]!, source.postIds[2]!],
      targetThreadId: `/threads/${target.threadId}-target`,
    });
    expect(result).toMatchObject({ ok: true, threadId: target.threadId });
    expect(await positionsOf(target.threadId)).toEqual(
      [...target.postIds, source.postIds[0], source.postIds[2]].map((id, i) => [id, i + 1]),
    );
    expect(await positionsOf(source.threadId)).toEqual([[source.postIds[1], 1]]);
    const [second] = await db.select().from(posts).where(eq(posts.id, source.postIds[1]!));
    expect(await threadRow(source.threadId)).toMatchObject({
      firstPostId: source.postIds[1],
      replyCount: 0,
      authorId: second!.authorId,
    });
    expect(await threadRow(target.threadId)).toMatchObject({
      firstPostId: target.postIds[0],
      replyCount: 3,
      lastPostId: source.postIds[2],
    });

    const [a1, b1] = [await forumRow(forumA.id), await forumRow(forumB.id)];
    expect([a1!.threadCount - a0!.threadCount, a1!.messageCount - a0!.messageCount]).toEqual([
      0, -2,
    ]);
    expect([b1!.threadCount - b0!.threadCount, b1!.messageCount - b0!.messageCount]).toEqual([
      0, 2,
    ]);
    await everythingMatches([source.threadId, target.threadId]);
  });
});

describe("thread references", () => {
  it("reads a thread's number from what a moderator pastes", () => {
    const parse = (value: string) => threadRefSchema.safeParse(value);
    expect(parse("42").data).toBe(42);
    expect(parse(" #42 ").data).toBe(42);
    expect(parse("/threads/42-some-title").data).toBe(42);
    expect(parse("https://forum.example/threads/42-some-title?page=3#post-9").data).toBe(42);
    expect(parse("/threads/42").data).toBe(42);
    expect(parse("/posts/42").success).toBe(false);
    expect(parse("forty-two").success).toBe(false);
    expect(parse("0").success).toBe(false);
    expect(parse("99999999999").success).toBe(false);
  });
});
