// Server actions over HTTP, as the browser's React client calls them: a POST to the page's URL with
// the action's id in a `Next-Action` header and the arguments encoded as React's encodeReply does
// (plain JSON for simple arguments; multipart form data for a FormData argument, whose fields are
// prefixed "_<part>_" and referenced from the root as "$K<part>").
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

interface ManifestEntry {
  filename?: string;
  exportedName?: string;
}

/** The id the build gave an exported server action, from <distDir>/server/server-reference-manifest.json. */
export function actionId(distDir: string, file: string, name: string): string {
  const manifest = JSON.parse(
    readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8"),
  ) as {
    node: Record<string, ManifestEntry>;
  };
  const found = Object.entries(manifest.node).find(
    ([, entry]) => entry.filename === file && entry.exportedName === name,
  );
  if (!found)
    throw new Error(
      `server action ${name} of ${file} is not in the build's server-reference-manifest.json`,
    );
  return found[0];
}

export function actionHeaders(
  id: string,
  origin: string,
  cookie: string,
  contentType: string,
): Record<string, string> {
  return {
    accept: "text/x-component",
    // No accept-encoding: the bench reads each answer to tell a success from a refusal.
    "next-action": id,
    "content-type": contentType,
    origin,
    cookie,
  };
}

/** Body of `replyAction(previousState, formData)`. */
export function replyBody(
  threadId: number,
  message: string,
): { body: string; contentType: string } {
  const boundary = `----parleybench${randomUUID().replace(/-/g, "")}`;
  const fields: [string, string][] = [
    ["_1_threadId", String(threadId)],
    ["_1_message", message],
    ["_1_idempotencyKey", randomUUID()],
    ["0", JSON.stringify([{}, "$K1"])],
  ];
  const body =
    fields
      .map(
        ([name, value]) =>
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      )
      .join("") + `--${boundary}--\r\n`;
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Body of `toggleReactionAction(postId, kind)`. */
export function reactionBody(postId: number, kind: string): { body: string; contentType: string } {
  return { body: JSON.stringify([postId, kind]), contentType: "text/plain;charset=UTF-8" };
}

/** The action's return value sits in the RSC payload; these tell success from a refusal. */
export function replyProblem(_status: number, body: string): string | null {
  if (/"url":"\/posts\/\d+"/.test(body)) return null;
  return `reply refused or failed: ${body.replace(/\s+/g, " ").slice(0, 300)}`;
}

export function reactionProblem(_status: number, body: string): string | null {
  if (/"reaction":(?:"\w+"|null)/.test(body)) return null;
  return `reaction refused or failed: ${body.replace(/\s+/g, " ").slice(0, 300)}`;
}
