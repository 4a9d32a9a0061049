// Avatar processing on real images made with sharp: what is kept, what is refused; avatars stored in
// Postgres (so every instance serves them), older ones still read from DATA_DIR.
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { storedFiles } from "@/db/schema";
import {
  AVATAR_MAX_BYTES,
  AVATAR_SIZE_MESSAGE,
  AVATAR_TYPE_MESSAGE,
  avatarFileFromUrl,
  deleteAvatar,
  processAvatar,
  readAvatar,
  storeAvatar,
} from "./avatar";

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 60 } } });

/** Random pixels barely compress: a PNG of this size is well over 1 MB. */
async function noisyPng(side: number): Promise<Buffer> {
  const pixels = Buffer.alloc(side * side * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2654435761) >>> 24;
  return sharp(pixels, { raw: { width: side, height: side, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

describe("processAvatar", () => {
  it("turns a real PNG into a 192 × 192 WebP", async () => {
    const png = await solid(400, 300).png().toBuffer();
    const result = await processAvatar(png);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const meta = await sharp(result.webp).metadata();
    expect(meta).toMatchObject({ format: "webp", width: 192, height: 192 });
  });

  it("accepts JPEG, WebP and GIF (first frame), and drops their metadata", async () => {
    const jpeg = await solid(64, 64)
      .jpeg()
      .withMetadata({ exif: { IFD0: { Copyright: "secret place" } } })
      .toBuffer();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    for (const input of [
      jpeg,
      await solid(50, 80).webp().toBuffer(),
      await solid(32, 32).gif().toBuffer(),
    ]) {
      const result = await processAvatar(input);
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      const meta = await sharp(result.webp).metadata();
      expect(meta).toMatchObject({ format: "webp", width: 192, height: 192 });
      expect(meta.exif).toBeUndefined();
      expect(result.webp.includes(Buffer.from("secret place"))).toBe(false);
    }
  });

  it("refuses a text file, whatever its name, an SVG, a TIFF and a truncated PNG", async () => {
    const png = await solid(100, 100).png().toBuffer();
    const inputs = [
      Buffer.from("This is a text file renamed avatar.png\n"),
      Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
      ),
      await solid(20, 20).tiff().toBuffer(),
      png.subarray(0, 40),
      new Uint8Array(0),
    ];
    for (const input of inputs)
      expect(await processAvatar(input)).toEqual({ ok: false, error: AVATAR_TYPE_MESSAGE });
  });

  it("refuses anything over 1 MB, even a valid image, before decoding it", async () => {
    const big = await noisyPng(700);
    expect(big.byteLength).toBeGreaterThan(AVATAR_MAX_BYTES);
    expect(await processAvatar(big)).toEqual({ ok: false, error: AVATAR_SIZE_MESSAGE });
    expect(await processAvatar(new Uint8Array(AVATAR_MAX_BYTES + 1))).toEqual({
      ok: false,
      error: AVATAR_SIZE_MESSAGE,
    });
  });

  it("refuses a small file that claims a huge canvas", async () => {
    const huge = await sharp({
      create: { width: 6_400, height: 6_400, channels: 3, background: "black" },
    })
      .png({ palette: true, colours: 2 })
      .toBuffer();
    expect(huge.byteLength).toBeLessThan(AVATAR_MAX_BYTES);
    expect(await processAvatar(huge)).toEqual({ ok: false, error: AVATAR_TYPE_MESSAGE });
  });
});

describe("avatar files", () => {
  let dataDir: string;
  const previous = process.env.DATA_DIR;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "parley-avatars-"));
    process.env.DATA_DIR = dataDir;
  });
  afterAll(async () => {
    if (previous === undefined) delete process.env.DATA_DIR;
    else process.env.DATA_DIR = previous;
    await rm(dataDir, { recursive: true, force: true });
    await db.$client.end();
  });

  it("stores in Postgres (not on this machine's disk), reads back by name, deletes by URL", async () => {
    const result = await processAvatar(await solid(10, 10).png().toBuffer());
    if (!result.ok) throw new Error(result.error);
    const userId = crypto.randomUUID();
    const url = await storeAvatar(userId, result.webp);
    expect(url).toMatch(new RegExp(`^/avatars/${userId}-\\d+\\.webp$`));
    const file = avatarFileFromUrl(url)!;
    const rows = await db.select().from(storedFiles).where(eq(storedFiles.name, file));
    expect(rows.map((row) => [row.contentType, Buffer.compare(row.bytes, result.webp)])).toEqual([
      ["image/webp", 0],
    ]);
    expect(await readdir(dataDir)).toEqual([]);
    expect(await readAvatar(file)).toEqual(result.webp);
    await deleteAvatar(url);
    expect(await readAvatar(file)).toBeNull();
  });

  it("still serves an avatar kept on disk before the move, and copies it into Postgres", async () => {
    const result = await processAvatar(await solid(12, 12).png().toBuffer());
    if (!result.ok) throw new Error(result.error);
    const file = `${crypto.randomUUID()}-1700000000000.webp`;
    await mkdir(path.join(dataDir, "avatars"), { recursive: true });
    await writeFile(path.join(dataDir, "avatars", file), result.webp);
    expect(await readAvatar(file)).toEqual(result.webp);
    await rm(path.join(dataDir, "avatars", file));
    expect(await readAvatar(file)).toEqual(result.webp);
    await deleteAvatar(`/avatars/${file}`);
    expect(await readAvatar(file)).toBeNull();
  });

  it("never reads or deletes outside the folder", async () => {
    for (const name of [
      "../auth-secret",
      "..%2Fauth-secret",
      "a/b-1.webp",
      "x-1.webp/../../y",
      ".webp",
      "abc-1.png",
    ]) {
      expect(await readAvatar(name)).toBeNull();
      expect(avatarFileFromUrl(`/avatars/${name}`)).toBeNull();
    }
    expect(avatarFileFromUrl("https://example.test/avatars/a-1.webp")).toBeNull();
    await expect(deleteAvatar("/avatars/../auth-secret")).resolves.toBeUndefined();
  });
});
