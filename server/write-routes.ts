// The writes members make from a reading page, answered here without Next (server/serve.ts): a
// reply, a reaction toggle, a poll vote (and staff closing or reopening the poll), and the header's
// colour-scheme choice, which a reading page has no form for. They answer with what changed, so
// nothing re-renders the page on the server; the
// same lib functions as the server actions decide everything (permissions, limits, idempotency,
// counters). The session is read as the personal answer reads it (lib/session/request-viewer.ts).
//
// A cross-site page cannot make these requests: they accept only `application/json` bodies (a form
// or a simple fetch from another origin cannot send that type without a CORS preflight, which this
// server never grants), and an Origin header, which browsers send with every POST, must name this
// host.
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { CANNOT_SAVE, isDatabaseFault } from "../lib/faults/database-fault";
import { saveColorScheme } from "../lib/accounts/color-scheme";
import { createReply } from "../lib/forum/posting";
import {
  isReactionKind,
  reactionTargetAlongside,
  reactionTargetOf,
  toggleReaction,
} from "../lib/forum/reactions";
import { pollVoteRate, REQUEST_RATES } from "../lib/limits/request-rates";
import { castVote, setPollClosed } from "../lib/polls/vote";
import { MESSAGE } from "../lib/limits/sizes";
import { rowId } from "../lib/row-id";
import { memberUrl } from "../lib/urls";
import { viewerOf, viewerOfWith } from "../lib/session/request-viewer";
import { COLOR_SCHEME_PATH } from "../lib/theme/color-scheme";

const REACTION_PATH = /^\/api\/posts\/([^/]+)\/reaction$/;
const REPLY_PATH = /^\/api\/threads\/([^/]+)\/replies$/;
const POLL_PATH = /^\/api\/polls\/([^/]+)\/(votes|state)$/;

/** A message at its limit is at most 4 bytes per character in UTF-8; JSON escaping can double
 * that. Anything longer is refused before it is read in full. */
const MAX_BODY_BYTES = MESSAGE.max * 8 + 1024;

/** Built once: a zod schema costs more to build than to run. */
const rowIdSchema = rowId();
const reactionBody = z.object({ kind: z.string() });
const replyBody = z.object({ message: z.unknown(), idempotencyKey: z.unknown() });
const voteBody = z.object({ answers: z.array(z.unknown()) });
const pollStateBody = z.object({ closed: z.boolean() });
const colorSchemeBody = z.object({ scheme: z.unknown() });

/** Whether this request is one of the write routes (and then it is answered). */
export function isWriteRoute(path: string): boolean {
  return (
    REACTION_PATH.test(path) ||
    REPLY_PATH.test(path) ||
    POLL_PATH.test(path) ||
    path === COLOR_SCHEME_PATH
  );
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

class RequestProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function checkSameOrigin(req: IncomingMessage, trustProxy: boolean) {
  if (!/^application\/json\b/i.test(req.headers["content-type"] ?? ""))
    throw new RequestProblem(415, "Send JSON.");
  const origin = req.headers.origin;
  if (origin === undefined) return;
  const host = (trustProxy && req.headers["x-forwarded-host"]) || req.headers.host;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new RequestProblem(403, "This request did not come from the forum's own pages.");
  }
  if (originHost !== host)
    throw new RequestProblem(403, "This request did not come from the forum's own pages.");
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new RequestProblem(413, MESSAGE.tooLong);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new RequestProblem(413, MESSAGE.tooLong);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
  } catch {
    throw new RequestProblem(400, "That request was not understood.");
  }
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  trustProxy: boolean,
) {
  if (req.method !== "POST") throw new RequestProblem(405, "POST only.");
  checkSameOrigin(req, trustProxy);
  if (path === COLOR_SCHEME_PATH) {
    const body = colorSchemeBody.safeParse(await readJson(req));
    if (!body.success) throw new RequestProblem(400, "That request was not understood.");
    const viewer = await viewerOf(req.headers.cookie);
    const result = await saveColorScheme(viewer, body.data.scheme);
    if (!result.ok) return json(res, viewer.id ? 400 : 401, { error: result.error });
    return json(res, 200, { colorScheme: result.colorScheme });
  }
  const reaction = REACTION_PATH.exec(path);
  if (reaction) {
    const postId = rowIdSchema.safeParse(reaction[1]);
    if (!postId.success) throw new RequestProblem(404, "This post does not exist any more.");
    const body = reactionBody.safeParse(await readJson(req));
    if (!body.success || !isReactionKind(body.data.kind))
      throw new RequestProblem(400, "That reaction is not available.");
    // The post comes along with the member: one round trip fewer on every toggle.
    const { viewer, alongside } = await viewerOfWith(
      req.headers.cookie,
      reactionTargetAlongside(postId.data),
    );
    const result = await toggleReaction(viewer, postId.data, body.data.kind, {
      target: reactionTargetOf(alongside),
    });
    // A refusal is about the member's pace (429), or about who is asking or the post (403).
    if (!result.ok)
      return json(res, result.field === "rate" ? 429 : viewer.id ? 403 : 401, {
        error: result.error,
      });
    // Who reacted, so the page lists the member at once even when their personal answer has not
    // arrived yet (a page rendered for them just after a write shows the buttons before it does).
    // A toggle succeeds only for a member, and a member's number and name are always loaded.
    const reactor = {
      name: viewer.name!,
      url: memberUrl({ number: viewer.number!, name: viewer.name! }),
    };
    return json(res, 200, { reaction: result.reaction, reactor });
  }
  const poll = POLL_PATH.exec(path);
  if (poll) return answerPoll(req, res, poll[1]!, poll[2] === "votes");
  const threadId = rowIdSchema.safeParse(REPLY_PATH.exec(path)![1]);
  if (!threadId.success) throw new RequestProblem(404, "This thread does not exist any more.");
  const body = replyBody.safeParse(await readJson(req));
  if (!body.success) throw new RequestProblem(400, "That request was not understood.");
  const viewer = await viewerOf(req.headers.cookie);
  const result = await createReply(viewer, { threadId: threadId.data, ...body.data });
  // A refusal is about the message (422), or about who is asking or the thread (403).
  if (!result.ok)
    return json(res, result.field === "message" ? 422 : viewer.id ? 403 : 401, {
      error: result.error,
      field: result.field ?? "form",
    });
  return json(res, 200, { url: result.url, postId: result.postId });
}

async function answerPoll(req: IncomingMessage, res: ServerResponse, id: string, vote: boolean) {
  const pollId = rowIdSchema.safeParse(id);
  if (!pollId.success) throw new RequestProblem(404, "This poll does not exist any more.");
  const input = await readJson(req);
  const votes = voteBody.safeParse(input);
  const state = pollStateBody.safeParse(input);
  if (vote ? !votes.success : !state.success)
    throw new RequestProblem(400, "That request was not understood.");
  const viewer = await viewerOf(req.headers.cookie);
  if (viewer.id) {
    const rate = await pollVoteRate.take(viewer.id);
    if (!rate.ok)
      throw new RequestProblem(
        429,
        `You are voting too fast (${REQUEST_RATES.pollVotesPerMinute} a minute at most). Try again in ${rate.retryAfterSeconds} seconds.`,
      );
  }
  const result = vote
    ? await castVote(viewer, { pollId: pollId.data, answerIds: votes.data!.answers })
    : await setPollClosed(viewer, { pollId: pollId.data, closed: state.data!.closed });
  // A refusal is about the answers picked (400), or about who is asking or the poll (403).
  if (!result.ok)
    return json(res, result.field === "answers" ? 400 : viewer.id ? 403 : 401, {
      error: result.error,
      field: "form",
    });
  const { ok: _ok, ...answer } = result;
  return json(res, 200, answer);
}

export async function handleWrite(
  req: IncomingMessage,
  res: ServerResponse,
  options: { path: string; trustProxy: boolean },
): Promise<void> {
  try {
    await answer(req, res, options.path, options.trustProxy);
  } catch (error) {
    if (res.headersSent) return;
    if (error instanceof RequestProblem) {
      // The rest of an oversized body is not read: close the connection after answering.
      if (error.status === 413) res.setHeader("connection", "close");
      return json(res, error.status, { error: error.message, field: "form" });
    }
    console.error("write route failed", error);
    if (isDatabaseFault(error)) return json(res, 503, { error: CANNOT_SAVE, field: "form" });
    json(res, 500, {
      error: "The forum could not save that. Try again; your text is kept.",
      field: "form",
    });
  }
}
