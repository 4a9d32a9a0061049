// The thread page's two busiest writes, a reply and a reaction, go to routes the Node server answers
// without Next (server/write-routes.ts): the answer is what changed, never a rendered page.

export type Sent<T> = ({ ok: true } & T) | { ok: false; error: string; field: string };

const UNREACHABLE = "The forum could not be reached. Check your connection and try again.";

export async function sendJson<T extends object>(url: string, body: unknown): Promise<Sent<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, error: UNREACHABLE, field: "form" };
  }
  let answer: T & { error?: string; field?: string };
  try {
    answer = (await response.json()) as typeof answer;
  } catch {
    return { ok: false, error: UNREACHABLE, field: "form" };
  }
  if (!response.ok || answer.error !== undefined)
    return { ok: false, error: answer.error ?? UNREACHABLE, field: answer.field ?? "form" };
  return { ok: true, ...answer };
}

export const reactionUrl = (postId: number) => `/api/posts/${postId}/reaction`;
export const repliesUrl = (threadId: number) => `/api/threads/${threadId}/replies`;
