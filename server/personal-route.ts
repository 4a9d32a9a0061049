// GET /api/personal, answered here without Next: who is reading and what is theirs on the page they
// read (lib/personal/answer.ts). Never cached; the session is read from its cookie with node:crypto
// (lib/session/session-cookie.ts) and the member re-read from Postgres on every request.
import type { IncomingMessage, ServerResponse } from "node:http";
import { personalAnswer } from "../lib/personal/answer";
import { parseScope } from "../lib/personal/scope";
import { isStaff } from "../lib/permissions/viewer";
import {
  asViewer,
  MEMBER_HINT_COOKIE,
  STAFF_HINT_COOKIE,
  type PersonalAnswer,
} from "../lib/personal/types";
import { isPrefetchRequest } from "../lib/reading/prefetch";
import { sessionOf } from "../lib/session/request-viewer";
import { needsRenewal, renewedSessionCookie } from "../lib/session/renew-session";
import { SESSION_MAX_AGE_S } from "../lib/session/session-cookie";
import { cookieValue, WROTE_COOKIE } from "./cookies";

export const PERSONAL_PATH = "/api/personal";

const NO_STORE = { "cache-control": "private, no-store", vary: "Cookie" };

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string | string[]> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...NO_STORE,
    ...extra,
  });
  res.end(text);
}

/** Keeps the hint cookies in step with the answer: set while true, cleared once false. */
function hintCookies(req: IncomingMessage, answer: PersonalAnswer, secure: boolean): string[] {
  const flags = `Path=/; SameSite=Lax${secure ? "; Secure" : ""}`;
  const staff = answer.viewer !== null && isStaff(asViewer(answer.viewer));
  const wanted: [string, boolean][] = [
    [MEMBER_HINT_COOKIE, answer.viewer !== null],
    [STAFF_HINT_COOKIE, staff],
  ];
  const out: string[] = [];
  for (const [name, on] of wanted) {
    const value = cookieValue(req.headers.cookie, name);
    if (on && value !== "1") out.push(`${name}=1; Max-Age=${SESSION_MAX_AGE_S}; ${flags}`);
    if (!on && value !== undefined) out.push(`${name}=; Max-Age=0; ${flags}`);
  }
  return out;
}

function isHttps(req: IncomingMessage, trustProxy: boolean): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  return trustProxy && req.headers["x-forwarded-proto"] === "https";
}

export async function handlePersonal(
  req: IncomingMessage,
  res: ServerResponse,
  options: { trustProxy: boolean },
): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    json(res, 405, { error: "GET only." }, { allow: "GET" });
    return;
  }
  const url = new URL(req.url ?? "/", "http://localhost");
  const scope = parseScope(url.searchParams);
  if (!scope) {
    json(res, 400, { error: "Malformed page scope." });
    return;
  }
  const secure = isHttps(req, options.trustProxy);
  const session = sessionOf(req.headers.cookie);
  const headers = { get: (name: string) => (req.headers[name] as string | undefined) ?? null };
  try {
    const answer = await personalAnswer({
      session,
      scope,
      isPageView: !isPrefetchRequest(headers),
      staffHint: cookieValue(req.headers.cookie, STAFF_HINT_COOKIE) === "1",
      // Whoever just wrote (resolved a report, approved a post) sees the queues as they are now.
      queuesMaxAgeMs: cookieValue(req.headers.cookie, WROTE_COOKIE) === "1" ? 0 : 1000,
    });
    const cookies = hintCookies(req, answer, secure);
    if (answer.viewer && needsRenewal(session?.iat)) {
      const renewed = await renewedSessionCookie(req.headers.cookie ?? "", secure);
      if (renewed) cookies.push(renewed);
    }
    json(res, 200, answer, cookies.length > 0 ? { "set-cookie": cookies } : {});
  } catch (error) {
    console.error("personal answer failed", error);
    json(
      res,
      503,
      { error: "The forum cannot read your account right now." },
      { "retry-after": "5" },
    );
  }
}
