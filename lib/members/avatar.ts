// Member avatars: the uploaded bytes are checked for what they really are (never the file name or the
// browser's word), re-encoded to a small square WebP without metadata, and kept under DATA_DIR,
// served by app/avatars/[file]/route.ts.
import "server-only";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
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

export function avatarDirectory(): string {
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

/** Writes a processed avatar and returns its URL (to store in users.image). */
export async function storeAvatar(userId: string, webp: Buffer): Promise<string> {
  const directory = avatarDirectory();
  await mkdir(directory, { recursive: true });
  const file = avatarFileName(userId);
  const target = path.join(directory, file);
  // Write then rename, so a reader never sees half a file.
  await writeFile(`${target}.tmp`, webp, { mode: 0o644 });
  await rename(`${target}.tmp`, target);
  return avatarUrl(file);
}

/** Deletes a stored avatar file; URLs this app did not store are left alone. */
export async function deleteAvatar(url: string | null | undefined): Promise<void> {
  const file = avatarFileFromUrl(url);
  if (file) await rm(path.join(avatarDirectory(), file), { force: true });
}

/** The bytes of a stored avatar, or null. Only names matching the pattern are ever looked up. */
export async function readAvatar(file: string): Promise<Buffer | null> {
  if (!AVATAR_FILE_PATTERN.test(file)) return null;
  try {
    return await readFile(path.join(avatarDirectory(), file));
  } catch {
    return null;
  }
}
