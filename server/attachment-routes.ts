// Attachments, answered without Next (server/serve.ts): the upload (POST /api/attachments, the raw
// file as the body) and the files themselves (GET /attachments/<id>, /attachments/<id>/thumb).
// lib/attachments decides everything (who may upload, what a file is, who may fetch it).
//
// A cross-site page cannot upload in a member's name: the body must be `application/octet-stream`
// and the name comes in a custom header, neither of which a form or a simple fetch can send without
// a CORS preflight, which this server never grants; an Origin header, when sent, must name this host.
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { readAttachment, uploadAttachment } from "../lib/attachments/store";
import { attachmentLimits } from "../lib/limits/attachments";
import { viewerOf } from "../lib/session/request-viewer";

export const ATTACHMENT_UPLOAD_PATH = "/api/attachments";
const FILE_PATH = /^\/attachments\/(\d{1,9})(\/thumb)?$/;
const NAME_HEADER = "x-file-name";

const fileName = z
  .string()
  .min(1)
  .max(1000)
  .transform((value, ctx) => {
    try {
      return decodeURIComponent(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "bad name" });
      return z.NEVER;
    }
  });

export function isAttachmentRoute(path: string): boolean {
  return path === ATTACHMENT_UPLOAD_PATH || FILE_PATH.test(path);
}

/** The largest body the upload route takes: a file at the limit (server/body-limit.ts). */
export function uploadBodyMaxBytes(): number {
  return attachmentLimits().maxBytes;
}

function json(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "private, no-store",
  });
  res.end(text);
}

function sameOrigin(req: IncomingMessage, trustProxy: boolean): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const host = (trustProxy && req.headers["x-forwarded-host"]) || req.headers.host;
  return URL.canParse(origin) && new URL(origin).host === host;
}

async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function upload(req: IncomingMessage, res: ServerResponse, trustProxy: boolean) {
  if (req.method !== "POST") return json(res, 405, { error: "POST only." });
  if (!/^application\/octet-stream\b/i.test(req.headers["content-type"] ?? ""))
    return json(res, 415, { error: "Send the file as application/octet-stream." });
  if (!sameOrigin(req, trustProxy))
    return json(res, 403, { error: "This request did not come from the forum's own pages." });
  const name = fileName.safeParse(req.headers[NAME_HEADER]);
  if (!name.success) return json(res, 400, { error: "Send the file's name in X-File-Name." });
  const limits = attachmentLimits();
  const bytes = await readBody(req, limits.maxBytes);
  if (!bytes) {
    res.setHeader("connection", "close");
    return json(res, 413, { error: limits.tooLarge });
  }
  const viewer = await viewerOf(req.headers.cookie);
  const result = await uploadAttachment(viewer, { name: name.data, bytes });
  if (!result.ok) return json(res, viewer.id ? 422 : 401, { error: result.error });
  return json(res, 200, { attachment: result.attachment });
}

/** `filename*` carries any name; the plain `filename` is an ASCII stand-in for old clients. */
function disposition(kind: "inline" | "attachment", name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

async function serveFile(req: IncomingMessage, res: ServerResponse, match: RegExpExecArray) {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD" });
    return void res.end();
  }
  const viewer = await viewerOf(req.headers.cookie);
  const file = await readAttachment(viewer, Number(match[1]), match[2] ? "thumb" : "file");
  if (!file) {
    res.writeHead(404, {
      "content-type": "text/plain; charset=utf-8",
      "cache-control": "no-store",
    });
    return void res.end("This attachment does not exist, or you may not see it.");
  }
  res.writeHead(200, {
    "content-type": file.contentType,
    "content-length": file.bytes.byteLength,
    // Images show in the page; anything else is a download, never opened as a page of this site.
    "content-disposition": disposition(file.isImage ? "inline" : "attachment", file.fileName),
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; sandbox",
    // Who may see it depends on the post (deleted, approved) and the reader: no shared caches,
    // and a short life so a deleted post's files stop showing soon.
    "cache-control": "private, max-age=300",
  });
  res.end(req.method === "HEAD" ? undefined : file.bytes);
}

export async function handleAttachment(
  req: IncomingMessage,
  res: ServerResponse,
  options: { path: string; trustProxy: boolean },
): Promise<void> {
  try {
    const match = FILE_PATH.exec(options.path);
    if (match) await serveFile(req, res, match);
    else await upload(req, res, options.trustProxy);
  } catch (error) {
    console.error("attachment route failed", error);
    if (!res.headersSent)
      json(res, 503, { error: "The forum could not handle that file just now. Try again." });
    else res.destroy();
  }
}
