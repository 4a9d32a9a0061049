// Integration: watching threads by hand and automatically, and the watched-threads list, against
// the real Postgres.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { settings, threadReads, threads, threadWatches } from "@/db/schema";
import { makeForum, makeMember, newThread, reply } from "@/lib/testing/factories";
import { APPROVAL_SETTING, approvePost } from "../moderation/approval";
import { deleteThread, mergeThreads } from "../moderation/threads";
import { ANONYMOUS, type Viewer } from "../permissions";
import { ROW_ID_MAX } from "../row-id";
import { getAutoWatch, setAutoWatch } from "./auto-watch";
import { isWatching, unwatchAllThreads, unwatchThread, watchThread } from "./watch";
import { listWatchedThreads } from "./watched-threads";

let forumId: number;
let forum: { id: number; title: string; slug: string };
beforeAll(async () => {
  forum = await makeForum();
  forumId = forum.id;
});
afterAll(async () => {
  await db.delete(settings).where(eq(settings.key, APPROVAL_SETTING));
  await db.$client.end();
});

/** Marks a thread read up to its last post, as the unread-tracking feature does when it is viewed. */
async function readThread(member: Viewer, threadId: number) {
  // Copied in SQL: a JS Date would round the time down to the millisecond and leave the thread unread.
  const lastPostAt = sql<Date>`(select ${threads.lastPostAt} from ${threads} where ${threads.id} = ${threadId})`;
  await db
    .insert(threadReads)
    .values({ userId: member.id!, threadId, lastReadPosition: 1_000, lastReadPostAt: lastPostAt });
}

describe("automatic watching", () => {
  it("watches threads a member starts or replies to while the setting is on, and not after they turn it off", async () => {
    const [member, other] = [await makeMember(), await makeMember()];
    expect(await getAutoWatch(member.id)).toBe(true);
    const started = await newThread({ author: member, forumId });
    const elsewhere = await newThread({ author: other, forumId });
    expect(await isWatching(member.id, started.threadId)).toBe(true);
    expect(await isWatching(member.id, elsewhere.threadId)).toBe(false);
    await reply({ author: member, threadId: elsewhere.threadId });
    expect(await isWatching(member.id, elsewhere.threadId)).toBe(true);

    expect(await setAutoWatch(member, false)).toEqual({ ok: true, autoWatch: false });
    expect(await getAutoWatch(member.id)).toBe(false);
    const quiet = await newThread({ author: member, forumId });
    const third = await newThread({ author: other, forumId });
    await reply({ author: member, threadId: third.threadId });
    expect(await isWatching(member.id, quiet.threadId)).toBe(false);
    expect(await isWatching(member.id, third.threadId)).toBe(false);
    // Threads already watched stay watched.
    expect(await isWatching(member.id, started.threadId)).toBe(true);
  });

  it("refuses the setting to guests and non-boolean values", async () => {
    const member = await makeMember();
    expect(await setAutoWatch(ANONYMOUS, false)).toMatchObject({ ok: false });
    for (const bad of ["on", 1, null, undefined])
      expect(await setAutoWatch(member, bad)).toMatchObject({ ok: false });
    expect(await getAutoWatch(member.id)).toBe(true);
  });

  it("watches for a post waiting for approval only once it is approved", async () => {
    const [opener, moderator] = [await makeMember(), await makeMember({ role: "moderator" })];
    const thread = await newThread({ author: opener, forumId });
    await db
      .insert(settings)
      .values({ key: APPROVAL_SETTING, value: "1" })
      .onConflictDoUpdate({ target: settings.key, set: { value: "1" } });
    try {
      const newbie = await makeMember();
      const waiting = await reply({ author: newbie, threadId: thread.threadId });
      expect(await isWatching(newbie.id, thread.threadId)).toBe(false);
      expect(await approvePost(moderator, waiting.postId)).toMatchObject({ ok: true });
      expect(await isWatching(newbie.id, thread.threadId)).toBe(true);
    } finally {
      await db.delete(settings).where(eq(settings.key, APPROVAL_SETTING));
    }
  });
});

describe("watching by hand", () => {
  it("watches and unwatches; twice is harmless; guests and bad ids are refused", async () => {
    const [member, opener] = [await makeMember({ autoWatch: false }), await makeMember()];
    const thread = await newThread({ author: opener, forumId });
    expect(await watchThread(member, thread.threadId)).toEqual({ ok: true, watching: true });
    expect(await watchThread(member, String(thread.threadId))).toEqual({
      ok: true,
      watching: true,
    });
    expect(await isWatching(member.id, thread.threadId)).toBe(true);
    expect(
      await db.select().from(threadWatches).where(eq(threadWatches.userId, member.id)),
    ).toHaveLength(1);
    expect(await unwatchThread(member, thread.threadId)).toEqual({ ok: true, watching: false });
    expect(await unwatchThread(member, thread.threadId)).toEqual({ ok: true, watching: false });
    expect(await isWatching(member.id, thread.threadId)).toBe(false);

    expect(await watchThread(ANONYMOUS, thread.threadId)).toMatchObject({ ok: false });
    expect(await unwatchThread(ANONYMOUS, thread.threadId)).toMatchObject({ ok: false });
    for (const bad of ["x", -3, 0, 2.5, null, 999_999_999])
      expect(await watchThread(member, bad)).toMatchObject({ ok: false });
    // A malformed id from a member is "no such thread", told apart from "sign in", and never a query.
    for (const bad of ["x", "__proto__", -3, 0, 2.5, null, ROW_ID_MAX + 1])
      expect(await unwatchThread(member, bad)).toEqual({
        ok: false,
        error: "This thread does not exist any more.",
      });
    expect(await unwatchThread(member, ROW_ID_MAX)).toEqual({ ok: true, watching: false });
    expect(await isWatching(null, thread.threadId)).toBe(false);
  });

  it("cannot watch a deleted thread, nor someone else's thread waiting for approval", async () => {
    const [member, opener, moderator] = [
      await makeMember(),
      await makeMember(),
      await makeMember({ role: "moderator" }),
    ];
    const doomed = await newThread({ author: opener, forumId });
    expect(await deleteThread(moderator, { threadId: doomed.threadId })).toMatchObject({
      ok: true,
    });
    expect(await watchThread(member, doomed.threadId)).toEqual({
      ok: false,
      error: "This thread does not exist any more.",
    });

    await db
      .insert(settings)
      .values({ key: APPROVAL_SETTING, value: "1" })
      .onConflictDoUpdate({ target: settings.key, set: { value: "1" } });
    try {
      const newbie = await makeMember();
      const waiting = await newThread({ author: newbie, forumId });
      expect(await watchThread(member, waiting.threadId)).toMatchObject({ ok: false });
      expect(await watchThread(newbie, waiting.threadId)).toEqual({ ok: true, watching: true });
    } finally {
      await db.delete(settings).where(eq(settings.key, APPROVAL_SETTING));
    }
  });
});

describe("merging threads", () => {
  it("moves the source thread's watchers to the thread it is merged into", async () => {
    const [watcher, both, opener, moderator] = [
      await makeMember({ autoWatch: false }),
      await makeMember({ autoWatch: false }),
      await makeMember({ autoWatch: false }),
      await makeMember({ role: "moderator" }),
    ];
    const source = await newThread({ author: opener, forumId, title: "Merged away" });
    const target = await newThread({ author: opener, forumId, title: "Merged into" });
    await watchThread(watcher, source.threadId);
    await watchThread(both, source.threadId);
    await watchThread(both, target.threadId);
    expect(
      await mergeThreads(moderator, { sourceId: source.threadId, targetId: target.threadId }),
    ).toMatchObject({ ok: true });
    expect(await isWatching(watcher.id, target.threadId)).toBe(true);
    expect(await isWatching(both.id, target.threadId)).toBe(true);
    expect(await isWatching(opener.id, target.threadId)).toBe(false);
    expect(
      await db.select().from(threadWatches).where(eq(threadWatches.threadId, source.threadId)),
    ).toEqual([]);
  });
});

describe("the watched threads list", () => {
  it("lists unread threads first, then by last post, with forum, last post and a first-unread link; unwatch all empties it", async () => {
    const [me, other, moderator] = [
      await makeMember({ autoWatch: false }),
      await makeMember({ autoWatch: false }),
      await makeMember({ role: "moderator" }),
    ];
    const oldRead = await newThread({ author: other, forumId, title: "Old and read" });
    const oldUnread = await newThread({ author: other, forumId, title: "Old and unread" });
    const newRead = await newThread({ author: other, forumId, title: "New and read" });
    const newUnread = await newThread({ author: other, forumId, title: "New and unread" });
    const deleted = await newThread({ author: other, forumId, title: "Deleted" });
    const notWatched = await newThread({ author: other, forumId, title: "Not watched" });
    // Distinct last-post times, oldest first, as the titles say.
    for (const [i, t] of [oldRead, oldUnread, newRead, newUnread].entries()) {
      await db
        .update(threads)
        .set({ lastPostAt: sql`now() - make_interval(hours => ${10 - i})` })
        .where(eq(threads.id, t.threadId));
    }
    for (const t of [oldRead, oldUnread, newRead, newUnread, deleted])
      await watchThread(me, t.threadId);
    await readThread(me, oldRead.threadId);
    await readThread(me, newRead.threadId);
    await deleteThread(moderator, { threadId: deleted.threadId });
    const lastReply = await reply({
      author: other,
      threadId: newUnread.threadId,
      message: "Latest news",
    });

    const page = (await listWatchedThreads(me.id, 1, ["everyone", "members"]))!;
    expect(page.threads.map((t) => [t.title, t.firstUnreadUrl !== null])).toEqual([
      ["New and unread", true],
      ["Old and unread", true],
      ["New and read", false],
      ["Old and read", false],
    ]);
    expect(page).toMatchObject({ total: 4, page: 1, pageCount: 1 });
    const [first, , third] = page.threads;
    expect(first).toMatchObject({
      url: expect.stringMatching(new RegExp(`^/threads/${newUnread.threadId}-new-and-unread$`)),
      firstUnreadUrl: `/threads/${newUnread.threadId}-new-and-unread/unread`,
      replyCount: 1,
      forum: {
        title: forum.title,
        url: `/forums/${forum.slug}`,
      },
      lastPost: { url: `/posts/${lastReply.postId}`, authorName: other.name },
    });
    expect(third!.firstUnreadUrl).toBeNull();
    expect(page.threads.map((t) => t.id)).not.toContain(notWatched.threadId);
    expect(await listWatchedThreads(me.id, 2, ["everyone", "members"])).toBeNull();

    // Someone else's watches are theirs.
    await watchThread(other, oldRead.threadId);
    expect(await unwatchAllThreads(me)).toEqual({ ok: true, count: 5 });
    expect(await listWatchedThreads(me.id, 1, ["everyone", "members"])).toMatchObject({
      total: 0,
      threads: [],
    });
    expect(await isWatching(other.id, oldRead.threadId)).toBe(true);
    expect(await unwatchAllThreads(ANONYMOUS)).toMatchObject({ ok: false });
    expect(await db.select().from(threadWatches).where(eq(threadWatches.userId, me.id))).toEqual(
      [],
    );
  });
});
