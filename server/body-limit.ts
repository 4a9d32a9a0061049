// Request bodies are capped before Next sees them. Next stops reading a server action's body past
// serverActions.bodySizeLimit, but answers that with a 500, and its route handlers read bodies
// without any limit. Here a declared length above the cap is answered 413 at once, before Next or
// anything else holds a byte of the body; a body of unknown length (chunked) is answered 411, since
// only a declared length can be checked before reading, and browsers always declare one for forms
// and fetch.
import type { IncomingMessage, ServerResponse } from "node:http";
import { REQUEST_BODY_MAX_BYTES, REQUEST_BODY_TOO_LARGE } from "../lib/limits/sizes";

/** Past this a client sending a huge body is cut off: the answer is not worth the bandwidth. */
const DISCARD_MAX_BYTES = 64 * 1024 * 1024;

/** True when the request was refused (and answered) for its body's size. */
export function refuseOversizedBody(
  req: IncomingMessage,
  res: ServerResponse,
  maxBytes = REQUEST_BODY_MAX_BYTES,
  message = REQUEST_BODY_TOO_LARGE,
): boolean {
  const declared = req.headers["content-length"];
  if (declared === undefined) {
    if (req.headers["transfer-encoding"] === undefined) return false;
    answer(res, 411, "Send the request with a Content-Length.", { close: true });
    return true;
  }
  const length = Number(declared);
  if (length <= maxBytes) return false;
  // Most clients (browsers, fetch) read the answer only once they have sent everything: closing the
  // connection under them shows a network error instead of the 413. So the rest of the body is read
  // and dropped, never held (Node stops at the declared length), unless it is absurdly large.
  const close = length > DISCARD_MAX_BYTES;
  answer(res, 413, message, { close });
  if (close) res.once("finish", () => req.socket.destroy());
  else req.resume();
  return true;
}

function answer(res: ServerResponse, status: number, message: string, { close = false }) {
  res.writeHead(status, {
    "content-type": "text/plain; charset=utf-8",
    "content-length": Buffer.byteLength(message),
    "cache-control": "no-store",
    ...(close ? { connection: "close" } : {}),
  });
  res.end(message);
}
