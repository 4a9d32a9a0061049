// Integration (issue 13, finding 1): saving and preview refuse a message past a cap, in the member's
// words; a post stored before the caps reaches the thread page within its budget, and a start renders
// it again with its formatting.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { posts } from "@/db/schema";
import { POST_MENTIONS, POST_NESTING, POST_SMILIES, renderedPostBudget } from "../limits/sizes";
import { codePointLength } from "../markup/bounds";
import { renderPost } from "../markup/render";
import { makeForum, makeMember, newThread } from "../testing/factories";
import { rerenderOversizedPosts } from "./bounded-html";
import { createReply, createThread, editPost } from "./posting";
import { previewHtml } from "./preview";
import { getThreadPage } from "./thread-page";

/** The reported post: 16,600 smilies, 49,799 characters. */
const WORST = ":) ".repeat(16_600).trimEnd();
/** What the renderer stored for it before the caps: 14 times its source. */
const OLD_HTML = `<p>${Array(16_600).fill('<span class="smilie" title=":)">🙂</span>').join(" ")}</p>\n`;

let forumId: number;
beforeAll(async () => {
  forumId = (await makeForum()).id;
});
afterAll(async () => {
  await db.$client.end();
});

const postCount = async (threadId: number) =>
  (await db.select({ id: posts.id }).from(posts).where(eq(posts.threadId, threadId))).length;

describe("a message past a cap", () => {
  it("is refused by preview, new thread, reply and edit, with the cap's message for the message field", async () => {
    const author = await makeMember();
    const thread = await newThread({ author, forumId });

    expect(await previewHtml(WORST)).toEqual({ ok: false, error: POST_SMILIES.tooMany });
    const started = await createThread(author, {
      forumId,
      title: "Smilies everywhere",
      message: WORST,
      idempotencyKey: randomUUID(),
    });
    expect(started).toEqual({ ok: false, error: POST_SMILIES.tooMany, field: "message" });
    const replied = await createReply(author, {
      threadId: thread.threadId,
      message: "@someone ".repeat(POST_MENTIONS.max + 1),
      idempotencyKey: randomUUID(),
    });
    expect(replied).toEqual({ ok: false, error: POST_MENTIONS.tooMany, field: "message" });
    const edited = await editPost(author, {
      postId: thread.postId,
      message: ">".repeat(POST_NESTING.max + 1) + " deep",
    });
    expect(edited).toEqual({ ok: false, error: POST_NESTING.tooMany, field: "message" });

    expect(await postCount(thread.threadId)).toBe(1);
    const [opening] = await db.select().from(posts).where(eq(posts.id, thread.postId));
    expect(opening!.source).toBe("Opening post");
  });

  it("at the cap is saved whole", async () => {
    const author = await makeMember();
    const atCap = ":) ".repeat(POST_SMILIES.max).trimEnd();
    const thread = await newThread({ author, forumId, message: atCap });
    const [row] = await db.select().from(posts).where(eq(posts.id, thread.postId));
    expect(row!.html.split('class="smilie"').length - 1).toBe(POST_SMILIES.max);
    expect(await previewHtml(atCap)).toMatchObject({ ok: true });
  });
});

describe("a post stored before the caps", () => {
  it("is shown within its budget, and a start renders it again within the caps", async () => {
    const author = await makeMember();
    const thread = await newThread({ author, forumId });
    await db
      .update(posts)
      .set({ source: WORST, html: OLD_HTML })
      .where(eq(posts.id, thread.postId));

    const page = await getThreadPage(thread.threadId, 1);
    const shown = page!.posts[0]!.html;
    expect(codePointLength(shown)).toBeLessThanOrEqual(renderedPostBudget(WORST.length));
    expect(shown).not.toContain("smilie");
    expect(shown).toContain(":) :) :)");

    expect(await rerenderOversizedPosts(db)).toBeGreaterThanOrEqual(1);
    const [row] = await db.select().from(posts).where(eq(posts.id, thread.postId));
    expect(row!.html).toBe(renderPost(WORST));
    expect(row!.html.split('class="smilie"').length - 1).toBe(POST_SMILIES.max);
    expect((await getThreadPage(thread.threadId, 1))!.posts[0]!.html).toBe(row!.html);
    expect(await rerenderOversizedPosts(db)).toBe(0);
  });
});
