// Integration: what the thread page offers on each post, from the posts as getThreadPage loads them
// (real Postgres) and lib/permissions. Staff see posts waiting for approval, to approve them; they
// must not be offered reactions or quoting there, which the server would refuse.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { setApprovalThreshold } from "../moderation/approval";
import {
  makeForum,
  makeMember,
  newThread,
  reply,
  resetApprovalSetting,
} from "../testing/factories";
import { can, type Viewer } from "../permissions";
import { getThreadPage, postTarget } from "./thread-page";

let forum: { id: number };
let admin: Viewer;

beforeAll(async () => {
  forum = await makeForum();
  admin = await makeMember({ role: "admin" });
});
afterEach(resetApprovalSetting);
afterAll(async () => {
  await resetApprovalSetting();
  await db.$client.end();
});

/** The per-post tools the page would show this viewer, by post id. */
async function toolsOn(threadId: number, viewer: Viewer) {
  const page = await getThreadPage(threadId, 1, {
    viewerId: viewer.id,
    seesDeleted: can(viewer, "viewDeleted"),
  });
  if (!page) throw new Error("thread not shown");
  return new Map(
    page.posts.map((post) => {
      const target = postTarget(post, page.thread);
      return [
        post.id,
        {
          react: can(viewer, "react", target),
          quote: can(viewer, "quotePost", target),
          report: can(viewer, "report", target),
        },
      ];
    }),
  );
}

describe("a post awaiting approval", () => {
  it("shows staff no reactions, Quote or Report; approved posts keep them", async () => {
    const opener = await makeMember({ imported: true });
    const moderator = await makeMember({ role: "moderator" });
    const thread = await newThread({ author: opener, forumId: forum.id });
    expect(await setApprovalThreshold(admin, 1)).toMatchObject({ ok: true });
    const newcomer = await makeMember();
    const waiting = await reply({
      author: newcomer,
      threadId: thread.threadId,
      message: "My first words",
    });

    for (const staff of [moderator, admin]) {
      const tools = await toolsOn(thread.threadId, staff);
      expect(tools.get(waiting.postId)).toEqual({ react: false, quote: false, report: false });
      expect(tools.get(thread.postId)).toEqual({ react: true, quote: true, report: true });
    }
    // Its author sees it too, and cannot quote it into a reply either.
    expect((await toolsOn(thread.threadId, newcomer)).get(waiting.postId)).toEqual({
      react: false,
      quote: false,
      report: false,
    });
  });
});
