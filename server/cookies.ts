// The few cookies the Node server itself reads (hints and flags it sets, not the session, which
// lib/session/session-cookie.ts reads): found by exact name, so `xparley-staff=1` is not
// `parley-staff=1`.

/** Set for two seconds on the answer to every POST (server/serve.ts): whoever just wrote gets pages
 * rendered after their write, never a copy from the second before it (guest-page-cache.ts). */
export const WROTE_COOKIE = "parley-wrote";

/** The value of the cookie `name` in a Cookie header, or undefined when there is none. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header?.includes(name)) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
