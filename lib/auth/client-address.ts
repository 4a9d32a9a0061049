/** The address a request came from. server/serve.ts (server/proxy-trust.ts) leaves exactly one
 * address in X-Forwarded-For: the socket's, or behind a trusted proxy (TRUST_PROXY) the rightmost hop
 * that is not one, so a client cannot choose its own and nothing here parses a chain. */
export function clientAddress(headers: Headers): string | null {
  return headers.get("x-forwarded-for")?.trim() || null;
}
