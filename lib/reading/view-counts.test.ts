// Integration: thread views are counted in memory and written in one statement per flush; the
// personal answer counts real page views of a thread, not prefetches.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { threads } from "@/db/schema";
import { personalAnswer } from "../personal/answer";
import { makeForum, makeMember, newThread } from "../testing/factories";
import { countThreadView, flushThreadViews } from "./view-counts";

let forumId: number;
beforeAll(async () => {
  forumId = (await makeForum()).id;
});
afterAll(async () => {
  await db.$client.end();
});

const viewsOf = async (threadId: number) =>
  (await db.select({ n: threads.viewCount }).from(threads).where(eq(threads.id, threadId)))[0]!.n;

const page = (thread: number) => ({ thread, posts: [], threads: [] });

describe("thread view counts", () => {
  it("adds the counted views at the flush, not before, and counts each view once", async () => {
    const author = await makeMember();
    const [a, b] = [
      await newThread({ author, forumId, title: "Viewed thread one" }),
      await newThread({ author, forumId, title: "Viewed thread two" }),
    ];
    countThreadView(a.threadId);
    countThreadView(a.threadId);
    countThreadView(b.threadId);
    // A thread id that names nothing is dropped by the flush, not an error.
    countThreadView(2_000_000_000);
    expect(await viewsOf(a.threadId)).toBe(0);
    await flushThreadViews();
    expect([await viewsOf(a.threadId), await viewsOf(b.threadId)]).toEqual([2, 1]);
    await flushThreadViews();
    expect(await viewsOf(a.threadId)).toBe(2);
  });

  it("counts guests' and members' page views through the personal answer, never prefetches", async () => {
    const author = await makeMember();
    const { threadId } = await newThread({ author, forumId });
    const member = { uid: author.id, sv: 0, sid: null };
    await personalAnswer({ session: null, scope: page(threadId), isPageView: true });
    await personalAnswer({ session: member, scope: page(threadId), isPageView: true });
    await personalAnswer({ session: null, scope: page(threadId), isPageView: false });
    await personalAnswer({ session: member, scope: page(threadId), isPageView: false });
    await personalAnswer({
      session: null,
      scope: { ...page(threadId), thread: null },
      isPageView: true,
    });
    await flushThreadViews();
    expect(await viewsOf(threadId)).toBe(2);
  });
});
