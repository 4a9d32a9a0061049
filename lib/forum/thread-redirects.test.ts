// Integration: a merged thread's old address leads to the thread that holds its posts (issue 17).
import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { threadRedirects } from "@/db/schema";
import { hardDeleteThread, mergeThreads } from "../moderation/threads";
import { cleanUp, makeForum, makeMember, makeThread } from "../testing/factories";
import { forumSlugSpeltAs } from "./forum-slug";
import { mergedInto } from "./thread-redirects";

afterAll(async () => {
  await cleanUp();
  await db.$client.end();
});

describe("merged threads", () => {
  it("lead to the thread they were merged into, also after that one is merged in turn", async () => {
    const forum = await makeForum();
    const moderator = await makeMember({ role: "moderator" });
    const admin = await makeMember({ role: "admin" });
    const [a, b, c] = [
      await makeThread({ forumId: forum.id, messages: ["a"], title: "First thread" }),
      await makeThread({ forumId: forum.id, messages: ["b"], title: "Second thread" }),
      await makeThread({ forumId: forum.id, messages: ["c"], title: "Third thread" }),
    ];
    expect(await mergedInto(a.threadId)).toBeNull();

    const first = await mergeThreads(moderator, { sourceId: a.threadId, targetId: b.threadId });
    expect(first.ok).toBe(true);
    expect(await mergedInto(a.threadId)).toEqual({ id: b.threadId, slug: "second-thread" });

    // No chains: both old addresses now lead straight to the third thread.
    expect((await mergeThreads(moderator, { sourceId: b.threadId, targetId: c.threadId })).ok).toBe(
      true,
    );
    expect(await mergedInto(a.threadId)).toEqual({ id: c.threadId, slug: "third-thread" });
    expect(await mergedInto(b.threadId)).toEqual({ id: c.threadId, slug: "third-thread" });

    // Deleting the target for good leaves nothing to lead to.
    expect((await hardDeleteThread(admin, { threadId: c.threadId })).ok).toBe(true);
    expect(await mergedInto(a.threadId)).toBeNull();
    expect(
      await db.select().from(threadRedirects).where(eq(threadRedirects.targetThreadId, c.threadId)),
    ).toEqual([]);
  });
});

describe("forum addresses", () => {
  it("send a differently spelt slug to the forum it names, and nothing else", async () => {
    const forum = await makeForum();
    const shouted = forum.slug.toUpperCase().replace(/-/g, "_");
    expect(await forumSlugSpeltAs(shouted)).toBe(forum.slug);
    expect(await forumSlugSpeltAs(encodeURIComponent(` ${shouted} `))).toBe(forum.slug);
    expect(await forumSlugSpeltAs(forum.slug)).toBeNull();
    expect(await forumSlugSpeltAs("no-such-forum-anywhere")).toBeNull();
    expect(await forumSlugSpeltAs("%E0")).toBeNull();
  });
});
