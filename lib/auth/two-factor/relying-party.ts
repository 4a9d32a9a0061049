// Who the passkeys belong to: the site's host name (the WebAuthn "relying party id") and the origin
// the browser must say it was on. SITE_URL wins when set; otherwise the request's Origin header,
// accepted only when it names the host the request was sent to, so a page elsewhere cannot borrow it.
import { env } from "../../env";

export interface RelyingParty {
  id: string;
  origin: string;
}

export function relyingPartyFor(requestHeaders: Headers): RelyingParty | null {
  if (env.SITE_URL) {
    const site = new URL(env.SITE_URL);
    return { id: site.hostname, origin: site.origin };
  }
  const forwarded = env.TRUST_PROXY
    ? requestHeaders.get("x-forwarded-host")?.split(",")[0]?.trim()
    : undefined;
  const host = (forwarded || requestHeaders.get("host"))?.toLowerCase();
  const origin = requestHeaders.get("origin");
  if (!host || !origin) return null;
  try {
    const url = new URL(origin);
    if (url.host !== host || (url.protocol !== "https:" && url.protocol !== "http:")) return null;
    return { id: url.hostname, origin: url.origin };
  } catch {
    return null;
  }
}
