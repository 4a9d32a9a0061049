// Integration: posting, editing and reacting against the real Postgres, counters checked against
// recounts from the rows.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import {
  alerts,
  forums,
  postEdits,
  posts,
  reactions,
  threadReads,
  threads,
  users,
} from "@/db/schema";
import { unreadAmong } from "../reading/reads";
import { importSeedsIfEmpty } from "@/db/seed/import-seeds";
import { ANONYMOUS } from "../permissions";
import { createReply, createThread, editPost } from "./posting";
import { MESSAGE } from "../limits/sizes";
import { POSTING } from "./posting-rules";
import { toggleReaction } from "./reactions";
import { makeForum, makeMember, newThread } from "../testing/factories";

let forumId: number;

beforeAll(async () => {
  await importSeedsIfEmpty(db, () => {});
  const [forum] = await db.select().from(forums).where(eq(forums.slug, "global-defence"));
  forumId = forum!.id;
});
afterAll(async () => {
  await db.$client.end();
});

/** Every counter the app keeps for a thread, its forum and members, next to a recount from rows. */
async function countersMatchRecount(threadId: number) {
  const [check] = await db.execute<Record<string, number | boolean>>(sql`
    select
      (select reply_count from threads where id = ${threadId}) = (select count(*) - 1 from posts where thread_id = ${threadId}) as replies,
      (select last_post_id from threads where id = ${threadId}) = (select id from posts where thread_id = ${threadId} order by position desc limit 1) as last_post,
      (select message_count from forums f where f.id = (select forum_id from threads where id = ${threadId}))
        = (select count(*) from posts p join threads t on t.id = p.thread_id where t.forum_id = (select forum_id from threads where id = ${threadId}) and t.deleted_at is null) as forum_messages,
      (select bool_and(p.reaction_count = (select count(*) from reactions r where r.post_id = p.id)) from posts p where p.thread_id = ${threadId}) as reaction_counts,
      (select count(*) from posts where thread_id = ${threadId})::int = (select count(distinct position) from posts where thread_id = ${threadId})::int as positions_unique`);
  return check;
}

describe("posting", () => {
  it("starts a thread and replies, keeping every counter exact", async () => {
    const author = await makeMember();
    const replier = await makeMember();
    const before = (await db.select().from(forums).where(eq(forums.id, forumId)))[0]!;
    const thread = await newThread({ author, forumId });
    const reply = await createReply(replier, {
      threadId: thread.threadId,
      message: "A reply",
      idempotencyKey: randomUUID(),
    });
    expect(reply).toMatchObject({ ok: true, url: expect.stringMatching(/^\/posts\/\d+$/) });

    const [row] = await db.select().from(threads).where(eq(threads.id, thread.threadId));
    expect(row).toMatchObject({
      replyCount: 1,
      firstPostId: thread.postId,
      lastPostId: reply.ok ? reply.postId : -1,
    });
    const after = (await db.select().from(forums).where(eq(forums.id, forumId)))[0]!;
    expect([
      after.threadCount - before.threadCount,
      after.messageCount - before.messageCount,
    ]).toEqual([1, 2]);
    const [member] = await db.select().from(users).where(eq(users.id, replier.id!));
    expect(member!.messageCount).toBe(1);
    expect(await countersMatchRecount(thread.threadId)).toEqual({
      replies: true,
      last_post: true,
      forum_messages: true,
      reaction_counts: true,
      positions_unique: true,
    });
  });

  it("marks the thread read up to their reply for whoever replies, and only for them", async () => {
    const author = await makeMember();
    const replier = await makeMember();
    const thread = await newThread({ author, forumId });
    const reply = await createReply(replier, {
      threadId: thread.threadId,
      message: "Read up to here",
      idempotencyKey: randomUUID(),
    });
    if (!reply.ok) throw new Error(reply.error);
    const [post] = await db.select().from(posts).where(eq(posts.id, reply.postId));
    const marks = await db
      .select()
      .from(threadReads)
      .where(eq(threadReads.threadId, thread.threadId));
    // The starter read up to their opening post; the replier up to the reply.
    expect(
      marks.map((m) => [m.userId, m.lastReadPosition]).sort((a, b) => Number(a[1]) - Number(b[1])),
    ).toEqual([
      [author.id, 1],
      [replier.id, post!.position],
    ]);
    expect((await unreadAmong(replier.id!, [thread.threadId])).has(thread.threadId)).toBe(false);
    expect((await unreadAmong(author.id!, [thread.threadId])).has(thread.threadId)).toBe(true);
  });

  it("refuses bad input with a message and writes nothing", async () => {
    const author = await makeMember();
    const thread = await newThread({ author, forumId });
    const cases = [
      [{ message: "   " }, "Please enter a message."],
      [{ message: "x".repeat(MESSAGE.max + 1) }, "Messages are at most 50,000 characters long."],
    ] as const;
    for (const [input, error] of cases) {
      expect(
        await createReply(author, {
          threadId: thread.threadId,
          idempotencyKey: randomUUID(),
          ...input,
        }),
      ).toEqual({ ok: false, field: "message", error });
    }
    expect(
      await createThread(author, {
        forumId,
        title: " ab ",
        message: "text",
        idempotencyKey: randomUUID(),
      }),
    ).toMatchObject({ ok: false, field: "title" });
    expect(
      await createThread(author, {
        forumId,
        title: "t".repeat(151),
        message: "text",
        idempotencyKey: randomUUID(),
      }),
    ).toMatchObject({ ok: false, field: "title" });
    expect(
      await createThread(author, {
        forumId: 999999,
        title: "Valid title",
        message: "text",
        idempotencyKey: randomUUID(),
      }),
    ).toMatchObject({ ok: false, field: "form" });
    const [{ replies }] = (await db.execute<{ replies: number }>(
      sql`select count(*)::int - 1 as replies from posts where thread_id = ${thread.threadId}`,
    )) as unknown as [{ replies: number }];
    expect(replies).toBe(0);
  });

  it("refuses signed-out and banned members, and replies to locked threads except from staff", async () => {
    const author = await makeMember();
    const thread = await newThread({ author, forumId });
    const anonymous = await createReply(ANONYMOUS, {
      threadId: thread.threadId,
      message: "hi",
      idempotencyKey: randomUUID(),
    });
    expect(anonymous).toEqual({ ok: false, field: "form", error: "Sign in to post." });
    const banned = { ...(await makeMember()), isBanned: true };
    expect(
      await createReply(banned, {
        threadId: thread.threadId,
        message: "hi",
        idempotencyKey: randomUUID(),
      }),
    ).toMatchObject({ ok: false, error: expect.stringContaining("banned") });

    await db.update(threads).set({ isLocked: true }).where(eq(threads.id, thread.threadId));
    expect(
      await createReply(author, {
        threadId: thread.threadId,
        message: "hi",
        idempotencyKey: randomUUID(),
      }),
    ).toEqual({
      ok: false,
      field: "form",
      error: "This thread is locked: it takes no new replies.",
    });
    const moderator = await makeMember({ role: "moderator" });
    expect(
      (
        await createReply(moderator, {
          threadId: thread.threadId,
          message: "Locked, but staff may",
          idempotencyKey: randomUUID(),
        })
      ).ok,
    ).toBe(true);
  });

  it("creates one post when the same form is submitted twice at once", async () => {
    const author = await makeMember();
    const thread = await newThread({ author, forumId });
    const key = randomUUID();
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        createReply(author, {
          threadId: thread.threadId,
          message: "Sent thrice",
          idempotencyKey: key,
        }),
      ),
    );
    const ids = new Set(results.map((r) => (r.ok ? r.postId : null)));
    expect(ids.size).toBe(1);
    expect([...ids][0]).not.toBeNull();
    const rows = await db
      .select()
      .from(posts)
      .where(and(eq(posts.threadId, thread.threadId), eq(posts.source, "Sent thrice")));
    expect(rows).toHaveLength(1);
  });

  it(`refuses more than ${POSTING.perMinute} posts a minute from one member, saying when to try again`, async () => {
    const author = await makeMember();
    const thread = await newThread({ author, forumId });
    for (let i = 1; i < POSTING.perMinute; i++)
      expect(
        (
          await createReply(author, {
            threadId: thread.threadId,
            message: `post ${i}`,
            idempotencyKey: randomUUID(),
          })
        ).ok,
      ).toBe(true);
    const refused = await createReply(author, {
      threadId: thread.threadId,
      message: "one too many",
      idempotencyKey: randomUUID(),
    });
    expect(refused).toMatchObject({
      ok: false,
      field: "form",
      error: expect.stringMatching(/posting too fast.*Try again in \d+ seconds/),
    });
  });

  it("counts only the last minute's posts toward the limit", async () => {
    const author = await makeMember();
    const thread = await newThread({ author, forumId });
    for (let i = 1; i < POSTING.perMinute; i++)
      await createReply(author, {
        threadId: thread.threadId,
        message: `earlier ${i}`,
        idempotencyKey: randomUUID(),
      });
    // A minute and more ago, as far as the limit is concerned.
    await db
      .update(posts)
      .set({ createdAt: sql`now() - interval '2 minutes'` })
      .where(eq(posts.authorId, author.id!));
    const again = await createReply(author, {
      threadId: thread.threadId,
      message: "after a pause",
      idempotencyKey: randomUUID(),
    });
    expect(again).toMatchObject({ ok: true });
  });

  it("keeps counters exact under 50 concurrent replies and 50 concurrent reaction toggles", async () => {
    const members = await Promise.all(Array.from({ length: 10 }, () => makeMember()));
    const thread = await newThread({ author: members[0]!, forumId });
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        createReply(members[i % 10]!, {
          threadId: thread.threadId,
          message: `concurrent ${i}`,
          idempotencyKey: randomUUID(),
        }),
      ),
    );
    expect(replies.filter((r) => !r.ok)).toEqual([]);
    const [opening] = await db.select().from(posts).where(eq(posts.id, thread.postId));
    const kinds = ["like", "love", "haha", "wow", "sad", "angry"] as const;
    const toggles = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        toggleReaction(members[1 + (i % 9)]!, opening!.id, kinds[i % 6]!),
      ),
    );
    expect(toggles.filter((r) => !r.ok)).toEqual([]);

    expect(await countersMatchRecount(thread.threadId)).toEqual({
      replies: true,
      last_post: true,
      forum_messages: true,
      reaction_counts: true,
      positions_unique: true,
    });
    const [thread2] = await db.select().from(threads).where(eq(threads.id, thread.threadId));
    expect(thread2!.replyCount).toBe(50);
    const [author] = await db.select().from(users).where(eq(users.id, members[0]!.id!));
    const [{ score }] = (await db.execute<{ score: number }>(
      sql`select coalesce(sum(case when r.kind in ('like','love','haha','wow') then 1 else 0 end), 0)::int as score from reactions r join posts p on p.id = r.post_id where p.author_id = ${members[0]!.id}`,
    )) as unknown as [{ score: number }];
    expect(author!.reactionScore).toBe(score);
    expect(author!.messageCount).toBe(1 + 5);
  });
});

describe("concurrent replies across watched threads", () => {
  it("never deadlock when members reply to each other's threads at once", async () => {
    // Each reply locks its author's row and writes an alert naming the thread's starter (a watcher).
    // With the author's row locked FOR UPDATE, A replying to B's thread while B replies to A's
    // deadlocked; every reply here must go through.
    const members = await Promise.all(Array.from({ length: 6 }, () => makeMember()));
    const started = await Promise.all(
      members.map((m, i) =>
        newThread({ author: m, forumId, title: `Watched by its starter ${i}` }),
      ),
    );
    const replies = await Promise.all(
      members.flatMap((m, i) =>
        [1, 2, 3, 4].map((step) =>
          createReply(m, {
            threadId: started[(i + step) % members.length]!.threadId,
            message: `Reply ${step} from ${i}`,
            idempotencyKey: randomUUID(),
          }),
        ),
      ),
    );
    expect(replies.filter((r) => !r.ok)).toEqual([]);
    for (const thread of started)
      expect(await countersMatchRecount(thread.threadId)).toEqual({
        replies: true,
        last_post: true,
        forum_messages: true,
        reaction_counts: true,
        positions_unique: true,
      });
  });
});

describe("a member's reply and new thread in one forum at once", () => {
  it("never deadlock, and the forum's counters stay exact", async () => {
    // Replies used to lock thread → member → forum and new threads forum → member: 10 of 20 such
    // pairs failed with "deadlock detected". Both now take the member before the forum.
    const forum = await makeForum();
    const members = await Promise.all(Array.from({ length: 20 }, () => makeMember()));
    const own = await Promise.all(members.map((m) => newThread({ author: m, forumId: forum.id })));
    const results = await Promise.all(
      members.flatMap((m, i) => [
        createReply(m, {
          threadId: own[i]!.threadId,
          message: "A reply",
          idempotencyKey: randomUUID(),
        }),
        createThread(m, {
          forumId: forum.id,
          title: `Another thread ${i}`,
          message: "Opening post",
          idempotencyKey: randomUUID(),
        }),
      ]),
    );
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const [counts] = await db.execute<{ threads: boolean; messages: boolean; last: boolean }>(sql`
      select
        f.thread_count = (select count(*) from threads t where t.forum_id = f.id) as threads,
        f.message_count = (select count(*) from posts p join threads t on t.id = p.thread_id where t.forum_id = f.id) as messages,
        f.last_post_id = (select p.id from posts p join threads t on t.id = p.thread_id where t.forum_id = f.id order by p.created_at desc limit 1) as last
      from forums f where f.id = ${forum.id}`);
    expect(counts).toEqual({ threads: true, messages: true, last: true });
  });
});

describe("a reply whose forum count fails", () => {
  it("saves nothing of the reply and says so, though its commit was already on its way", async () => {
    // The forum's counters are the reply's last statement, and its COMMIT is sent behind them
    // without waiting for their answer: a failure there must still undo the post and every counter.
    const forum = await makeForum();
    const author = await makeMember();
    const { threadId } = await newThread({ author, forumId: forum.id });
    const setCount = (messageCount: number) =>
      db.update(forums).set({ messageCount }).where(eq(forums.id, forum.id));
    await setCount(2_147_483_647);
    try {
      const before = await db.select().from(threads).where(eq(threads.id, threadId));
      const replier = await makeMember();

      await expect(
        createReply(replier, { threadId, message: "Lost reply", idempotencyKey: randomUUID() }),
      ).rejects.toThrow(/out of range/);

      expect(await db.select().from(posts).where(eq(posts.threadId, threadId))).toHaveLength(1);
      expect(await db.select().from(threads).where(eq(threads.id, threadId))).toEqual(before);
      const [member] = await db.select().from(users).where(eq(users.id, replier.id!));
      expect(member!.messageCount).toBe(0);
    } finally {
      // Other tests sum every forum's count.
      await setCount(1);
    }
  });
});

describe("reactions", () => {
  it("replaces, removes, scores, and refuses one's own post", async () => {
    const author = await makeMember();
    const fan = await makeMember();
    const thread = await newThread({ author, forumId });
    expect(await toggleReaction(fan, thread.postId, "like")).toEqual({
      ok: true,
      reaction: "like",
    });
    expect(await toggleReaction(fan, thread.postId, "sad")).toEqual({ ok: true, reaction: "sad" });
    let [row] = await db.select().from(users).where(eq(users.id, author.id!));
    expect(row!.reactionScore).toBe(0);
    expect(await toggleReaction(fan, thread.postId, "love")).toEqual({
      ok: true,
      reaction: "love",
    });
    [row] = await db.select().from(users).where(eq(users.id, author.id!));
    expect(row!.reactionScore).toBe(1);
    expect(await toggleReaction(fan, thread.postId, "love")).toEqual({ ok: true, reaction: null });
    [row] = await db.select().from(users).where(eq(users.id, author.id!));
    expect(row!.reactionScore).toBe(0);
    expect(await db.select().from(reactions).where(eq(reactions.postId, thread.postId))).toEqual(
      [],
    );
    expect(await toggleReaction(author, thread.postId, "like")).toEqual({
      ok: false,
      error: "You cannot react to your own post.",
    });
    expect(await toggleReaction(ANONYMOUS, thread.postId, "like")).toMatchObject({ ok: false });

    await db.update(posts).set({ deletedAt: new Date() }).where(eq(posts.id, thread.postId));
    expect(await toggleReaction(fan, thread.postId, "like")).toEqual({
      ok: false,
      error: "This post does not exist any more.",
    });
  });

  it("checks the post again under its lock: one sent back to approval or deleted since it was read takes no reaction", async () => {
    const author = await makeMember();
    const fan = await makeMember();
    const thread = await newThread({ author, forumId });
    // The post as the write route read it with the member, before the moderator acted.
    const target = {
      id: thread.postId,
      authorId: author.id,
      deletedAt: null,
      approvalState: "approved" as const,
      thread: { isLocked: false, deletedAt: null },
      forum: { viewRule: "everyone", startThreadRule: "members", replyRule: "members" } as const,
    };
    const gone = { ok: false, error: "This post does not exist any more." };
    await db.update(posts).set({ approvalState: "pending" }).where(eq(posts.id, thread.postId));
    expect(await toggleReaction(fan, thread.postId, "like", { target })).toEqual(gone);
    await db.update(posts).set({ approvalState: "approved" }).where(eq(posts.id, thread.postId));
    await db.update(threads).set({ deletedAt: new Date() }).where(eq(threads.id, thread.threadId));
    expect(await toggleReaction(fan, thread.postId, "like", { target })).toEqual(gone);

    expect(await db.select().from(reactions).where(eq(reactions.postId, thread.postId))).toEqual(
      [],
    );
    const [row] = await db.select().from(posts).where(eq(posts.id, thread.postId));
    expect(row!.reactionCount).toBe(0);
    const [scored] = await db.select().from(users).where(eq(users.id, author.id!));
    expect(scored!.reactionScore).toBe(0);
    expect(await db.select().from(alerts).where(eq(alerts.postId, thread.postId))).toEqual([]);
  });
});

describe("editing", () => {
  it("keeps earlier versions, marks the post edited, and lets only the author or staff edit", async () => {
    const author = await makeMember();
    const other = await makeMember();
    const moderator = await makeMember({ role: "moderator" });
    const thread = await newThread({ author, forumId });
    expect(
      (await editPost(author, { postId: thread.postId, message: "Opening post, improved" })).ok,
    ).toBe(true);
    expect(await editPost(other, { postId: thread.postId, message: "vandalised" })).toEqual({
      ok: false,
      field: "form",
      error: "You can only edit your own posts, while the thread is open.",
    });
    expect(
      (await editPost(moderator, { postId: thread.postId, message: "Fixed by a moderator" })).ok,
    ).toBe(true);
    const [post] = await db.select().from(posts).where(eq(posts.id, thread.postId));
    expect(post).toMatchObject({ source: "Fixed by a moderator", isEdited: true });
    expect(post!.editedAt).toBeInstanceOf(Date);
    const history = await db.select().from(postEdits).where(eq(postEdits.postId, thread.postId));
    expect(history.map((h) => h.previousSource)).toEqual([
      "Opening post",
      "Opening post, improved",
    ]);
  });
});

describe("quotes, mentions and alerts", () => {
  it("corrects a forged quote attribution and alerts the quoted, mentioned and replied-to members", async () => {
    const opener = await makeMember();
    const quoted = await makeMember({ name: `Quoted Person ${process.pid}` });
    const mentioned = await makeMember();
    const replier = await makeMember();
    const thread = await newThread({ author: opener, forumId });
    const quotedPost = await createReply(quoted, {
      threadId: thread.threadId,
      message: "Something worth quoting",
      idempotencyKey: randomUUID(),
    });
    if (!quotedPost.ok) throw new Error(quotedPost.error);

    const message = `::: quote ${quotedPost.postId} Somebody Else\nSomething worth quoting\n:::\n\nAgreed, @${mentioned.name}! And @${quoted.name} too.`;
    const reply = await createReply(replier, {
      threadId: thread.threadId,
      message,
      idempotencyKey: randomUUID(),
    });
    if (!reply.ok) throw new Error(reply.error);
    const [post] = await db.select().from(posts).where(eq(posts.id, reply.postId));
    expect(post!.html).toContain(`<a href="/posts/${quotedPost.postId}">${quoted.name} said:</a>`);
    expect(post!.html).not.toContain("Somebody Else said:");
    expect(post!.html).toContain(`>@${mentioned.name}</a>`);

    const got = await db
      .select({ userId: alerts.userId, kind: alerts.kind })
      .from(alerts)
      .where(eq(alerts.postId, reply.postId));
    expect(new Map(got.map((a) => [a.userId, a.kind]))).toEqual(
      new Map([
        [quoted.id, "quote"],
        [mentioned.id, "mention"],
        [opener.id, "reply"],
      ]),
    );
  });
});
