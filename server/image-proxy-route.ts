// GET /image-proxy?url=…&sig=…: a remote image of a post, fetched by the forum (lib/remote-images).
// Only addresses the forum's pages signed are fetched; the answer is the same for every reader.
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { IMAGE_PROXY_PATH, isSignedAddress, proxiedImage } from "../lib/remote-images/proxy";

export { IMAGE_PROXY_PATH };

const query = z.object({ url: z.string().min(1).max(4000), sig: z.string().min(1).max(100) });

function refuse(res: ServerResponse, status: number, message: string) {
  res.writeHead(status, {
    "content-type": "text/plain; charset=utf-8",
    "content-length": Buffer.byteLength(message),
    // A refusal may be a passing failure of the other site: browsers may try again a little later.
    "cache-control": "public, max-age=60",
    "x-content-type-options": "nosniff",
  });
  res.end(message);
}

export async function handleImageProxy(req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    if (req.method !== "GET" && req.method !== "HEAD") return refuse(res, 405, "GET only.");
    const params = new URL(req.url ?? "/", "http://localhost").searchParams;
    const parsed = query.safeParse({ url: params.get("url"), sig: params.get("sig") });
    if (!parsed.success) return refuse(res, 400, "Ask for an image with url and sig.");
    if (!isSignedAddress(parsed.data.url, parsed.data.sig))
      return refuse(res, 403, "The forum's pages did not ask for this image.");
    const outcome = await proxiedImage(parsed.data.url);
    if (!outcome.ok) return refuse(res, 502, outcome.reason);
    const { contentType, bytes } = outcome.image;
    res.writeHead(200, {
      "content-type": contentType,
      "content-length": bytes.byteLength,
      "content-disposition": "inline",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "cache-control": "public, max-age=86400",
    });
    res.end(req.method === "HEAD" ? undefined : bytes);
  } catch (error) {
    console.error("image proxy failed", error);
    if (!res.headersSent) refuse(res, 502, "The image could not be fetched.");
  }
}
