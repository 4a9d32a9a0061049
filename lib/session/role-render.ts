// The header that asks Next for a reading page as a staff role sees it (server/guest-page-cache.ts).
// Only server/serve.ts sets it, on the cookie-less request of a shared rendering, after it has loaded
// the member from Postgres and found them active staff; it carries a secret made when that process
// starts, so a request from outside cannot claim a role (serve.ts also drops the header from every
// incoming request). Without serve.ts (`next start` alone) there is no secret and the header means
// nothing.
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { StaffRole } from "../permissions/viewer";

export const ROLE_RENDER_HEADER = "x-parley-role-render";

// Shared through globalThis: serve.ts and Next's server bundle each load their own copy of this
// module in the one process.
const SECRET = Symbol.for("parley.role-render-secret");
type Holder = { [SECRET]?: Buffer };

/** Called once by serve.ts before it answers anything. */
export function startRoleRenders(): void {
  (globalThis as Holder)[SECRET] ??= randomBytes(32);
}

function secret(): Buffer | undefined {
  return (globalThis as Holder)[SECRET];
}

/** Drops a role header that came from outside (and its raw copy, which Next may also read). */
export function dropRoleHeader(req: IncomingMessage): void {
  if (!(ROLE_RENDER_HEADER in req.headers)) return;
  delete req.headers[ROLE_RENDER_HEADER];
  for (let i = req.rawHeaders.length - 2; i >= 0; i -= 2)
    if (req.rawHeaders[i]!.toLowerCase() === ROLE_RENDER_HEADER) req.rawHeaders.splice(i, 2);
}

/** Marks the (cookie-less) request as the role's shared rendering. */
export function asRoleRender(req: IncomingMessage, role: StaffRole): IncomingMessage {
  const key = secret();
  if (!key) throw new Error("role renders were not started (startRoleRenders)");
  dropRoleHeader(req);
  const value = `${role}.${key.toString("base64url")}`;
  req.headers[ROLE_RENDER_HEADER] = value;
  req.rawHeaders.push(ROLE_RENDER_HEADER, value);
  return req;
}

/** The role a request's header names, when it carries this process's secret; else null. */
export function roleOfRenderHeader(value: string | null | undefined): StaffRole | null {
  const key = secret();
  if (!key || !value) return null;
  const dot = value.indexOf(".");
  const role = value.slice(0, dot);
  if (role !== "moderator" && role !== "admin") return null;
  const given = Buffer.from(value.slice(dot + 1), "base64url");
  return given.length === key.length && timingSafeEqual(given, key) ? role : null;
}
