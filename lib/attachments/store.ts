// Attachments kept and found: an upload becomes a stored file (by content hash, in stored_files, as
// avatars are) and an attachments row that belongs to no post; saving a post claims the uploads its
// text uses (./claim.ts). Reading one asks whether the reader may see the post it belongs to.
import "server-only";
import { createHash } from "node:crypto";
import { and, count, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { attachments, posts, storedFiles, threads } from "@/db/schema";
import { attachmentLimits } from "../limits/attachments";
import { attachmentMarkup } from "../markup/attachments";
import { inReadableForum, readableRules } from "../forum/forum-access";
import { postShownTo, threadShownTo } from "../moderation/visibility";
import { can, type Viewer } from "../permissions";
import { postingRefusal } from "../permissions/posting";
import { ok, refuse, type Result } from "../result";
import { processUpload } from "./process";

export interface UploadedAttachment {
  id: number;
  fileName: string;
  isImage: boolean;
  /** What the editor inserts into the text where the file should show. */
  markup: string;
}

async function storeBytes(prefix: string, contentType: string, bytes: Buffer): Promise<string> {
  const name = `${prefix}-${createHash("sha256").update(bytes).digest("hex")}`;
  // The same bytes under the same name: whoever stored them first, the file is the same.
  await db.insert(storedFiles).values({ name, contentType, bytes }).onConflictDoNothing();
  return name;
}

/** Checks and keeps one upload for `viewer`, who will use it in a post they write. */
export async function uploadAttachment(
  viewer: Viewer,
  input: { name: string; bytes: Uint8Array },
): Promise<Result<{ attachment: UploadedAttachment }>> {
  if (!viewer.id || !can(viewer, "uploadAttachment")) return refuse(postingRefusal(viewer, "post"));
  const limits = attachmentLimits();
  if (input.bytes.byteLength > limits.maxBytes) return refuse(limits.tooLarge);
  const [today] = await db
    .select({ n: count() })
    .from(attachments)
    .where(
      and(
        eq(attachments.uploaderId, viewer.id),
        gt(attachments.createdAt, sql`now() - interval '1 day'`),
      ),
    );
  if ((today?.n ?? 0) >= limits.perDay) return refuse(limits.tooManyToday);

  const processed = await processUpload(input.name, input.bytes, limits);
  if (!processed.ok) return processed;
  const { file } = processed;
  const storedName = await storeBytes("attachment", file.contentType, file.bytes);
  const thumbName = file.thumbnail
    ? await storeBytes("attachment-thumb", "image/webp", file.thumbnail)
    : null;
  const [row] = await db
    .insert(attachments)
    .values({
      uploaderId: viewer.id,
      fileName: file.fileName,
      contentType: file.contentType,
      storedName,
      thumbName,
      byteSize: file.bytes.byteLength,
      width: file.width,
      height: file.height,
    })
    .returning({ id: attachments.id });
  const attachment = { id: row!.id, fileName: file.fileName, isImage: thumbName !== null };
  return ok({ attachment: { ...attachment, markup: attachmentMarkup(attachment) } });
}

export interface AttachmentFile {
  fileName: string;
  contentType: string;
  isImage: boolean;
  bytes: Buffer;
}

/**
 * An attachment's file (or its thumbnail) for this reader, or null when there is none or they may
 * not see it: an upload not yet in a post is its uploader's; one in a post is shown to whoever sees
 * the post (staff see deleted posts, a post waiting for approval is its author's and staff's).
 */
export async function readAttachment(
  viewer: Viewer,
  id: number,
  variant: "file" | "thumb",
): Promise<AttachmentFile | null> {
  const seesDeleted = can(viewer, "viewDeleted");
  const visiblePost = seesDeleted
    ? sql`true`
    : and(
        isNull(posts.deletedAt),
        isNull(threads.deletedAt),
        postShownTo(viewer.id),
        threadShownTo(viewer.id),
      );
  // A file in a members-only or staff-only forum is read only by those who read that forum.
  const readableForum = inReadableForum(readableRules(viewer));
  const stored = variant === "file" ? attachments.storedName : attachments.thumbName;
  const [row] = await db
    .select({
      fileName: attachments.fileName,
      contentType: storedFiles.contentType,
      isImage: sql<boolean>`${attachments.thumbName} is not null`,
      bytes: storedFiles.bytes,
    })
    .from(attachments)
    .innerJoin(storedFiles, eq(storedFiles.name, stored))
    .leftJoin(posts, eq(posts.id, attachments.postId))
    .leftJoin(threads, eq(threads.id, posts.threadId))
    .where(
      and(
        eq(attachments.id, id),
        sql`(case when ${attachments.postId} is null then ${attachments.uploaderId} = ${viewer.id ?? ""} else ${and(visiblePost, readableForum) ?? sql`true`} end)`,
      ),
    )
    .limit(1);
  return row ?? null;
}

export interface PostAttachment {
  id: number;
  fileName: string;
  byteSize: number;
  isImage: boolean;
  width: number | null;
  height: number | null;
}

/** The attachments of these posts, in upload order, by post: for the page that already shows them. */
export async function attachmentsOfPosts(
  postIds: readonly number[],
): Promise<Map<number, PostAttachment[]>> {
  const byPost = new Map<number, PostAttachment[]>();
  if (postIds.length === 0) return byPost;
  const rows = await db
    .select({
      postId: attachments.postId,
      id: attachments.id,
      fileName: attachments.fileName,
      byteSize: attachments.byteSize,
      isImage: sql<boolean>`${attachments.thumbName} is not null`,
      width: attachments.width,
      height: attachments.height,
    })
    .from(attachments)
    .where(inArray(attachments.postId, [...postIds]))
    .orderBy(attachments.id);
  for (const { postId, ...attachment } of rows) {
    const list = byPost.get(postId!) ?? [];
    list.push(attachment);
    byPost.set(postId!, list);
  }
  return byPost;
}
