// Integration: deleting and restoring posts against the real Postgres, counters checked against
// recounts, what members and staff then see, and the log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { forums, posts, threads, users, type Forum } from "@/db/schema";
import type { Viewer } from "../permissions";
import { findPostLocation, getThreadPage } from "../forum/thread-page";
import { deletePosts, restorePosts } from "./posts";
import { deleteThread, restoreThread } from "./threads";
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

let forum: Forum;
let moderator: Viewer;
let member: Viewer;

beforeAll(async () => {
  forum = await makeForum();
  moderator = await makeMember({ role: "moderator" });
  member = await makeMember();
});
afterAll(async () => {
  await cleanUp();
  await db.$client.end();
});

const threadRow = async (id: number) =>
  (await db.select().from(threads).where(eq(threads.id, id)))[0]!;
const forumRow = async () => (await db.select().from(forums).where(eq(forums.id, forum.id)))[0]!;
const authorOf = async (postId: number) =>
  (await db.select({ authorId: posts.authorId }).from(posts).where(eq(posts.id, postId)))[0]!
    .authorId!;
const messageCount = async (userId: string) =>
  (await db.select().from(users).where(eq(users.id, userId)))[0]!.messageCount;

async function everythingMatches(threadId: number, authorIds: string[]) {
  expect(await threadMatchesRecount(threadId)).toEqual(ALL_MATCH_THREAD);
  expect(await forumMatchesRecount(forum.id)).toEqual(ALL_MATCH_FORUM);
  for (const id of authorIds) expect(await memberMatchesRecount(id)).toEqual({ messages: true });
}

describe("deleting and restoring posts", () => {
  it("refuses members: nothing changes, nothing is logged", async () => {
    const { threadId, postIds } = await makeThread({
      forumId: forum.id,
      messages: ["Opening", "Reply"],
    });
    const before = {
      thread: await threadRow(threadId),
      forum: await forumRow(),
      log: await logCount(),
    };
    expect(await deletePosts(member, [postIds[1]], "mine now")).toEqual({
      ok: false,
      error: "Only moderators and administrators can do that.",
    });
    expect(await restorePosts(member, [postIds[1]])).toEqual({
      ok: false,
      error: "Only moderators and administrators can do that.",
    });
    expect(await deletePosts({ ...moderator, isBanned: true }, [postIds[1]])).toEqual({
      ok: false,
      error: "Your account is banned: you cannot moderate.",
    });
    const [post] = await db.select().from(posts).where(eq(posts.id, postIds[1]!));
    expect(post!.deletedAt).toBeNull();
    expect(await threadRow(threadId)).toEqual(before.thread);
    expect(await forumRow()).toEqual(before.forum);
    expect(await logCount()).toBe(before.log);
  });

  it("deletes the last reply: counts drop, the last post moves back, members no longer see it, staff see who and why", async () => {
    const { threadId, postIds } = await makeThread({
      forumId: forum.id,
      messages: ["Opening", "Middle", "Last"],
    });
    const author = await authorOf(postIds[2]!);
    const f0 = await forumRow();
    expect(await messageCount(author)).toBe(1);

    expect(await deletePosts(moderator, [postIds[2]], "x".repeat(501))).toEqual({
      ok: false,
      error: "Reasons are at most 500 characters long.",
    });
    expect(await deletePosts(moderator, [postIds[2]], "Off topic")).toEqual({
      ok: true,
      message: "1 post deleted.",
      postIds: [postIds[2]],
      url: `/posts/${postIds[2]}`,
    });
    expect(await threadRow(threadId)).toMatchObject({ replyCount: 1, lastPostId: postIds[1] });
    const f1 = await forumRow();
    expect([f1.messageCount - f0.messageCount, f1.lastPostId]).toEqual([-1, postIds[1]]);
    expect(await messageCount(author)).toBe(0);
    await everythingMatches(threadId, [author]);

    const asMember = await getThreadPage(threadId, 1, { viewerId: member.id, seesDeleted: false });
    expect(asMember!.posts.map((p) => p.id)).toEqual([postIds[0], postIds[1]]);
    expect(await findPostLocation(postIds[2]!)).toBeNull();
    const asStaff = await getThreadPage(threadId, 1, { viewerId: moderator.id, seesDeleted: true });
    expect(asStaff!.posts.find((p) => p.id === postIds[2])!.deleted).toMatchObject({
      byName: moderator.name,
      reason: "Off topic",
    });

    expect(await deletePosts(moderator, [postIds[2]])).toEqual({
      ok: false,
      error: "This post is already deleted.",
    });
    const [line] = await logLines("post", postIds[2]!);
    expect(line).toMatchObject({
      action: "post.delete",
      actorId: moderator.id,
      reason: "Off topic",
      details: { threadId },
    });
    expect(line!.targetLabel).toContain("Post #3 in");

    expect(await restorePosts(moderator, [postIds[2]], "On topic after all")).toMatchObject({
      ok: true,
      message: "1 post restored.",
    });
    expect(await threadRow(threadId)).toMatchObject({ replyCount: 2, lastPostId: postIds[2] });
    expect(await messageCount(author)).toBe(1);
    expect((await forumRow()).messageCount).toBe(f0.messageCount);
    await everythingMatches(threadId, [author]);
    expect((await logLines("post", postIds[2]!)).map((l) => [l.action, l.reason])).toEqual([
      ["post.delete", "Off topic"],
      ["post.restore", "On topic after all"],
    ]);
  });

  it("refuses the first post (delete the thread instead) and writes nothing for the others in the request", async () => {
    const { threadId, postIds } = await makeThread({
      forumId: forum.id,
      messages: ["Opening", "Reply"],
    });
    const log = await logCount();
    expect(await deletePosts(moderator, [postIds[1], postIds[0]])).toEqual({
      ok: false,
      error: "The first post of a thread cannot be deleted on its own: delete the thread instead.",
    });
    expect(await deletePosts(moderator, [999_999_999])).toEqual({
      ok: false,
      error: "This post does not exist any more.",
    });
    expect(await deletePosts(moderator, [])).toEqual({ ok: false, error: "Choose posts first." });
    expect((await threadRow(threadId)).replyCount).toBe(1);
    expect(await logCount()).toBe(log);
  });

  it("deletes in bulk with one log line per post, skipping posts already deleted; deleted posts stay out of counts when the thread is deleted and restored", async () => {
    const { threadId, postIds } = await makeThread({
      forumId: forum.id,
      messages: ["Opening", "A", "B", "C", "D"],
    });
    const authors = await Promise.all(postIds.map(authorOf));
    await deletePosts(moderator, [postIds[2]]);
    const result = await deletePosts(moderator, [postIds[1], postIds[2], postIds[3]], "Flame war");
    expect(result).toMatchObject({
      ok: true,
      message: "2 posts deleted. 1 post was already deleted.",
      postIds: [postIds[1], postIds[3]],
    });
    expect(await threadRow(threadId)).toMatchObject({ replyCount: 1, lastPostId: postIds[4] });
    await everythingMatches(threadId, authors);
    expect((await logLines("post", postIds[3]!)).map((l) => l.action)).toEqual(["post.delete"]);

    await deleteThread(moderator, { threadId });
    await everythingMatches(threadId, authors);
    await restorePosts(moderator, [postIds[1]]);
    await everythingMatches(threadId, authors);
    await restoreThread(moderator, { threadId });
    expect(await threadRow(threadId)).toMatchObject({ replyCount: 2 });
    await everythingMatches(threadId, authors);
  });
});
