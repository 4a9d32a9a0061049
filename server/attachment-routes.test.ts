// The upload and file routes over real HTTP, with session cookies sealed by Auth.js's own encoder:
// what a cross-site page cannot do, and the headers files are served with.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanUp, makeMember } from "@/lib/testing/factories";
import { SESSION_COOKIE } from "@/lib/session/session-cookie";
import { handleAttachment, isAttachmentRoute } from "./attachment-routes";

const secret = "attachment-routes-test-secret-0123456789abcdef";
let server: http.Server;
let origin: string;

beforeAll(async () => {
  process.env.AUTH_SECRET = secret;
  server = http.createServer((req, res) => {
    const path = req.url!.split("?", 1)[0]!;
    if (isAttachmentRoute(path)) void handleAttachment(req, res, { path, trustProxy: false });
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await cleanUp();
});

const cookieFor = async (member: { id: string }) =>
  `${SESSION_COOKIE}=${await encode({ token: { uid: member.id, sv: 0 }, secret, salt: SESSION_COOKIE })}`;

async function upload(
  name: string,
  body: Uint8Array<ArrayBuffer> | Buffer,
  options: { cookie?: string; origin?: string; type?: string } = {},
) {
  const response = await fetch(`${origin}/api/attachments`, {
    method: "POST",
    headers: {
      "content-type": options.type ?? "application/octet-stream",
      "x-file-name": encodeURIComponent(name),
      origin: options.origin ?? origin,
      ...(options.cookie ? { cookie: options.cookie } : {}),
    },
    body: new Uint8Array(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as { error?: string; attachment?: { id: number } },
  };
}

const text = new TextEncoder().encode("meeting notes\n");

describe("POST /api/attachments", () => {
  it("refuses what a cross-site page could send, and guests", async () => {
    const cookie = await cookieFor(await makeMember());
    expect((await upload("a.txt", text, { cookie, type: "multipart/form-data" })).status).toBe(415);
    expect((await upload("a.txt", text, { cookie, type: "text/plain" })).status).toBe(415);
    expect((await upload("a.txt", text, { cookie, origin: "https://evil.example" })).status).toBe(
      403,
    );
    expect((await upload("a.txt", text)).status).toBe(401);
  });

  it("keeps a file and serves it as a download, and an image inline, both nosniff", async () => {
    const cookie = await cookieFor(await makeMember());
    const kept = await upload("notes (1).txt", text, { cookie });
    expect(kept.status).toBe(200);
    const file = await fetch(`${origin}/attachments/${kept.body.attachment!.id}`, {
      headers: { cookie },
    });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(file.headers.get("content-disposition")).toMatch(
      /^attachment; filename="notes \(1\)\.txt"/,
    );
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await file.text()).toBe("meeting notes\n");
    // Not in a post yet: nobody else gets it.
    expect((await fetch(`${origin}/attachments/${kept.body.attachment!.id}`)).status).toBe(404);

    const png = await sharp({ create: { width: 50, height: 40, channels: 3, background: "red" } })
      .png()
      .toBuffer();
    const image = await upload("red.png", png, { cookie });
    const thumb = await fetch(`${origin}/attachments/${image.body.attachment!.id}/thumb`, {
      headers: { cookie },
    });
    expect(thumb.headers.get("content-type")).toBe("image/webp");
    expect(thumb.headers.get("content-disposition")).toMatch(/^inline;/);
  });

  it("answers a renamed file with the reason", async () => {
    const cookie = await cookieFor(await makeMember());
    const renamed = await upload("holiday.jpg", text, { cookie });
    expect(renamed.status).toBe(422);
    expect(renamed.body.error).toMatch(/^Attachments must be PNG, JPEG, WebP, GIF/);
  });
});
