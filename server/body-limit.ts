// Request bodies are capped before Next sees them. Next stops reading a server action's body past
// serverActions.bodySizeLimit, but answers that with a 500, and its route handlers read bodies
// without any limit. Here a declared length above the cap is answered 413 at once, without reading
// the body; a body of unknown length (chunked) is answered 411, since only a declared length can be
// checked before reading, and browsers always declare one for forms and fetch.
import type { IncomingMessage, ServerResponse } from "node:http";
import { REQUEST_BODY_MAX_BYTES, REQUEST_BODY_TOO_LARGE } from "../lib/limits/sizes";

/** True when the request was refused (and answered) for its body's size. */
export function refuseOversizedBody(
  req: IncomingMessage,
  res: ServerResponse,
  maxBytes = REQUEST_BODY_MAX_BYTES,
): boolean {
  const declared = req.headers["content-length"];
  if (declared === undefined) {
    if (req.headers["transfer-encoding"] === undefined) return false;
    answer(res, 411, "Send the request with a Content-Length.");
    return true;
  }
  if (Number(declared) <= maxBytes) return false;
  answer(res, 413, REQUEST_BODY_TOO_LARGE);
  return true;
}

function answer(res: ServerResponse, status: number, message: string) {
  res.writeHead(status, {
    "content-type": "text/plain; charset=utf-8",
    "content-length": Buffer.byteLength(message),
    "cache-control": "no-store",
    // The body is never read: the connection cannot carry another request after it.
    connection: "close",
  });
  res.end(message);
}
