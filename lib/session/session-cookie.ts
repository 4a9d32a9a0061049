// Reads the Auth.js session cookie outside Next (server/serve.ts answers /api/personal without it),
// with node:crypto alone. Auth.js's own `auth()` decrypts the cookie and then encrypts a refreshed
// one on every call; the personal answer only needs to know who is asking, so it decrypts and never
// re-encrypts (renew-session.ts re-seals a cookie once a day, which keeps the session rolling).
//
// The format, as node_modules/@auth/core/jwt.js writes it (encode/decode) with jose: a compact JWE,
// alg "dir", enc "A256CBC-HS512", keyed by HKDF-SHA256(AUTH_SECRET, salt = the cookie's name,
// info = "Auth.js Generated Encryption Key (<salt>)", 64 bytes). A256CBC-HS512 (RFC 7518 5.2.5):
// the first 32 key bytes are the HMAC-SHA-512 key, the last 32 the AES-256-CBC key; the tag is the
// first 32 bytes of HMAC(AAD || IV || ciphertext || AAD length in bits as 64-bit big-endian), where
// the AAD is the protected header as sent (base64url text). Not server-only: plain tsx imports it.
import { createDecipheriv, createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

export const SESSION_COOKIE = "authjs.session-token";
export const SECURE_SESSION_COOKIE = `__Secure-${SESSION_COOKIE}`;
/** How long a session lasts from its last renewal (Auth.js's session maxAge, lib/auth/auth.ts). */
export const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

/** What the app's jwt callback (lib/auth/auth.ts) puts in the token: the member and the session
 * version their password/ban bumps, checked against the database by whoever uses it. */
export interface SessionClaims {
  uid: string;
  sv: number;
  /** This sign-in's id (lib/auth/auth.ts), kept through refreshes; null in tokens from before it. */
  sid: string | null;
  /** When the cookie was last sealed (seconds since the epoch), to renew it once a day. */
  iat?: number;
}

/** Auth.js's decode allows this much clock skew on `exp`. */
const CLOCK_TOLERANCE_S = 15;
/** Sessions are a few hundred bytes; a few chunks is already absurd. Bounds the work on garbage. */
const MAX_TOKEN_CHARS = 16 * 1024;

const keys = new Map<string, Buffer>();

/** The 64-byte A256CBC-HS512 key for this secret and cookie name, derived once (HKDF is not free). */
function derivedKey(secret: string, salt: string): Buffer {
  const id = `${salt}\u0000${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = Buffer.from(
      hkdfSync("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, 64),
    );
    keys.set(id, key);
  }
  return key;
}

/** The secrets Auth.js accepts, as @auth/core/lib/utils/env.js collects them: AUTH_SECRET_1..3
 * (rotation) before AUTH_SECRET. */
export function authSecrets(env: NodeJS.ProcessEnv = process.env): string[] {
  const secrets = [env.AUTH_SECRET_3, env.AUTH_SECRET_2, env.AUTH_SECRET_1, env.AUTH_SECRET];
  return secrets.filter((s): s is string => typeof s === "string" && s.length > 0);
}

function parseCookies(header: string): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim();
    if (!name.includes(SESSION_COOKIE) || cookies.has(name)) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (value.includes("%")) {
      try {
        value = decodeURIComponent(value);
      } catch {
        // Left as sent: it will not decrypt.
      }
    }
    cookies.set(name, value);
  }
  return cookies;
}

/** The session token named `name` in the Cookie header: whole, or joined from its `.0`, `.1`… chunks
 * (Auth.js splits tokens longer than a cookie may be). */
export function sessionToken(cookieHeader: string | undefined, name: string): string | null {
  if (!cookieHeader || !cookieHeader.includes(SESSION_COOKIE)) return null;
  const cookies = parseCookies(cookieHeader);
  if (!cookies.has(`${name}.0`)) return cookies.get(name) || null;
  const chunks: string[] = [];
  for (let i = 0; cookies.has(`${name}.${i}`); i++) chunks.push(cookies.get(`${name}.${i}`)!);
  return chunks.join("") || null;
}

function decodeSegment(segment: string): Buffer | null {
  if (!/^[A-Za-z0-9_-]*$/.test(segment)) return null;
  return Buffer.from(segment, "base64url");
}

/** The JWE's plaintext when `key` authenticates it, else null. */
function decrypt(token: string, key: Buffer): Buffer | null {
  const parts = token.split(".");
  if (parts.length !== 5) return null;
  const [headerB64, encryptedKey, ivB64, ciphertextB64, tagB64] = parts as [
    string,
    string,
    string,
    string,
    string,
  ];
  // "dir" carries no encrypted key.
  if (encryptedKey !== "") return null;
  const iv = decodeSegment(ivB64);
  const ciphertext = decodeSegment(ciphertextB64);
  const tag = decodeSegment(tagB64);
  const headerBytes = decodeSegment(headerB64);
  if (!iv || !ciphertext || !tag || !headerBytes) return null;
  if (iv.length !== 16 || tag.length !== 32 || ciphertext.length === 0) return null;
  if (ciphertext.length % 16 !== 0) return null;
  let header: unknown;
  try {
    header = JSON.parse(headerBytes.toString("utf8"));
  } catch {
    return null;
  }
  const h = header as { alg?: unknown; enc?: unknown; zip?: unknown; crit?: unknown };
  if (h.alg !== "dir" || h.enc !== "A256CBC-HS512" || h.zip !== undefined || h.crit !== undefined)
    return null;

  const aad = Buffer.from(headerB64, "ascii");
  const aadBits = Buffer.alloc(8);
  aadBits.writeBigUInt64BE(BigInt(aad.length) * 8n);
  const mac = createHmac("sha512", key.subarray(0, 32))
    .update(aad)
    .update(iv)
    .update(ciphertext)
    .update(aadBits)
    .digest()
    .subarray(0, 32);
  if (!timingSafeEqual(mac, tag)) return null;
  try {
    const decipher = createDecipheriv("aes-256-cbc", key.subarray(32, 64), iv);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    return null;
  }
}

/** Tokens verified lately, by salt, secrets and token: every request of a member carries the same
 * token, and verifying it (HMAC-SHA512, then AES) was about a twentieth of the personal answer's
 * CPU (issue 12). Only tokens that verified are kept, and their expiry is checked again on each
 * use; what the token names (member, version, sign-in) is still checked against Postgres by the
 * caller on every request. Cleared when full, which bounds it to a few hundred KB. */
const verified = new Map<string, { claims: SessionClaims; exp: number }>();
const VERIFIED_MAX = 2000;

/** The claims of a token whose tag one of `secrets` verifies and that has not expired; else null. */
export function decodeSessionToken(
  token: string,
  options: { secrets: readonly string[]; salt: string; now?: number },
): SessionClaims | null {
  if (token.length > MAX_TOKEN_CHARS) return null;
  const nowS = (options.now ?? Date.now()) / 1000;
  const id = `${options.salt}\u0000${options.secrets.join("\u0000")}\u0000${token}`;
  const known = verified.get(id) ?? verifyToken(token, options.secrets, options.salt);
  // Auth.js always sets exp; a token without one is not one it issued (verifyToken refuses it).
  if (!known || known.exp + CLOCK_TOLERANCE_S <= nowS) return null;
  if (!verified.has(id)) {
    if (verified.size >= VERIFIED_MAX) verified.clear();
    verified.set(id, known);
  }
  return { ...known.claims };
}

function verifyToken(
  token: string,
  secrets: readonly string[],
  salt: string,
): { claims: SessionClaims; exp: number } | null {
  for (const secret of secrets) {
    const plaintext = decrypt(token, derivedKey(secret, salt));
    if (!plaintext) continue;
    let payload: unknown;
    try {
      payload = JSON.parse(plaintext.toString("utf8"));
    } catch {
      return null;
    }
    if (payload === null || typeof payload !== "object") return null;
    const { uid, sv, sid, exp, iat } = payload as {
      uid?: unknown;
      sv?: unknown;
      sid?: unknown;
      exp?: unknown;
      iat?: unknown;
    };
    if (typeof exp !== "number") return null;
    if (typeof uid !== "string" || uid === "") return null;
    // As getViewer reads it: a token from before session versions counts as version 0.
    const version = sv === undefined ? 0 : sv;
    if (typeof version !== "number" || !Number.isInteger(version)) return null;
    const claims: SessionClaims = { uid, sv: version, sid: typeof sid === "string" ? sid : null };
    if (typeof iat === "number") claims.iat = iat;
    return { claims, exp };
  }
  return null;
}

/**
 * The signed-in session in a raw Cookie header, or null (no cookie, a forged or damaged one, one
 * sealed with another secret, an expired one). `secure`: the request came over https, where Auth.js
 * names the cookie `__Secure-authjs.session-token` (and uses that name as the key's salt).
 */
export function readSession(
  cookieHeader: string | undefined,
  options: { secure: boolean; secrets?: readonly string[]; now?: number },
): SessionClaims | null {
  const name = options.secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
  const token = sessionToken(cookieHeader, name);
  if (!token) return null;
  const secrets = options.secrets ?? authSecrets();
  if (secrets.length === 0) return null;
  return decodeSessionToken(token, { secrets, salt: name, now: options.now });
}
