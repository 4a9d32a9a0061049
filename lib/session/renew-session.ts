// Keeps an active member signed in. Auth.js re-seals the session cookie whenever its auth() runs,
// but reading pages and the personal answer no longer call it (lib/session/session-cookie.ts reads
// the cookie without re-sealing, which is most of what made members' pages cheap). So the personal
// answer renews the cookie itself, at most once a day per sign-in, with Auth.js's own encoder: the
// session lasts 30 days from the last visit, as it did.
import { decode, encode } from "next-auth/jwt";
import {
  authSecrets,
  SECURE_SESSION_COOKIE,
  SESSION_COOKIE,
  SESSION_MAX_AGE_S,
  sessionToken,
} from "./session-cookie";

/** Auth.js's default updateAge: how old a cookie may get before it is sealed again. */
export const RENEW_AFTER_S = 24 * 60 * 60;

export function needsRenewal(issuedAtS: number | undefined, nowMs = Date.now()): boolean {
  return issuedAtS !== undefined && nowMs / 1000 - issuedAtS > RENEW_AFTER_S;
}

/** A Set-Cookie header with the session re-sealed for another 30 days, or null when the cookie does
 * not decode (then nothing changes). Only called for a cookie readSession already accepted. */
export async function renewedSessionCookie(
  cookieHeader: string,
  secure: boolean,
): Promise<string | null> {
  const name = secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
  const token = sessionToken(cookieHeader, name);
  const secrets = authSecrets();
  if (!token || secrets.length === 0) return null;
  const payload = await decode({ token, secret: secrets, salt: name }).catch(() => null);
  if (!payload) return null;
  // Auth.js seals with the first secret it lists: the newest of a rotation.
  const sealed = await encode({
    token: payload,
    secret: secrets[0]!,
    salt: name,
    maxAge: SESSION_MAX_AGE_S,
  });
  const flags = `Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_MAX_AGE_S}${secure ? "; Secure" : ""}`;
  return `${name}=${sealed}; ${flags}`;
}
