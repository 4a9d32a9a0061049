// Integration: reading marks, "jump to first unread", Mark forum read / Mark all read and the cutoff,
// against the real Postgres. A page view is what the thread route does: load the page, record the
// posts it showed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { posts, threadReads, threads } from "@/db/schema";
import { getThreadPage } from "../forum/thread-page";
import { setApprovalThreshold } from "../moderation/approval";
import { deletePosts } from "../moderation/posts";
import {
  makeForum,
  makeMember,
  newThread,
  reply,
  resetApprovalSetting,
} from "@/lib/testing/factories";
import { deleteThread } from "../moderation/threads";
import { ANONYMOUS, ForbiddenError, type Viewer } from "../permissions";
import { threadUrl } from "../urls";
import { isPrefetchRequest } from "./prefetch";
import {
  firstUnreadLocation,
  markAllRead,
  markForumRead,
  recordThreadRead,
  unreadAmong,
} from "./reads";

let forumId: number;
let otherForumId: number;
let moderator: Viewer;

beforeAll(async () => {
  forumId = (await makeForum()).id;
  otherForumId = (await makeForum()).id;
  moderator = await makeMember({ role: "moderator" });
});
afterAll(async () => {
  await resetApprovalSetting();
  await db.$client.end();
});

/** Views one page of the thread as the member, as app/threads/[slug]/page.tsx does. */
async function view(member: Viewer, threadId: number, page = 1) {
  const shown = await getThreadPage(threadId, page, { viewerId: member.id, seesDeleted: false });
  if (!shown) throw new Error(`no page ${page}`);
  await recordThreadRead(
    member,
    threadId,
    shown.posts.map((p) => p.id),
  );
  return shown;
}

const isUnreadFor = async (member: Viewer, threadId: number) =>
  (await unreadAmong(member.id, [threadId])).has(threadId);
const jump = (member: Viewer, threadId: number) =>
  firstUnreadLocation(threadId, { viewerId: member.id, seesDeleted: false });
const slugOf = async (threadId: number) =>
  (
    await db
      .select({ id: threads.id, slug: threads.slug })
      .from(threads)
      .where(eq(threads.id, threadId))
  )[0]!;
const at = async (threadId: number, page: number, postId: number) =>
  `${threadUrl(await slugOf(threadId), page)}#post-${postId}`;
const markOf = async (member: Viewer, threadId: number) =>
  (
    await db.execute<{ position: number; at: string }>(
      sql`select last_read_position as position, last_read_post_at::text as at from ${threadReads} where user_id = ${member.id} and thread_id = ${threadId}`,
    )
  )[0];

/** A thread of `count` posts (the opening post included); repliers take turns under the rate limit. */
async function threadOf(count: number, forum = forumId) {
  const starter = await makeMember();
  const repliers = [await makeMember(), await makeMember(), await makeMember()];
  const thread = await newThread({
    author: starter,
    forumId: forum,
    title: `Reading test ${count} posts`,
  });
  const ids = [thread.postId];
  for (let i = 1; i < count; i++)
    ids.push(
      (await reply({ author: repliers[i % 3]!, threadId: thread.threadId, message: `Reply ${i}` }))
        .postId,
    );
  return { threadId: thread.threadId, postIds: ids, starter, repliers };
}

describe("reading marks across pages", () => {
  it("page 1 of 2 leaves the thread unread, page 2 reads it, a new reply makes it unread again", async () => {
    const reader = await makeMember();
    const { threadId, postIds, repliers } = await threadOf(25);
    expect(await isUnreadFor(reader, threadId)).toBe(true);
    // Never read: the jump goes to the very first post.
    expect(await jump(reader, threadId)).toBe(await at(threadId, 1, postIds[0]!));

    await view(reader, threadId, 1);
    expect(await isUnreadFor(reader, threadId)).toBe(true);
    expect(await jump(reader, threadId)).toBe(await at(threadId, 2, postIds[20]!));
    expect(await markOf(reader, threadId)).toMatchObject({ position: 20 });

    await view(reader, threadId, 2);
    expect(await isUnreadFor(reader, threadId)).toBe(false);
    // Everything read: the last post.
    expect(await jump(reader, threadId)).toBe(await at(threadId, 2, postIds[24]!));

    const fresh = await reply({ author: repliers[0]!, threadId, message: "Something new" });
    expect(await isUnreadFor(reader, threadId)).toBe(true);
    expect(await jump(reader, threadId)).toBe(await at(threadId, 2, fresh.postId));
  });

  it("only ever advances the mark, and writes nothing when a page adds nothing", async () => {
    const reader = await makeMember();
    const { threadId } = await threadOf(22);
    await view(reader, threadId, 2);
    const after2 = await markOf(reader, threadId);
    const [{ xmin: before } = { xmin: "" }] = await db.execute<{ xmin: string }>(
      sql`select xmin::text from ${threadReads} where user_id = ${reader.id} and thread_id = ${threadId}`,
    );
    await view(reader, threadId, 1);
    expect(await markOf(reader, threadId)).toEqual(after2);
    const [{ xmin: unchanged } = { xmin: "" }] = await db.execute<{ xmin: string }>(
      sql`select xmin::text from ${threadReads} where user_id = ${reader.id} and thread_id = ${threadId}`,
    );
    expect(unchanged).toBe(before);
    expect(await isUnreadFor(reader, threadId)).toBe(false);
  });

  it("keeps the microseconds of post times, so the last post read is read", async () => {
    const reader = await makeMember();
    const { threadId } = await threadOf(2);
    await db.execute(
      sql`update ${posts} set created_at = created_at + interval '0.000123 seconds' where thread_id = ${threadId} and position = 2`,
    );
    await db.execute(
      sql`update ${threads} set last_post_at = (select created_at from ${posts} where thread_id = ${threadId} and position = 2) where id = ${threadId}`,
    );
    await view(reader, threadId, 1);
    expect(await isUnreadFor(reader, threadId)).toBe(false);
  });

  it("ignores posts of other threads and refuses guests", async () => {
    const reader = await makeMember();
    const one = await threadOf(2);
    const two = await threadOf(2);
    await recordThreadRead(reader, one.threadId, two.postIds);
    expect(await markOf(reader, one.threadId)).toBeUndefined();
    await expect(recordThreadRead(ANONYMOUS, one.threadId, one.postIds)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect(await unreadAmong(null, [one.threadId])).toEqual(new Map());
  });
});

describe("jump to first unread", () => {
  it("skips deleted posts and others' posts awaiting approval, and sends guests to the first post", async () => {
    const reader = await makeMember();
    const { threadId, postIds } = await threadOf(3);
    await view(reader, threadId, 1);
    const deleted = await reply({ author: moderator, threadId, message: "Deleted soon" });
    expect(await deletePosts(moderator, [deleted.postId], "test")).toMatchObject({ ok: true });
    await setApprovalThreshold(await makeMember({ role: "admin" }), 5);
    const newcomer = await makeMember();
    const pending = await reply({ author: newcomer, threadId, message: "Waiting for a moderator" });
    await resetApprovalSetting();
    const visible = await reply({ author: moderator, threadId, message: "Visible" });
    const [pendingRow] = await db
      .select({ state: posts.approvalState })
      .from(posts)
      .where(eq(posts.id, pending.postId));
    expect(pendingRow!.state).toBe("pending");

    expect(await jump(reader, threadId)).toBe(await at(threadId, 1, visible.postId));
    // Staff read deleted posts too: for them the deleted one is the first unread.
    const staffReader = await makeMember({ role: "moderator" });
    await view(staffReader, threadId, 1);
    const [{ n } = { n: 0 }] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from ${posts} where thread_id = ${threadId}`,
    );
    expect(n).toBe(6);
    await db.execute(
      sql`update ${threadReads} set last_read_position = 3, last_read_post_at = (select created_at from ${posts} where thread_id = ${threadId} and position = 3) where user_id = ${staffReader.id} and thread_id = ${threadId}`,
    );
    expect(
      await firstUnreadLocation(threadId, { viewerId: staffReader.id, seesDeleted: true }),
    ).toBe(await at(threadId, 1, deleted.postId));
    expect(await firstUnreadLocation(threadId, { viewerId: null, seesDeleted: false })).toBe(
      await at(threadId, 1, postIds[0]!),
    );
  });

  it("answers null for a thread that is gone for the viewer", async () => {
    const reader = await makeMember();
    const { threadId } = await threadOf(2);
    expect(await deleteThread(moderator, { threadId, reason: "test" })).toMatchObject({ ok: true });
    expect(await jump(reader, threadId)).toBeNull();
    expect(
      await firstUnreadLocation(threadId, { viewerId: moderator.id, seesDeleted: true }),
    ).not.toBeNull();
    expect(
      await firstUnreadLocation(2_000_000_000, { viewerId: reader.id, seesDeleted: false }),
    ).toBeNull();
  });
});

describe("Mark forum read, Mark all read, the cutoff", () => {
  it("Mark forum read reads that forum only; a later reply is unread and is the jump target", async () => {
    const reader = await makeMember();
    const here = await threadOf(2);
    const there = await threadOf(2, otherForumId);
    expect(await markForumRead(reader, forumId)).toBe(true);
    expect(await isUnreadFor(reader, here.threadId)).toBe(false);
    expect(await isUnreadFor(reader, there.threadId)).toBe(true);
    // Marking again never moves the mark back.
    expect(await markForumRead(reader, forumId)).toBe(true);
    expect(await isUnreadFor(reader, here.threadId)).toBe(false);

    const later = await reply({
      author: here.repliers[0]!,
      threadId: here.threadId,
      message: "After the forum was marked read",
    });
    expect(await isUnreadFor(reader, here.threadId)).toBe(true);
    expect(await jump(reader, here.threadId)).toBe(await at(here.threadId, 1, later.postId));
    expect(await markForumRead(reader, 2_000_000_000)).toBe(false);
    await expect(markForumRead(ANONYMOUS, forumId)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("Mark all read reads every forum until the next post", async () => {
    const reader = await makeMember();
    const here = await threadOf(2);
    const there = await threadOf(2, otherForumId);
    await markAllRead(reader);
    expect(await unreadAmong(reader.id, [here.threadId, there.threadId])).toEqual(new Map());
    const later = await reply({
      author: there.repliers[0]!,
      threadId: there.threadId,
      message: "After mark all read",
    });
    expect([...(await unreadAmong(reader.id, [here.threadId, there.threadId])).keys()]).toEqual([
      there.threadId,
    ]);
    expect(await jump(reader, there.threadId)).toBe(await at(there.threadId, 1, later.postId));
    await expect(markAllRead(ANONYMOUS)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("counts threads with no post in 30 days as read, but still jumps to the first post of a thread never read", async () => {
    const reader = await makeMember();
    const old = await threadOf(2);
    const recent = await threadOf(2);
    await db.execute(
      sql`update ${posts} set created_at = now() - interval '31 days' where thread_id = ${old.threadId}`,
    );
    await db.execute(
      sql`update ${threads} set last_post_at = now() - interval '31 days' where id = ${old.threadId}`,
    );
    await db.execute(
      sql`update ${posts} set created_at = now() - interval '29 days' where thread_id = ${recent.threadId}`,
    );
    await db.execute(
      sql`update ${threads} set last_post_at = now() - interval '29 days' where id = ${recent.threadId}`,
    );
    expect(await isUnreadFor(reader, old.threadId)).toBe(false);
    expect(await isUnreadFor(reader, recent.threadId)).toBe(true);
    expect(await jump(reader, old.threadId)).toBe(await at(old.threadId, 1, old.postIds[0]!));
  });
});

describe("prefetch requests", () => {
  it("recognises router and browser prefetches, not ordinary views", () => {
    expect(isPrefetchRequest(new Headers({ "next-router-prefetch": "1" }))).toBe(true);
    expect(isPrefetchRequest(new Headers({ "next-router-segment-prefetch": "/_tree" }))).toBe(true);
    expect(isPrefetchRequest(new Headers({ "sec-purpose": "prefetch;prerender" }))).toBe(true);
    expect(isPrefetchRequest(new Headers({ purpose: "prefetch" }))).toBe(true);
    expect(isPrefetchRequest(new Headers({ rsc: "1", "next-router-state-tree": "x" }))).toBe(false);
    expect(isPrefetchRequest(new Headers({ accept: "text/html" }))).toBe(false);
  });
});
