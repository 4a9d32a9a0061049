// The guest page cache's render (guest-page-cache.ts): Next answers the request as usual while a copy
// of what it sent is kept, from a request stripped of whatever says who is asking.
import type { IncomingMessage, ServerResponse, OutgoingHttpHeaders } from "node:http";

// Bounds what one copy may hold; a bigger page is sent but not kept.
const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** A page, or a redirect to one (a permalink's answer is its thread page's address). */
const CACHED_STATUSES = new Set([200, 307, 308]);

export interface Captured {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

/** The request as a guest would send it: the copy must not depend on who filled it. */
export function withoutCookies(req: IncomingMessage): IncomingMessage {
  delete req.headers.cookie;
  delete req.headers.authorization;
  for (let i = req.rawHeaders.length - 2; i >= 0; i -= 2) {
    if (/^(cookie|authorization)$/i.test(req.rawHeaders[i]!)) req.rawHeaders.splice(i, 2);
  }
  return req;
}

/** Lets Next answer as usual while keeping a copy of the status, headers and (compressed) bytes. */
export function renderAndCapture(
  req: IncomingMessage,
  res: ServerResponse,
  render: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<Captured | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    let headArgs: OutgoingHttpHeaders | null = null;
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === "function" || tooBig) return;
      const buffer = Buffer.isBuffer(chunk)
        ? chunk
        : typeof chunk === "string"
          ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
          : Buffer.from(chunk as Uint8Array);
      size += buffer.length;
      if (size > MAX_BODY_BYTES) tooBig = true;
      else chunks.push(buffer);
    };
    const originalWriteHead = res.writeHead;
    const originalWrite = res.write;
    const originalEnd = res.end;
    res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
      const headers = args.find(
        (a, i) => i > 0 && a !== null && typeof a === "object" && !Array.isArray(a),
      ) as OutgoingHttpHeaders | undefined;
      if (headers) headArgs = { ...headArgs, ...headers };
      return (originalWriteHead as (...a: unknown[]) => ServerResponse).apply(this, args);
    } as typeof res.writeHead;
    res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      return (originalWrite as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof res.write;
    res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      return (originalEnd as (...a: unknown[]) => ServerResponse).call(this, chunk, ...rest);
    } as typeof res.end;
    const finish = () => {
      const headers: OutgoingHttpHeaders = { ...res.getHeaders(), ...headArgs };
      const lower = Object.fromEntries(
        Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]),
      );
      const cacheable =
        CACHED_STATUSES.has(res.statusCode) &&
        !tooBig &&
        lower["set-cookie"] === undefined &&
        res.writableFinished;
      if (!cacheable) return resolve(null);
      // The copy is written in one piece with its real length.
      delete lower["transfer-encoding"];
      delete lower["content-length"];
      delete lower.date;
      delete lower.connection;
      delete lower["keep-alive"];
      const body = Buffer.concat(chunks);
      lower["content-length"] = String(body.length);
      resolve({ status: res.statusCode, headers: lower, body });
    };
    res.once("finish", finish);
    res.once("close", () => {
      if (!res.writableFinished) resolve(null);
    });
    render(withoutCookies(req), res);
  });
}
