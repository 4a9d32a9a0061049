// The guest page cache's render (guest-page-cache.ts): Next answers the request as usual while a copy
// of what it sent is kept, from a request stripped of whatever says who is asking. Or, buffered, Next
// answers into a response of its own that reaches no one, and the cache sends what it makes of it
// (the islands version of a thread page, which needs the whole page first).
import { ServerResponse } from "node:http";
import type { IncomingMessage, OutgoingHttpHeaders } from "node:http";
import type { Socket } from "node:net";
import { Writable } from "node:stream";

// Bounds what one copy may hold; a bigger page is sent but not kept.
const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** A page, or a redirect to one (a permalink's answer is its thread page's address). */
const CACHED_STATUSES = new Set([200, 307, 308]);

export interface Captured {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
  /** Whether it may be kept: a page or redirect, whole, not too big, setting no cookie. */
  cacheable: boolean;
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

/** A response for Next to write a whole answer into, through its usual path (compression
 * included), that never reaches the client: its socket drops the bytes, which are captured above the
 * socket as in a passed-through render. It starts with the headers already set on the client's
 * response (the security headers), and ends as a real one does: "finish", then "close". */
function detachedResponse(req: IncomingMessage, like: ServerResponse): ServerResponse {
  const sink = new ServerResponse(req);
  for (const name of like.getHeaderNames()) sink.setHeader(name, like.getHeader(name)!);
  // Never full, so Next and its compression never wait for a "drain" (forwarded all the same).
  const socket = new Writable({
    highWaterMark: 2 ** 30,
    write: (_chunk, _encoding, done) => done(),
  });
  socket.on("error", () => {});
  socket.on("drain", () => sink.emit("drain"));
  sink.assignSocket(socket as unknown as Socket);
  sink.once("finish", () => {
    sink.detachSocket(socket as unknown as Socket);
    process.nextTick(() => sink.emit("close"));
  });
  return sink;
}

/** Lets Next answer as usual while keeping a copy of the status, headers and (compressed) bytes:
 * null when the copy may not be kept (or Next did not finish). With `buffer`, Next answers into a
 * detached response instead and nothing is sent: the caller must answer `res` with what it gets,
 * kept or not (null only when Next did not finish its answer). */
export function renderAndCapture(
  req: IncomingMessage,
  res: ServerResponse,
  render: (req: IncomingMessage, res: ServerResponse) => void,
  options: { buffer?: boolean } = {},
): Promise<Captured | null> {
  const buffer = options.buffer ?? false;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    let headArgs: OutgoingHttpHeaders | null = null;
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === "function") return;
      // A buffered answer is kept whole, whatever its size: it is the only copy there is.
      if (tooBig && !buffer) return;
      const buffered = Buffer.isBuffer(chunk)
        ? chunk
        : typeof chunk === "string"
          ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
          : Buffer.from(chunk as Uint8Array);
      size += buffered.length;
      if (size > MAX_BODY_BYTES) tooBig = true;
      if (!tooBig || buffer) chunks.push(buffered);
    };
    const target = buffer ? detachedResponse(req, res) : res;
    const originalWriteHead = target.writeHead;
    const originalWrite = target.write;
    const originalEnd = target.end;
    target.writeHead = function (this: ServerResponse, ...args: unknown[]) {
      const headers = args.find(
        (a, i) => i > 0 && a !== null && typeof a === "object" && !Array.isArray(a),
      ) as OutgoingHttpHeaders | undefined;
      if (headers) headArgs = { ...headArgs, ...headers };
      return (originalWriteHead as (...a: unknown[]) => ServerResponse).apply(this, args);
    } as typeof target.writeHead;
    target.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      return (originalWrite as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof target.write;
    target.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      return (originalEnd as (...a: unknown[]) => ServerResponse).call(this, chunk, ...rest);
    } as typeof target.end;
    const finish = () => {
      const headers: OutgoingHttpHeaders = { ...target.getHeaders(), ...headArgs };
      const lower = Object.fromEntries(
        Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]),
      );
      const cacheable =
        CACHED_STATUSES.has(target.statusCode) &&
        !tooBig &&
        lower["set-cookie"] === undefined &&
        target.writableFinished;
      if (!cacheable && !buffer) return resolve(null);
      // The copy is written in one piece with its real length.
      delete lower["transfer-encoding"];
      delete lower["content-length"];
      delete lower.date;
      delete lower.connection;
      delete lower["keep-alive"];
      const body = Buffer.concat(chunks);
      lower["content-length"] = String(body.length);
      resolve({ status: target.statusCode, headers: lower, body, cacheable });
    };
    target.once("finish", finish);
    target.once("close", () => {
      if (!target.writableFinished) resolve(null);
    });
    render(withoutCookies(req), target);
  });
}
