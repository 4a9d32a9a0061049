// The security headers on every answer of the Node server (server/serve.ts): Next's pages, the
// guest page cache's copies, the JSON routes and the 503 page. The Content-Security-Policy carries a
// fresh nonce per request; the same policy is set on the *request* before Next renders, because
// Next reads the nonce from there and puts it on every script it writes.
import { createHash, randomFillSync } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { MEMBER_HINT_SCRIPT } from "../lib/personal/member-hint-script";
import { COLOR_SCHEME_SCRIPT } from "../lib/theme/scheme-script";

export const CSP_REPORT_PATH = "/api/csp-report";

/** 16 random bytes (the CSP spec asks for at least 128 bits), base64url: always 22 characters,
 * which the guest page cache relies on to swap one nonce for another in place. */
export const NONCE_LENGTH = 22;
const NONCE_BYTES = 16;
// One getrandom call per 256 nonces: this runs on every request, static files included.
const pool = Buffer.alloc(NONCE_BYTES * 256);
let poolOffset = pool.length;

export function newNonce(): string {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const nonce = pool.toString("base64url", poolOffset, poolOffset + NONCE_BYTES);
  poolOffset += NONCE_BYTES;
  return nonce;
}

const NONCE_SOURCE = /'nonce-([A-Za-z0-9_-]{22})'/;

/** The nonce this request's pages must carry (set by applySecurityHeaders), if any. */
export function nonceOf(req: IncomingMessage): string | undefined {
  const policy = req.headers["content-security-policy"];
  return typeof policy === "string" ? NONCE_SOURCE.exec(policy)?.[1] : undefined;
}

const scriptHash = (script: string) =>
  `'sha256-${createHash("sha256").update(script).digest("base64")}'`;
/** The two head scripts that run before the first paint, allowed by their hashes. */
const HEAD_SCRIPT_HASHES = [MEMBER_HINT_SCRIPT, COLOR_SCHEME_SCRIPT].map(scriptHash).join(" ");

export interface PolicyOptions {
  /** `next dev` evaluates code and injects styles and a websocket for hot reloading. */
  dev: boolean;
  /** Where sign-in forms may post to besides this site: a form answered by a redirect to an OAuth
   * provider is checked against form-action in Chromium. */
  formTargets: string[];
}

export function contentSecurityPolicy(nonce: string, options: PolicyOptions): string {
  return [
    "default-src 'self'",
    // Next's scripts carry the nonce; the chunks they load are trusted through 'strict-dynamic'.
    `script-src 'nonce-${nonce}' 'strict-dynamic' ${HEAD_SCRIPT_HASHES}${options.dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self'${options.dev ? " 'unsafe-inline'" : ""}`,
    // React's style={{…}} (avatar colours, the smilie menu) is a style attribute, not a stylesheet.
    "style-src-attr 'unsafe-inline'",
    // Other sites' images in posts come through the forum's image proxy (lib/remote-images), so
    // readers' browsers only ever ask this site; members who signed in with GitHub or Google keep the
    // avatar those services host.
    "img-src 'self' data: blob: https://avatars.githubusercontent.com https://*.googleusercontent.com",
    "font-src 'self' data:",
    `connect-src 'self'${options.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    ["form-action 'self'", ...options.formTargets].join(" "),
    // report-uri rather than report-to: Chromium prefers report-to when both are given, and sends
    // those reports late, in batches, from outside the page; every browser still sends report-uri.
    `report-uri ${CSP_REPORT_PATH}`,
  ].join("; ");
}

const FIXED_HEADERS: [string, string][] = [
  ["x-content-type-options", "nosniff"],
  ["referrer-policy", "strict-origin-when-cross-origin"],
  [
    "permissions-policy",
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), midi=(), magnetometer=(), gyroscope=(), accelerometer=(), browsing-topics=()",
  ],
  // frame-ancestors 'none' for browsers that predate it.
  ["x-frame-options", "DENY"],
];
/** A year, this host only: a forum that shares its domain must not force HTTPS on its siblings. */
const HSTS = "max-age=31536000";

/** Whether the browser reached us over HTTPS: TLS here, or a trusted proxy that says so. */
export function servedOverHttps(req: IncomingMessage, trustProxy: boolean): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  return trustProxy && req.headers["x-forwarded-proto"] === "https";
}

/** Sets the headers on `res` (whatever answers it later keeps them) and this request's policy on
 * `req` for Next to read its nonce from. A policy the client sent itself is replaced. */
export function applySecurityHeaders(
  req: IncomingMessage,
  res: ServerResponse,
  options: PolicyOptions & { trustProxy: boolean },
): void {
  const policy = contentSecurityPolicy(newNonce(), options);
  req.headers["content-security-policy"] = policy;
  delete req.headers["content-security-policy-report-only"];
  res.setHeader("content-security-policy", policy);
  for (const [name, value] of FIXED_HEADERS) res.setHeader(name, value);
  if (servedOverHttps(req, options.trustProxy)) res.setHeader("strict-transport-security", HSTS);
}

/** Form targets for the OAuth providers that are configured (lib/auth/auth.ts). */
export function oauthFormTargets(env: {
  AUTH_GITHUB_ID?: string;
  AUTH_GOOGLE_ID?: string;
}): string[] {
  return [
    env.AUTH_GITHUB_ID ? "https://github.com" : null,
    env.AUTH_GOOGLE_ID ? "https://accounts.google.com" : null,
  ].filter((t) => t !== null);
}
