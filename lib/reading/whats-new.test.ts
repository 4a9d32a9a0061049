// Integration: the What's new lists against the real Postgres: order, pages, unread marks, and what
// each viewer must not see (ignored members, deleted posts and threads, posts awaiting approval).
// Other test files run before or after this one, never during it: the newest rows are this file's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { ignoredMembers } from "@/db/schema";
import { toggleReaction } from "../forum/reactions";
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
import type { Viewer } from "../permissions";
import { latestActivity, type ActivityItem } from "./latest-activity";
import { plainExcerpt } from "../markup/excerpt";
import { recordThreadRead } from "./reads";
import { newPosts, newThreads, WHATS_NEW_MAX_PAGES } from "./whats-new";

let forumId: number;
let forumTitle: string;
let moderator: Viewer;

beforeAll(async () => {
  ({ id: forumId, title: forumTitle } = await makeForum());
  moderator = await makeMember({ role: "moderator" });
});
afterAll(async () => {
  await resetApprovalSetting();
  await db.$client.end();
});

const ids = (list: { items: { id: number }[] }) => list.items.map((t) => t.id);
const keys = (list: { items: ActivityItem[] }) => list.items.map((i) => i.key);
const ignore = (who: Viewer, whom: Viewer) =>
  db.insert(ignoredMembers).values({ userId: who.id!, ignoredId: whom.id! });

describe("New posts and New threads", () => {
  it("list threads by last post and by creation, newest first, with forum, starter, replies and last poster", async () => {
    const starter = await makeMember();
    const replier = await makeMember();
    const first = await newThread({ author: starter, forumId, title: "What's new first" });
    const second = await newThread({ author: starter, forumId, title: "What's new second" });
    await reply({ author: replier, threadId: first.threadId, message: "Bumps the first thread" });

    const byPost = await newPosts(null, { page: 1 });
    expect(ids(byPost).slice(0, 2)).toEqual([first.threadId, second.threadId]);
    expect(byPost.items[0]).toMatchObject({
      title: "What's new first",
      forum: { title: forumTitle },
      starter: { name: starter.name },
      replyCount: 1,
      lastPost: { authorName: replier.name },
      unread: false,
    });
    expect(ids(await newThreads(null, { page: 1 })).slice(0, 2)).toEqual([
      second.threadId,
      first.threadId,
    ]);
  });

  it("pages follow each other without gaps or repeats, and the count stops at the cap", async () => {
    const starter = await makeMember();
    const made: number[] = [];
    for (let i = 0; i < 7; i++)
      made.push((await newThread({ author: starter, forumId, title: `Paged ${i}` })).threadId);
    const pages = [];
    for (let page = 1; page <= 3; page++) pages.push(await newPosts(null, { page, perPage: 3 }));
    const listed = pages.flatMap(ids);
    expect(new Set(listed).size).toBe(9);
    expect(listed.slice(0, 7)).toEqual([...made].reverse());
    expect(ids(await newPosts(null, { page: 1, perPage: 9 }))).toEqual(listed);

    const [{ n } = { n: 0 }] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from threads t where t.deleted_at is null and not exists (select 1 from posts o where o.id = t.first_post_id and o.approval_state <> 'approved')`,
    );
    expect(pages[0]!.pageCount).toBe(Math.min(WHATS_NEW_MAX_PAGES, Math.ceil(n / 3)));
    const all = await newThreads(null, { page: 1, perPage: n });
    expect(all.pageCount).toBe(1);
    expect(ids(await newThreads(null, { page: 2, perPage: n }))).toEqual([]);
    expect(await newPosts(null, { page: WHATS_NEW_MAX_PAGES + 1 })).toMatchObject({ items: [] });
  });

  it("marks unread threads for members and lists only those with Unread only", async () => {
    const reader = await makeMember();
    const starter = await makeMember();
    const read = await newThread({ author: starter, forumId, title: "Read by the reader" });
    const unread = await newThread({ author: starter, forumId, title: "Not read by the reader" });
    await recordThreadRead(reader, read.threadId, [read.postId]);

    const list = await newPosts(reader.id, { page: 1 });
    const row = (id: number) => list.items.find((t) => t.id === id);
    expect(row(read.threadId)).toMatchObject({ unread: false });
    expect(row(unread.threadId)).toMatchObject({
      unread: true,
      unreadUrl: `/threads/${unread.threadId}-not-read-by-the-reader/unread`,
    });

    const only = await newPosts(reader.id, { page: 1, unreadOnly: true });
    expect(ids(only)).toContain(unread.threadId);
    expect(ids(only)).not.toContain(read.threadId);
    expect(only.items.every((t) => t.unread)).toBe(true);
    expect((await newPosts(null, { page: 1 })).items.every((t) => !t.unread)).toBe(true);
  });

  it("leave out threads started by ignored members, deleted threads and threads awaiting approval", async () => {
    const viewer = await makeMember();
    const ignored = await makeMember();
    const other = await makeMember();
    await ignore(viewer, ignored);
    const theirs = await newThread({ author: ignored, forumId, title: "By an ignored member" });
    const gone = await newThread({ author: other, forumId, title: "Deleted by a moderator" });
    expect(
      await deleteThread(moderator, { threadId: gone.threadId, reason: "test" }),
    ).toMatchObject({ ok: true });
    await setApprovalThreshold(await makeMember({ role: "admin" }), 3);
    const newcomer = await makeMember();
    const waiting = await newThread({ author: newcomer, forumId, title: "Waiting for approval" });
    await resetApprovalSetting();
    // A reply by the ignored member does not hide someone else's thread.
    const kept = await newThread({ author: other, forumId, title: "Kept, whoever replies" });
    await reply({
      author: ignored,
      threadId: kept.threadId,
      message: "A reply by the ignored member",
    });

    for (const list of [
      await newPosts(viewer.id, { page: 1 }),
      await newThreads(viewer.id, { page: 1 }),
    ]) {
      expect(ids(list)).toContain(kept.threadId);
      expect(ids(list)).not.toContain(theirs.threadId);
      expect(ids(list)).not.toContain(gone.threadId);
      expect(ids(list)).not.toContain(waiting.threadId);
    }
    expect(ids(await newPosts(null, { page: 1 }))).toContain(theirs.threadId);
    expect(ids(await newPosts(null, { page: 1 }))).not.toContain(waiting.threadId);
    expect(ids(await newPosts(newcomer.id, { page: 1 }))).toContain(waiting.threadId);
  });
});

describe("Latest activity", () => {
  it("merges posts, reactions and new members, newest first", async () => {
    const poster = await makeMember();
    const reactor = await makeMember();
    const thread = await newThread({
      author: poster,
      forumId,
      title: "Activity thread",
      message: "An opening post worth a reaction",
    });
    const answer = await reply({
      author: reactor,
      threadId: thread.threadId,
      message: "::: spoiler Ending\nthe butler\n:::\nA reply with a spoiler",
    });
    expect(await toggleReaction(reactor, thread.postId, "like")).toMatchObject({ ok: true });

    const list = await latestActivity(null, { page: 1 });
    expect(list.items.slice(0, 5).map((i) => [i.kind, i.actor.name])).toEqual([
      ["reaction", reactor.name],
      ["post", reactor.name],
      ["post", poster.name],
      ["member", reactor.name],
      ["member", poster.name],
    ]);
    expect(list.items[0]).toMatchObject({
      kind: "reaction",
      reaction: "like",
      post: {
        id: thread.postId,
        author: { name: poster.name },
        thread: { title: "Activity thread" },
      },
    });
    expect(list.items[1]).toMatchObject({
      kind: "post",
      post: { id: answer.postId, position: 2, excerpt: "A reply with a spoiler" },
    });
    expect(list.items[2]).toMatchObject({ kind: "post", post: { position: 1 } });
  });

  it("pages follow each other, and the count is bounded", async () => {
    const pages = [
      await latestActivity(null, { page: 1, perPage: 3 }),
      await latestActivity(null, { page: 2, perPage: 3 }),
    ];
    expect(pages.flatMap(keys)).toEqual(keys(await latestActivity(null, { page: 1, perPage: 6 })));
    expect(new Set(pages.flatMap(keys)).size).toBe(6);
    expect(pages[0]!.pageCount).toBeGreaterThanOrEqual(2);
    expect(pages[0]!.pageCount).toBeLessThanOrEqual(25);
    expect(await latestActivity(null, { page: 26 })).toMatchObject({ items: [] });
  });

  it("leaves out ignored members (their posts, their reactions, reactions to their posts, themselves), deleted posts and others' posts awaiting approval", async () => {
    const viewer = await makeMember();
    const ignored = await makeMember();
    const other = await makeMember();
    await ignore(viewer, ignored);
    const thread = await newThread({ author: other, forumId, title: "Activity filters" });
    const byIgnored = await reply({
      author: ignored,
      threadId: thread.threadId,
      message: "From an ignored member",
    });
    await toggleReaction(ignored, thread.postId, "love");
    await toggleReaction(other, byIgnored.postId, "haha");
    const deleted = await reply({
      author: other,
      threadId: thread.threadId,
      message: "Deleted soon",
    });
    expect(await deletePosts(moderator, [deleted.postId], "test")).toMatchObject({ ok: true });
    await setApprovalThreshold(await makeMember({ role: "admin" }), 3);
    const newcomer = await makeMember();
    const waiting = await reply({
      author: newcomer,
      threadId: thread.threadId,
      message: "Waiting for approval",
    });
    await resetApprovalSetting();

    const seen = (await latestActivity(viewer.id, { page: 1, perPage: 50 })).items;
    const postIds = (items: ActivityItem[]) =>
      items.flatMap((i) => (i.kind === "post" ? [i.post.id] : []));
    expect(postIds(seen)).toContain(thread.postId);
    expect(postIds(seen)).not.toContain(byIgnored.postId);
    expect(postIds(seen)).not.toContain(deleted.postId);
    expect(postIds(seen)).not.toContain(waiting.postId);
    expect(seen.some((i) => i.actor.name === ignored.name)).toBe(false);
    expect(seen.some((i) => i.kind === "reaction" && i.post.id === byIgnored.postId)).toBe(false);
    expect(seen.some((i) => i.kind === "member" && i.actor.name === newcomer.name)).toBe(true);

    const guest = (await latestActivity(null, { page: 1, perPage: 50 })).items;
    expect(postIds(guest)).toContain(byIgnored.postId);
    expect(guest.some((i) => i.kind === "reaction" && i.actor.name === ignored.name)).toBe(true);
    expect(postIds(guest)).not.toContain(waiting.postId);
    expect(postIds((await latestActivity(newcomer.id, { page: 1, perPage: 50 })).items)).toContain(
      waiting.postId,
    );
  });

  it("shows a taste of the post without quotes, spoilers or markup", () => {
    expect(plainExcerpt("::: quote 12 Razor\nquoted words\n:::\n**Bold** answer")).toBe(
      "Bold answer",
    );
    expect(plainExcerpt("::: spoiler Title\nsecret\n:::\nvisible")).toBe("visible");
    expect(plainExcerpt("before\n::: spoiler cut off\nsecret")).toBe("before");
    expect(plainExcerpt("x".repeat(300), 10)).toBe(`${"x".repeat(9)}…`);
  });
});
