// Integration: the approval queue against the real Postgres. Counters are checked against recounts
// from the rows, counting approved posts only.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { alerts, forums, modLog, posts, settings, threads, users } from "@/db/schema";
import { createReply } from "../forum/posting";
import { getForumPage } from "../forum/forum-page";
import { findPostLocation, getThreadPage } from "../forum/thread-page";
import { getMemberProfile } from "../forum/member-profile";
import { ANONYMOUS, type Viewer } from "../permissions";
import {
  APPROVAL_SETTING,
  approvePost,
  getApprovalThreshold,
  listPendingPosts,
  rejectPost,
  setApprovalThreshold,
} from "./approval";
import {
  makeForum,
  makeMember,
  newThread,
  reply,
  resetApprovalSetting,
} from "@/lib/testing/factories";
import { logLines } from "@/lib/testing/inspect";

let forum: { id: number; slug: string };
let admin: Viewer;
let moderator: Viewer;

beforeAll(async () => {
  forum = await makeForum();
  admin = await makeMember({ role: "admin" });
  moderator = await makeMember({ role: "moderator" });
});
afterEach(resetApprovalSetting);
afterAll(async () => {
  await resetApprovalSetting();
  await db.$client.end();
});

async function turnOn(n: number) {
  expect(await setApprovalThreshold(admin, n)).toMatchObject({ ok: true });
  expect(await getApprovalThreshold()).toBe(n);
}

const state = async (postId: number) =>
  (await db.select({ s: posts.approvalState }).from(posts).where(eq(posts.id, postId)))[0]!.s;
const forumRow = async () => (await db.select().from(forums).where(eq(forums.id, forum.id)))[0]!;
const threadRow = async (id: number) =>
  (await db.select().from(threads).where(eq(threads.id, id)))[0]!;
const memberRow = async (id: string) => (await db.select().from(users).where(eq(users.id, id)))[0]!;
const reader = (viewer: Viewer) => ({
  viewerId: viewer.id,
  seesDeleted: viewer.role === "moderator" || viewer.role === "admin",
});
const shownPostIds = async (threadId: number, viewer: Viewer) =>
  (await getThreadPage(threadId, 1, reader(viewer)))?.posts.map((p) => p.id) ?? null;

/** Every counter of the test forum, its threads and the given members, next to a recount of approved posts. */
async function countersMatchRecount(memberIds: string[]) {
  const ids = sql.join(
    memberIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const [check] = await db.execute<Record<string, boolean>>(sql`
    with visible as (
      select p.* from posts p join threads t on t.id = p.thread_id
      where t.forum_id = ${forum.id} and t.deleted_at is null and p.approval_state = 'approved'
    )
    select
      (select bool_and(t.reply_count = greatest((select count(*) from visible v where v.thread_id = t.id) - 1, 0))
         from threads t where t.forum_id = ${forum.id}) as replies,
      (select bool_and(t.last_post_id = (select v.id from visible v where v.thread_id = t.id order by v.position desc limit 1))
         from threads t where t.forum_id = ${forum.id} and exists (select 1 from visible v where v.thread_id = t.id)) as last_posts,
      (select thread_count from forums where id = ${forum.id})
         = (select count(*) from threads t join posts p on p.id = t.first_post_id where t.forum_id = ${forum.id} and t.deleted_at is null and p.approval_state = 'approved') as forum_threads,
      (select message_count from forums where id = ${forum.id}) = (select count(*) from visible) as forum_messages,
      coalesce((select last_post_id from forums where id = ${forum.id}) = (select id from visible order by created_at desc, id desc limit 1), true) as forum_last_post,
      (select bool_and(u.message_count = (select count(*) from posts p where p.author_id = u.id and p.approval_state = 'approved'))
         from users u where u.id in (${ids})) as member_counts`);
  return check;
}
const ALL_TRUE = {
  replies: true,
  last_posts: true,
  forum_threads: true,
  forum_messages: true,
  forum_last_post: true,
  member_counts: true,
};

describe("the approval setting", () => {
  it("is changed by administrators only, within bounds, and logged", async () => {
    expect(await getApprovalThreshold()).toBe(0);
    const earlier = (await logLines("setting", APPROVAL_SETTING)).length;
    // Other test files may have set and reset it already: refusals must leave whatever is stored alone.
    const stored = await db.select().from(settings).where(eq(settings.key, APPROVAL_SETTING));
    const member = await makeMember();
    const banned = await makeMember({ role: "admin", banned: true });
    for (const viewer of [ANONYMOUS, member, moderator, banned]) {
      expect(await setApprovalThreshold(viewer, 3)).toMatchObject({ ok: false });
    }
    expect(await setApprovalThreshold(moderator, 3)).toEqual({
      ok: false,
      error: "Only administrators can change this setting.",
    });
    for (const bad of [-1, 1.5, "abc", "", 101, null])
      expect(await setApprovalThreshold(admin, bad)).toMatchObject({ ok: false });
    expect(await db.select().from(settings).where(eq(settings.key, APPROVAL_SETTING))).toEqual(
      stored,
    );
    expect(await logLines("setting", APPROVAL_SETTING)).toHaveLength(earlier);

    expect(await setApprovalThreshold(admin, "2")).toEqual({
      ok: true,
      message: "Saved. New members' first 2 posts wait for approval.",
    });
    expect(await setApprovalThreshold(admin, 2)).toMatchObject({
      ok: true,
      message: expect.stringMatching(/^Unchanged/),
    });
    expect(await setApprovalThreshold(admin, 0)).toEqual({
      ok: true,
      message: "Saved. Approval of new members' posts is off.",
    });
    expect((await logLines("setting", APPROVAL_SETTING)).slice(earlier)).toMatchObject([
      { action: "setting.change", actorId: admin.id, reason: null, details: { from: 0, to: 2 } },
      { action: "setting.change", actorId: admin.id, reason: null, details: { from: 2, to: 0 } },
    ]);
  });
});

describe("the approval queue", () => {
  it("with N=2 holds a new member's first two replies without moving counters; approving moves them exactly", async () => {
    const opener = await makeMember({ imported: true });
    const other = await makeMember();
    const thread = await newThread({ author: opener, forumId: forum.id });
    await turnOn(2);
    const newbie = await makeMember();
    const before = { forum: await forumRow(), thread: await threadRow(thread.threadId) };

    const first = await reply({
      author: newbie,
      threadId: thread.threadId,
      message: `First words, @${other.name}`,
    });
    const second = await reply({
      author: newbie,
      threadId: thread.threadId,
      message: "Second words",
    });
    expect([await state(first.postId), await state(second.postId)]).toEqual(["pending", "pending"]);
    // Nothing moved: no reply count, last post, forum totals, message count, nor alerts.
    expect(await threadRow(thread.threadId)).toMatchObject({
      replyCount: 0,
      lastPostId: thread.postId,
      lastPostAt: before.thread.lastPostAt,
    });
    expect(await forumRow()).toMatchObject({
      threadCount: before.forum.threadCount,
      messageCount: before.forum.messageCount,
      lastPostId: before.forum.lastPostId,
    });
    expect((await memberRow(newbie.id!)).messageCount).toBe(0);
    expect(
      await db
        .select()
        .from(alerts)
        .where(inArray(alerts.postId, [first.postId, second.postId])),
    ).toEqual([]);
    expect(await countersMatchRecount([newbie.id!, opener.id!])).toEqual(ALL_TRUE);

    // Shown to the author and staff only.
    expect(await shownPostIds(thread.threadId, newbie)).toEqual([
      thread.postId,
      first.postId,
      second.postId,
    ]);
    expect(await shownPostIds(thread.threadId, moderator)).toEqual([
      thread.postId,
      first.postId,
      second.postId,
    ]);
    expect(await shownPostIds(thread.threadId, other)).toEqual([thread.postId]);
    expect(await shownPostIds(thread.threadId, ANONYMOUS)).toEqual([thread.postId]);
    expect(await findPostLocation(first.postId, reader(other))).toBeNull();
    expect(await findPostLocation(first.postId, reader(newbie))).toMatch(/#post-/);
    expect((await getMemberProfile(newbie.number!))!.recentPosts).toEqual([]);

    // The queue lists them oldest first, in context.
    const queue = await listPendingPosts({ page: 1 });
    const mine = queue!.posts.filter((p) => p.thread.id === thread.threadId);
    expect(mine.map((p) => p.id)).toEqual([first.postId, second.postId]);
    expect(mine[0]).toMatchObject({
      startsThread: false,
      thread: { title: "A thread to test with" },
      author: { name: newbie.name },
    });

    // Approved out of order: the thread's last post stays the later one.
    expect(await approvePost(moderator, second.postId)).toMatchObject({ ok: true });
    expect(await threadRow(thread.threadId)).toMatchObject({
      replyCount: 1,
      lastPostId: second.postId,
    });
    expect(await approvePost(moderator, first.postId)).toMatchObject({ ok: true });
    expect(await threadRow(thread.threadId)).toMatchObject({
      replyCount: 2,
      lastPostId: second.postId,
    });
    expect((await forumRow()).messageCount).toBe(before.forum.messageCount + 2);
    expect((await memberRow(newbie.id!)).messageCount).toBe(2);
    expect(await countersMatchRecount([newbie.id!, opener.id!])).toEqual(ALL_TRUE);
    expect(await shownPostIds(thread.threadId, other)).toEqual([
      thread.postId,
      first.postId,
      second.postId,
    ]);
    // The alerts went out on approval: the mention and the replies to the opener.
    const sent = await db
      .select({ userId: alerts.userId, kind: alerts.kind, postId: alerts.postId })
      .from(alerts)
      .where(inArray(alerts.postId, [first.postId, second.postId]));
    expect(sent).toEqual(
      expect.arrayContaining([
        { userId: other.id, kind: "mention", postId: first.postId },
        { userId: opener.id, kind: "reply", postId: first.postId },
        { userId: opener.id, kind: "reply", postId: second.postId },
      ]),
    );
    expect((await logLines("post", first.postId)).map((l) => l.action)).toEqual(["post.approve"]);

    // Two approved posts: the third goes straight in.
    const third = await reply({
      author: newbie,
      threadId: thread.threadId,
      message: "Third words",
    });
    expect(await state(third.postId)).toBe("approved");
    expect(await threadRow(thread.threadId)).toMatchObject({
      replyCount: 3,
      lastPostId: third.postId,
    });
    expect(await countersMatchRecount([newbie.id!, opener.id!])).toEqual(ALL_TRUE);

    // Approving twice is refused and logged once.
    expect(await approvePost(moderator, first.postId)).toEqual({
      ok: false,
      error: "This post was already approved.",
    });
    expect(await logLines("post", first.postId)).toHaveLength(1);
  });

  it("hides a new member's thread from others until approved; rejecting keeps it and its replies hidden", async () => {
    await turnOn(2);
    const newbie = await makeMember();
    const other = await makeMember();
    const before = await forumRow();

    const thread = await newThread({
      author: newbie,
      forumId: forum.id,
      title: "Held back thread",
    });
    expect(await state(thread.postId)).toBe("pending");
    expect(await forumRow()).toMatchObject({
      threadCount: before.threadCount,
      messageCount: before.messageCount,
      lastPostId: before.lastPostId,
    });
    expect(await getThreadPage(thread.threadId, 1, reader(other))).toBeNull();
    expect(await getThreadPage(thread.threadId, 1, reader(ANONYMOUS))).toBeNull();
    expect(await shownPostIds(thread.threadId, newbie)).toEqual([thread.postId]);
    expect(await shownPostIds(thread.threadId, moderator)).toEqual([thread.postId]);
    const listed = async () => (await getForumPage(forum.slug, 1))!.threads.map((t) => t.id);
    expect(await listed()).not.toContain(thread.threadId);

    // Only its author may reply (and waits too); others are refused and nothing is written.
    expect(
      await createReply(other, {
        threadId: thread.threadId,
        message: "sneaky",
        idempotencyKey: randomUUID(),
      }),
    ).toEqual({ ok: false, field: "form", error: "This thread does not exist any more." });
    expect(
      await createReply(moderator, {
        threadId: thread.threadId,
        message: "early",
        idempotencyKey: randomUUID(),
      }),
    ).toMatchObject({ ok: false, error: expect.stringContaining("approve it") });
    const own = await reply({
      author: newbie,
      threadId: thread.threadId,
      message: "Adding a detail",
    });
    expect(await state(own.postId)).toBe("pending");
    expect(await db.select().from(posts).where(eq(posts.threadId, thread.threadId))).toHaveLength(
      2,
    );
    expect(await approvePost(moderator, own.postId)).toEqual({
      ok: false,
      error: "Approve the thread's opening post first.",
    });
    expect(await logLines("post", own.postId)).toEqual([]);

    // Rejecting the opening post rejects the waiting reply with it; nothing moves, it stays hidden.
    expect(await rejectPost(moderator, thread.postId, "Spam")).toMatchObject({ ok: true });
    expect([await state(thread.postId), await state(own.postId)]).toEqual(["rejected", "rejected"]);
    expect(await getThreadPage(thread.threadId, 1, reader(other))).toBeNull();
    expect(await listed()).not.toContain(thread.threadId);
    expect(await forumRow()).toMatchObject({
      threadCount: before.threadCount,
      messageCount: before.messageCount,
    });
    expect(await logLines("post", thread.postId)).toMatchObject([
      {
        action: "post.reject",
        actorId: moderator.id,
        reason: "Spam",
        details: expect.objectContaining({ threadId: thread.threadId, alsoRejected: [own.postId] }),
      },
    ]);
    expect(await rejectPost(moderator, thread.postId)).toEqual({
      ok: false,
      error: "This post was already rejected.",
    });
    expect(await approvePost(moderator, thread.postId)).toEqual({
      ok: false,
      error: "This post was already rejected.",
    });
    expect(await logLines("post", thread.postId)).toHaveLength(1);
    expect((await memberRow(newbie.id!)).messageCount).toBe(0);

    // Another thread, approved: now counted and listed.
    const second = await newThread({ author: newbie, forumId: forum.id, title: "Approved thread" });
    expect(await approvePost(admin, second.postId)).toMatchObject({
      ok: true,
      message: expect.stringContaining("thread"),
    });
    expect(await forumRow()).toMatchObject({
      threadCount: before.threadCount + 1,
      messageCount: before.messageCount + 1,
      lastPostId: second.postId,
    });
    expect(await listed()).toContain(second.threadId);
    expect(await shownPostIds(second.threadId, other)).toEqual([second.postId]);
    expect(await countersMatchRecount([newbie.id!, other.id!])).toEqual(ALL_TRUE);
  });

  it("refuses members and banned staff: nothing is written or logged", async () => {
    await turnOn(1);
    const newbie = await makeMember();
    const host = await makeMember({ imported: true });
    const thread = await newThread({ author: host, forumId: forum.id });
    const waiting = await reply({ author: newbie, threadId: thread.threadId });
    const member = await makeMember();
    const bannedModerator = await makeMember({ role: "moderator", banned: true });
    for (const viewer of [ANONYMOUS, member, newbie, bannedModerator]) {
      expect(await approvePost(viewer, waiting.postId)).toMatchObject({ ok: false });
      expect(await rejectPost(viewer, waiting.postId)).toMatchObject({ ok: false });
    }
    expect(await approvePost(member, waiting.postId)).toEqual({
      ok: false,
      error: "Only moderators and administrators can approve posts.",
    });
    expect(await state(waiting.postId)).toBe("pending");
    expect(await logLines("post", waiting.postId)).toEqual([]);
    expect(
      await db
        .select()
        .from(modLog)
        .where(and(eq(modLog.targetType, "post"), eq(modLog.targetId, String(waiting.postId)))),
    ).toEqual([]);
    expect(await approvePost(moderator, 999_999_999)).toEqual({
      ok: false,
      error: "This post does not exist any more.",
    });
  });

  it("never queues staff or imported members, and is off at 0", async () => {
    await turnOn(5);
    const imported = await makeMember({ imported: true });
    const freshAdmin = await makeMember({ role: "admin" });
    const freshModerator = await makeMember({ role: "moderator" });
    for (const author of [imported, freshAdmin, freshModerator]) {
      const thread = await newThread({ author, forumId: forum.id });
      const answer = await reply({ author, threadId: thread.threadId });
      expect([await state(thread.postId), await state(answer.postId)]).toEqual([
        "approved",
        "approved",
      ]);
    }
    await turnOn(0);
    const newbie = await makeMember();
    const thread = await newThread({ author: newbie, forumId: forum.id });
    expect(await state(thread.postId)).toBe("approved");
    expect(
      await countersMatchRecount([imported.id!, freshAdmin.id!, freshModerator.id!, newbie.id!]),
    ).toEqual(ALL_TRUE);
  });
});
