/** The address a request came from. server/serve.ts overwrites x-forwarded-for with the socket's
 * address (unless TRUST_PROXY is set), so a client cannot choose its own. */
export function clientAddress(headers: Headers): string | null {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || null;
}
