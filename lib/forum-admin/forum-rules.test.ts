// Integration: per-forum rules (issue 15) against the real Postgres. A staff-only forum is nowhere
// for a member (home, forum page, thread, permalink, search, What's new, feeds, alerts, posting); a
// members-only one is for members but not guests; staff-only posting leaves reading alone.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { forums, modLog, type Forum } from "@/db/schema";
import { listAlerts } from "../alerts/list";
import { siteFeed } from "../feeds/latest-threads";
import { readableRules } from "../forum/forum-access";
import { getForumIndex } from "../forum/forum-index";
import { getForumPage } from "../forum/forum-page";
import { createReply, createThread } from "../forum/posting";
import { findPostLocation, getThreadPage } from "../forum/thread-page";
import { needsViewerRender } from "../forum/restricted-paths";
import { ANONYMOUS, type Viewer } from "../permissions";
import { latestActivity } from "../reading/latest-activity";
import { newPosts } from "../reading/whats-new";
import { searchPosts } from "../search/search-posts";
import { cleanUp, makeForum, makeMember, newThread, type Member } from "@/lib/testing/factories";
import { setForumRules } from "./rules";

let admin: Member;
let member: Member;
let moderator: Member;
let staffForum: Forum;
let membersForum: Forum;
let staffThread: { threadId: number; postId: number };
let membersThread: { threadId: number; postId: number };
const word = `zq${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  admin = await makeMember({ role: "admin" });
  member = await makeMember();
  moderator = await makeMember({ role: "moderator" });
  staffForum = await makeForum();
  membersForum = await makeForum();
  staffThread = await newThread({
    author: moderator,
    forumId: staffForum.id,
    title: `Staff ${word}`,
    message: `Quoting @${member.name} about ${word}`,
  });
  membersThread = await newThread({
    author: moderator,
    forumId: membersForum.id,
    title: `Members ${word}`,
    message: `For members ${word}`,
  });
  const rules = (viewRule: string, forumId: number) =>
    setForumRules(admin, { forumId, viewRule, startThreadRule: "members", replyRule: "members" });
  expect((await rules("staff", staffForum.id)).ok).toBe(true);
  expect((await rules("members", membersForum.id)).ok).toBe(true);
});

afterAll(async () => {
  await cleanUp();
  await db.$client.end();
});

const reader = (viewer: Viewer) => ({
  viewerId: viewer.id,
  seesDeleted: false,
  viewRules: readableRules(viewer),
});

async function sees(viewer: Viewer, thread: { threadId: number; postId: number }, forum: Forum) {
  const rules = readableRules(viewer);
  const home = (await getForumIndex(rules)).flatMap((c) => c.forums.map((f) => f.id));
  const search = await searchPosts(viewer.id, {
    words: word,
    forumId: null,
    authorId: null,
    from: null,
    before: null,
    titlesOnly: false,
    order: "date",
    page: 1,
    viewRules: rules,
  });
  const whatsNew = await newPosts(viewer.id, { page: 1, perPage: 100, viewRules: rules });
  const activity = await latestActivity(viewer.id, { page: 1, perPage: 100, viewRules: rules });
  return {
    home: home.includes(forum.id),
    forumPage: (await getForumPage(forum.slug, 1, { viewRules: rules })) !== null,
    threadPage: (await getThreadPage(thread.threadId, 1, reader(viewer))) !== null,
    permalink: (await findPostLocation(thread.postId, reader(viewer))) !== null,
    search: search.hits.some((h) => h.postId === thread.postId),
    whatsNew: whatsNew.items.some((t) => t.id === thread.threadId),
    activity: activity.items.some((a) => "post" in a && a.post?.id === thread.postId),
  };
}

const EVERYWHERE = {
  home: true,
  forumPage: true,
  threadPage: true,
  permalink: true,
  search: true,
  whatsNew: true,
  activity: true,
};
const NOWHERE = Object.fromEntries(Object.keys(EVERYWHERE).map((k) => [k, false]));

describe("per-forum rules", () => {
  it("logs the change of rules", async () => {
    const [line] = await db
      .select()
      .from(modLog)
      .where(eq(modLog.targetId, String(staffForum.id)));
    expect(line).toMatchObject({ action: "forum.rules", actorId: admin.id });
  });

  it("hides a staff-only forum from members and guests everywhere, not from staff", async () => {
    expect(await sees(member, staffThread, staffForum)).toEqual(NOWHERE);
    expect(await sees(ANONYMOUS, staffThread, staffForum)).toEqual(NOWHERE);
    expect(await sees(moderator, staffThread, staffForum)).toEqual(EVERYWHERE);
  });

  it("shows a members-only forum to members but not to guests", async () => {
    expect(await sees(member, membersThread, membersForum)).toEqual(EVERYWHERE);
    expect(await sees(ANONYMOUS, membersThread, membersForum)).toEqual(NOWHERE);
  });

  it("leaves both out of the feeds, which are read without signing in", async () => {
    const feed = await siteFeed("http://localhost");
    expect(feed.items.some((i) => i.title.includes(word))).toBe(false);
  });

  it("does not alert a member about a post they may not read", async () => {
    const alerts = await listAlerts(member.id, 1, readableRules(member));
    expect(alerts?.alerts.some((a) => a.url.includes(String(staffThread.postId))) ?? false).toBe(
      false,
    );
  });

  it("refuses posting where the member may not read, and where only staff post", async () => {
    const key = () => randomUUID();
    const reply = await createReply(member, {
      threadId: staffThread.threadId,
      message: "let me in",
      idempotencyKey: key(),
    });
    expect(reply).toMatchObject({ ok: false });
    const thread = await createThread(member, {
      forumId: staffForum.id,
      title: "A thread",
      message: "let me in",
      idempotencyKey: key(),
    });
    expect(thread).toMatchObject({ ok: false, error: "This forum does not exist." });

    await setForumRules(admin, {
      forumId: membersForum.id,
      viewRule: "members",
      startThreadRule: "staff",
      replyRule: "staff",
    });
    const refusedReply = await createReply(member, {
      threadId: membersThread.threadId,
      message: "hello",
      idempotencyKey: key(),
    });
    expect(refusedReply).toMatchObject({ ok: false, error: "Only staff reply in this forum." });
    const refusedThread = await createThread(member, {
      forumId: membersForum.id,
      title: "A thread",
      message: "hello",
      idempotencyKey: key(),
    });
    expect(refusedThread).toMatchObject({
      ok: false,
      error: "Only staff start threads in this forum.",
    });
    const staffReply = await createReply(moderator, {
      threadId: membersThread.threadId,
      message: "staff may",
      idempotencyKey: key(),
    });
    expect(staffReply.ok).toBe(true);
  });

  it("tells the page cache which member requests need their own render", async () => {
    // Read at most every two seconds: wait for a fresh read after the rules above.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await needsViewerRender(`/forums/${staffForum.slug}`)).toBe(true);
    expect(await needsViewerRender(`/threads/${staffThread.threadId}-x`)).toBe(true);
    expect(await needsViewerRender(`/posts/${membersThread.postId}`)).toBe(true);
    expect(await needsViewerRender("/")).toBe(true);
    expect(await needsViewerRender("/search")).toBe(true);
    expect(await needsViewerRender("/whats-new/posts")).toBe(true);
    await db.update(forums).set({ viewRule: "everyone" }).where(eq(forums.id, membersForum.id));
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await needsViewerRender(`/posts/${membersThread.postId}`)).toBe(false);
    expect(await needsViewerRender("/forums/no-such-forum")).toBe(false);
    // Only a staff-only forum is left: members' lists are the guests' again (staff render their own).
    expect(await needsViewerRender("/search")).toBe(false);
    expect(await needsViewerRender("/whats-new")).toBe(false);
  });
});
