// The forum's address for the links a mail carries. SITE_URL wins, and should be set on a public
// forum: a link mailed to a member must not take its host from a header the requester wrote (a
// crafted Host could otherwise send someone's reset link to another site). Without it, the Host the
// request came with (X-Forwarded-Host/-Proto behind a trusted proxy), else localhost on PORT.
import { env } from "../env";

const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

export function siteOrigin(headers?: Headers | null): string {
  if (env.SITE_URL) return new URL(env.SITE_URL).origin;
  const forwardedHost = env.TRUST_PROXY
    ? headers?.get("x-forwarded-host")?.split(",")[0]?.trim()
    : undefined;
  const forwardedProto = env.TRUST_PROXY
    ? headers?.get("x-forwarded-proto")?.split(",")[0]?.trim()
    : undefined;
  const host = forwardedHost || headers?.get("host");
  const protocol = forwardedProto === "https" ? "https" : "http";
  return host && HOST.test(host) ? `${protocol}://${host}` : `http://localhost:${env.PORT}`;
}
