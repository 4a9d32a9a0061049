// The keys two-step verification needs, all derived from AUTH_SECRET (HKDF, one per purpose), so an
// operator has one secret to keep and the database alone is not enough to produce codes or forge a
// sign-in challenge.
import "server-only";
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";
import { env } from "../../env";

type Purpose = "totp-secret" | "sign-in-challenge" | "recovery-code";

function key(purpose: Purpose): Buffer {
  const secret = env.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET must be set for two-step verification");
  return Buffer.from(hkdfSync("sha256", secret, "parley two-factor", purpose, 32));
}

/** AES-256-GCM: "iv.ciphertext.tag", base64url. The tag makes a tampered value fail to open. */
export function seal(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key("totp-secret"), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [iv, body, cipher.getAuthTag()].map((b) => b.toString("base64url")).join(".");
}

export function open(sealed: string): string {
  const [iv, body, tag] = sealed.split(".").map((part) => Buffer.from(part, "base64url"));
  if (!iv || !body || !tag) throw new Error("not a sealed value");
  const decipher = createDecipheriv("aes-256-gcm", key("totp-secret"), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
}

export function mac(purpose: Purpose, text: string): string {
  return createHmac("sha256", key(purpose)).update(text).digest("base64url");
}

/** A signed, expiring token: "payload.mac". Only this server can make one. */
export function signToken(payload: object, ttlSeconds: number): string {
  const body = Buffer.from(
    JSON.stringify({ ...payload, exp: Math.floor(Date.now() / 1000) + ttlSeconds }),
  ).toString("base64url");
  return `${body}.${mac("sign-in-challenge", body)}`;
}

/** The token's payload when its signature is right and it has not expired; null otherwise. */
export function readToken(token: string): Record<string, unknown> | null {
  const [body, signature, ...rest] = token.split(".");
  if (!body || !signature || rest.length > 0) return null;
  const expected = Buffer.from(mac("sign-in-challenge", body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as unknown;
    if (typeof payload !== "object" || payload === null) return null;
    const { exp } = payload as { exp?: unknown };
    if (typeof exp !== "number" || exp < Date.now() / 1000) return null;
    return payload as Record<string, unknown>;
  } catch {
    return null;
  }
}
