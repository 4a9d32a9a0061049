// Attachments end to end below the routes: what an upload is (sniffed, re-encoded, refused), where
// it is kept (stored_files, by content hash), and who may fetch it (the post's visibility).
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { attachments, forums, storedFiles } from "@/db/schema";
import { deletePosts } from "../moderation/posts";
import { ANONYMOUS } from "../permissions";
import { attachmentLimits } from "../limits/attachments";
import { cleanUp, makeForum, makeMember, newThread, reply } from "../testing/factories";
import { attachmentsOfPosts, readAttachment, uploadAttachment } from "./store";

afterAll(cleanUp);

/** A JPEG carrying EXIF (a camera's make), to see that re-encoding drops it. */
const photo = () =>
  sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 20, g: 120, b: 200 } } })
    .jpeg()
    .withExif({ IFD0: { Make: "SecretCam" } })
    .toBuffer();

async function upload(
  viewer: Parameters<typeof uploadAttachment>[0],
  name: string,
  bytes: Uint8Array,
) {
  const result = await uploadAttachment(viewer, { name, bytes });
  if (!result.ok) throw new Error(result.error);
  return result.attachment;
}

describe("uploading", () => {
  it("re-encodes an image without its metadata, with a thumbnail, stored by content hash", async () => {
    const member = await makeMember();
    const bytes = await photo();
    expect((await sharp(bytes).metadata()).exif).toBeDefined();
    const first = await upload(member, "holiday.jpg", bytes);
    expect(first).toMatchObject({ fileName: "holiday.jpg", isImage: true });
    expect(first.markup).toBe(`![holiday.jpg](attachment:${first.id})`);

    const file = await readAttachment(member, first.id, "file");
    expect(file?.contentType).toBe("image/jpeg");
    expect((await sharp(file!.bytes).metadata()).exif).toBeUndefined();
    const thumb = await readAttachment(member, first.id, "thumb");
    const thumbMeta = await sharp(thumb!.bytes).metadata();
    expect(thumbMeta.format).toBe("webp");
    expect(Math.max(thumbMeta.width, thumbMeta.height)).toBe(320);

    // The same picture again is a second attachment over the same stored bytes.
    const second = await upload(member, "again.jpeg", bytes);
    const rows = await db
      .select({ stored: attachments.storedName })
      .from(attachments)
      .where(eq(attachments.uploaderId, member.id));
    expect(rows.map((r) => r.stored)).toEqual([rows[0]!.stored, rows[0]!.stored]);
    expect(second.id).not.toBe(first.id);
    const stored = await db.select().from(storedFiles).where(eq(storedFiles.name, rows[0]!.stored));
    expect(stored).toHaveLength(1);
  });

  it("sniffs the type from the bytes: a text file named .png is refused, as text it is kept", async () => {
    const member = await makeMember();
    const text = new TextEncoder().encode("just some notes\n");
    const renamed = await uploadAttachment(member, { name: "picture.png", bytes: text });
    expect(renamed).toEqual({ ok: false, error: attachmentLimits().wrongType });
    const kept = await upload(member, "notes.txt", text);
    expect(kept).toMatchObject({ fileName: "notes.txt", isImage: false });
    expect(kept.markup).toBe(`[notes.txt](attachment:${kept.id})`);
    // A PNG named .pdf is not a PDF either, and bytes that are neither text nor a known type fail.
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: "red" } })
      .png()
      .toBuffer();
    expect((await uploadAttachment(member, { name: "report.pdf", bytes: png })).ok).toBe(false);
    const binary = new Uint8Array([0, 1, 2, 3, 255, 254]);
    expect((await uploadAttachment(member, { name: "data.txt", bytes: binary })).ok).toBe(false);
    const pdf = new TextEncoder().encode("%PDF-1.4\n%âãÏÓ\n");
    expect((await upload(member, "report.pdf", pdf)).isImage).toBe(false);
  });

  it("refuses a file over the size limit, guests, and banned members", async () => {
    const member = await makeMember();
    const limits = attachmentLimits();
    const tooLarge = new Uint8Array(limits.maxBytes + 1).fill(0x61);
    expect(await uploadAttachment(member, { name: "big.txt", bytes: tooLarge })).toEqual({
      ok: false,
      error: limits.tooLarge,
    });
    const text = new TextEncoder().encode("hello");
    expect((await uploadAttachment(ANONYMOUS, { name: "a.txt", bytes: text })).ok).toBe(false);
    const banned = await makeMember({ banned: true });
    expect((await uploadAttachment(banned, { name: "a.txt", bytes: text })).ok).toBe(false);
  });
});

describe("who sees an attachment", () => {
  it("follows the post: the uploader alone before posting, everyone after, staff once deleted", async () => {
    const forum = await makeForum();
    const author = await makeMember();
    const reader = await makeMember();
    const moderator = await makeMember({ role: "moderator" });
    const thread = await newThread({ author, forumId: forum.id });
    const attachment = await upload(author, "notes.txt", new TextEncoder().encode("notes"));

    expect(await readAttachment(author, attachment.id, "file")).not.toBeNull();
    expect(await readAttachment(reader, attachment.id, "file")).toBeNull();
    expect(await readAttachment(ANONYMOUS, attachment.id, "file")).toBeNull();

    const { postId } = await reply({
      author,
      threadId: thread.threadId,
      message: `See ${attachment.markup}`,
    });
    expect((await attachmentsOfPosts([postId])).get(postId)).toMatchObject([
      { id: attachment.id, fileName: "notes.txt", byteSize: 5, isImage: false },
    ]);
    for (const viewer of [author, reader, ANONYMOUS, moderator])
      expect(await readAttachment(viewer, attachment.id, "file")).not.toBeNull();

    expect((await deletePosts(moderator, [postId], "spam")).ok).toBe(true);
    expect(await readAttachment(reader, attachment.id, "file")).toBeNull();
    expect(await readAttachment(ANONYMOUS, attachment.id, "file")).toBeNull();
    expect(await readAttachment(author, attachment.id, "file")).toBeNull();
    expect(await readAttachment(moderator, attachment.id, "file")).not.toBeNull();
  });

  it("follows the forum: a file in a members-only forum is not a guest's, in a staff-only one not a member's", async () => {
    const forum = await makeForum();
    const author = await makeMember();
    const reader = await makeMember();
    const moderator = await makeMember({ role: "moderator" });
    const thread = await newThread({ author, forumId: forum.id });
    const attachment = await upload(author, "plans.txt", new TextEncoder().encode("plans"));
    await reply({ author, threadId: thread.threadId, message: `See ${attachment.markup}` });

    await db.update(forums).set({ viewRule: "members" }).where(eq(forums.id, forum.id));
    expect(await readAttachment(ANONYMOUS, attachment.id, "file")).toBeNull();
    expect(await readAttachment(reader, attachment.id, "file")).not.toBeNull();

    await db.update(forums).set({ viewRule: "staff" }).where(eq(forums.id, forum.id));
    expect(await readAttachment(reader, attachment.id, "file")).toBeNull();
    expect(await readAttachment(author, attachment.id, "file")).toBeNull();
    expect(await readAttachment(moderator, attachment.id, "file")).not.toBeNull();
  });

  it("a post claims only its author's unused uploads", async () => {
    const forum = await makeForum();
    const owner = await makeMember();
    const other = await makeMember();
    const thread = await newThread({ author: owner, forumId: forum.id });
    const attachment = await upload(owner, "mine.txt", new TextEncoder().encode("mine"));
    const { postId } = await reply({
      author: other,
      threadId: thread.threadId,
      message: `Taking ${attachment.markup}`,
    });
    expect((await attachmentsOfPosts([postId])).get(postId)).toBeUndefined();
    expect(await readAttachment(other, attachment.id, "file")).toBeNull();
  });

  it("refuses a post with more attachments than the limit", async () => {
    const forum = await makeForum();
    const author = await makeMember();
    const thread = await newThread({ author, forumId: forum.id });
    const limits = attachmentLimits();
    const many = Array.from({ length: limits.perPost + 1 }, (_, i) => `[f](attachment:${i + 1})`);
    await expect(
      reply({ author, threadId: thread.threadId, message: many.join("\n") }),
    ).rejects.toThrow(limits.tooManyInPost);
  });
});
