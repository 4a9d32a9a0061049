// Replies and reaction toggles as the thread page's scripts send them (app/threads/[slug]/_components/
// send-json.ts): a JSON POST to the routes server/write-routes.ts answers without Next, with the
// session cookie and the Origin a browser adds to every POST.
import { randomUUID } from "node:crypto";
import type { LoadRequest } from "./load";

export const REACTION_KINDS = ["like", "love", "haha", "wow", "sad", "angry"] as const;

export function writeHeaders(origin: string, cookie: string): Record<string, string> {
  return {
    accept: "*/*",
    "accept-encoding": "gzip, deflate, br",
    "content-type": "application/json",
    origin,
    cookie,
  };
}

/** A reply with a new idempotency key, as the reply box sends each new message. */
export function replyRequest(threadId: number, message: string): { path: string; body: string } {
  return {
    path: `/api/threads/${threadId}/replies`,
    body: JSON.stringify({ message, idempotencyKey: randomUUID() }),
  };
}

export function reactionRequest(postId: number, kind: string): { path: string; body: string } {
  return { path: `/api/posts/${postId}/reaction`, body: JSON.stringify({ kind }) };
}

/** The routes answer 200 with what changed; these catch a 200 that does not say it. */
export function replyProblem(_status: number, body: string): string | null {
  if (/"postId":\d+/.test(body)) return null;
  return `reply refused or failed: ${body.replace(/\s+/g, " ").slice(0, 300)}`;
}

export function reactionProblem(_status: number, body: string): string | null {
  if (/"reaction":(?:"\w+"|null)/.test(body)) return null;
  return `reaction refused or failed: ${body.replace(/\s+/g, " ").slice(0, 300)}`;
}

/** Sends one write with fetch (the sanity check before the load, and the query probe). */
export async function sendWrite(
  base: string,
  cookie: string,
  request: { path: string; body: string },
  problem: (status: number, body: string) => string | null,
): Promise<string> {
  const response = await fetch(base + request.path, {
    method: "POST",
    headers: writeHeaders(base, cookie),
    body: request.body,
  });
  const text = await response.text();
  const trouble =
    response.status === 200
      ? problem(200, text)
      : `status ${response.status}: ${text.slice(0, 300)}`;
  if (trouble) throw new Error(`POST ${request.path} does not work: ${trouble}`);
  return text;
}

/** A write the load sends again and again, each time built anew by `next`, as the member whose
 * session `cookie()` answers. */
export function loadWrite(
  origin: string,
  cookie: () => string,
  next: () => { path: string; body: string },
  check: (status: number, body: string) => string | null,
): LoadRequest {
  const build = () => ({ ...next(), headers: writeHeaders(origin, cookie()) });
  return { method: "POST", ...build(), build, check };
}
