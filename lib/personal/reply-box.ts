// What the reply box at the bottom of a thread shows this reader: the form, or why not. Made on the
// server, where the thread page renders it (for everyone: a guest's) and where the personal answer
// gives a member theirs.
import { randomUUID } from "node:crypto";
import type { ThreadTarget, Viewer } from "../permissions";
import { replyRefusal } from "../permissions/posting";
import type { ReplyBox } from "./types";

export function replyBox(viewer: Viewer, thread: ThreadTarget): ReplyBox {
  const refusal = replyRefusal(viewer, thread);
  // A fresh idempotency key per page view, made on the server as the form's always was.
  return { canReply: refusal === null, replyRefusal: refusal, replyKey: randomUUID() };
}
