// Member avatars: the uploaded bytes are checked for what they really are (never the file name or the
// browser's word), re-encoded to a small square WebP without metadata, and kept in Postgres
// (stored_files), so every instance serves them; app/avatars/[file]/route.ts answers for them.
import "server-only";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { db } from "@/db/client";
import { storedFiles } from "@/db/schema";
import { env } from "../env";
import { ok, refuse, type Result } from "../result";

export const AVATAR_MAX_BYTES = 1024 * 1024;
/** Side of the stored square, in pixels: twice the largest size pages show, for sharp screens. */
export const AVATAR_SIZE = 192;
export const AVATAR_FORMATS = ["png", "jpeg", "webp", "gif"] as const;
/** A 1 MB file can still claim a huge canvas; refuse to decode anything larger than this. */
const MAX_INPUT_PIXELS = 40_000_000;

export const AVATAR_TYPE_MESSAGE = "The avatar must be a PNG, JPEG, WebP or GIF image.";
export const AVATAR_SIZE_MESSAGE = "The avatar must be 1 MB or smaller.";

export type AvatarImage = Result<{ webp: Buffer }>;

/** Checks an upload and turns it into the stored avatar. Pure: touches no disk and no database. */
export async function processAvatar(bytes: Uint8Array): Promise<AvatarImage> {
  if (bytes.byteLength > AVATAR_MAX_BYTES) return refuse(AVATAR_SIZE_MESSAGE);
  if (bytes.byteLength === 0) return refuse(AVATAR_TYPE_MESSAGE);
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const options = { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" } as const;
  try {
    const { format } = await sharp(input, options).metadata();
    if (!(AVATAR_FORMATS as readonly string[]).includes(format)) return refuse(AVATAR_TYPE_MESSAGE);
    // First frame only (sharp's default for GIF and animated WebP); rotate() applies EXIF orientation
    // before metadata is dropped (sharp keeps none unless asked).
    const webp = await sharp(input, options)
      .rotate()
      .resize(AVATAR_SIZE, AVATAR_SIZE, { fit: "cover", position: "attention" })
      .webp({ quality: 82 })
      .toBuffer();
    return ok({ webp });
  } catch {
    // Not an image sharp understands, a truncated one, or one too large to decode.
    return refuse(AVATAR_TYPE_MESSAGE);
  }
}

/** `<user id>-<milliseconds>.webp`: new name per upload, so the files can be cached for ever. */
export const AVATAR_FILE_PATTERN = /^[A-Za-z0-9-]{1,64}-\d{1,16}\.webp$/;
const AVATAR_URL_PREFIX = "/avatars/";

/** Where avatars were kept before they moved into Postgres: still read (and copied over) so an
 * existing forum's avatars keep showing. */
export function legacyAvatarDirectory(): string {
  return path.resolve(env.DATA_DIR, "avatars");
}

export function avatarFileName(userId: string, now = Date.now()): string {
  const name = `${userId}-${now}.webp`;
  if (!AVATAR_FILE_PATTERN.test(name))
    throw new Error("Unexpected user id for an avatar file name");
  return name;
}

export const avatarUrl = (file: string) => `${AVATAR_URL_PREFIX}${file}`;

/** The file behind an avatar URL this app stored, or null for anything else (imported URLs, junk). */
export function avatarFileFromUrl(url: string | null | undefined): string | null {
  if (!url?.startsWith(AVATAR_URL_PREFIX)) return null;
  const file = url.slice(AVATAR_URL_PREFIX.length);
  return AVATAR_FILE_PATTERN.test(file) ? file : null;
}

/** Stores a processed avatar and returns its URL (to store in users.image). */
export async function storeAvatar(userId: string, webp: Buffer): Promise<string> {
  const file = avatarFileName(userId);
  await db.insert(storedFiles).values({ name: file, contentType: "image/webp", bytes: webp });
  return avatarUrl(file);
}

/** Deletes a stored avatar; URLs this app did not store are left alone. */
export async function deleteAvatar(url: string | null | undefined): Promise<void> {
  const file = avatarFileFromUrl(url);
  if (!file) return;
  await db.delete(storedFiles).where(eq(storedFiles.name, file));
  await rm(path.join(legacyAvatarDirectory(), file), { force: true });
}

/** The bytes of a stored avatar, or null. Only names matching the pattern are ever looked up. */
export async function readAvatar(file: string): Promise<Buffer | null> {
  if (!AVATAR_FILE_PATTERN.test(file)) return null;
  const [stored] = await db
    .select({ bytes: storedFiles.bytes })
    .from(storedFiles)
    .where(eq(storedFiles.name, file));
  if (stored) return stored.bytes;
  let legacy: Buffer;
  try {
    legacy = await readFile(path.join(legacyAvatarDirectory(), file));
  } catch {
    return null;
  }
  // Copied on first read, so the other instances find it too; best effort (the reader has it).
  await db
    .insert(storedFiles)
    .values({ name: file, contentType: "image/webp", bytes: legacy })
    .onConflictDoNothing()
    .catch(() => {});
  return legacy;
}
