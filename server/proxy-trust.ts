// Where a request came from, and whether the headers saying what it asked for (host, scheme) may be
// believed: decided once per request by server/serve.ts from TRUST_PROXY, before anything reads them.
//
// Each proxy appends the address it saw to X-Forwarded-For, after whatever the request already held
// (nginx's $proxy_add_x_forwarded_for keeps what the client sent). So only the rightmost entries, those
// our own proxies wrote, can be believed: the client is the rightmost hop that is not a trusted proxy.
// The leftmost entry is whatever the client chose, and taking it let anyone pick a fresh address per
// request and walk past every per-address limit (issue 13).
import type { IncomingMessage } from "node:http";
import { BlockList, isIP } from "node:net";
import type { ProxyTrust } from "../lib/env";

/** Headers only a proxy may set: a client sending X-Forwarded-Host could make Auth.js and the
 * same-origin checks take its host for ours. */
const PROXY_HEADERS = ["forwarded", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port"];

/** An address as it is compared and counted: without brackets or port, an IPv4-mapped IPv6 address
 * as IPv4 (a server listening on :: sees those); null when the entry is not an address. */
export function plainAddress(entry: string): string | null {
  let value = entry.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  if (value.startsWith("::ffff:") && isIP(value.slice(7)) === 4) value = value.slice(7);
  return isIP(value) ? value : null;
}

const family = (address: string) => (isIP(address) === 4 ? "ipv4" : "ipv6");

function proxyMatcher(entries: string[]): (address: string) => boolean {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = "", prefix] = entry.split("/");
    if (prefix === undefined) list.addAddress(plainAddress(address) ?? address, family(address));
    else list.addSubnet(address, Number(prefix), family(address));
  }
  return (address) => list.check(address, family(address));
}

export interface RequestOrigin {
  /** The client's address, to count requests per address. */
  address: string;
  /** Whether the request came through a trusted proxy, whose Host and scheme headers then count. */
  proxied: boolean;
}

export function proxyTrust(trust: ProxyTrust) {
  const isProxy = trust && "addresses" in trust ? proxyMatcher(trust.addresses) : () => false;

  function origin(
    socketAddress: string | undefined,
    forwardedFor: string | undefined,
  ): RequestOrigin {
    const peer = plainAddress(socketAddress ?? "") ?? socketAddress ?? "";
    // With a count of hops every request is taken to come through them (the app's port must not be
    // reachable around the proxy); with addresses, only a request whose peer is one of them.
    const proxied = trust !== null && ("hops" in trust || isProxy(peer));
    if (!proxied) return { address: peer, proxied };
    // chain[0] is the peer; chain[i], the address the i-th proxy back from us saw.
    const chain = [peer, ...(forwardedFor ?? "").split(",").reverse().map(plainAddress)];
    let hop = 0;
    if ("hops" in trust) hop = Math.min(trust.hops, chain.length - 1);
    else while (hop < chain.length - 1 && chain[hop] && isProxy(chain[hop]!)) hop++;
    // An entry that is not an address was seen on no socket: take the nearest hop that was.
    while (hop > 0 && !chain[hop]) hop--;
    return { address: chain[hop] ?? peer, proxied };
  }

  return {
    origin,
    /** Leaves X-Forwarded-For holding the one client address (what lib/auth/client-address.ts
     * reads: nothing after this parses the chain), and drops the proxy headers unless a trusted
     * proxy sent them. Whether one did. */
    apply(req: IncomingMessage): boolean {
      const forwarded = req.headers["x-forwarded-for"];
      const { address, proxied } = origin(
        req.socket.remoteAddress,
        Array.isArray(forwarded) ? forwarded.join(",") : forwarded,
      );
      const dropped = new Set(["x-forwarded-for", ...(proxied ? [] : PROXY_HEADERS)]);
      for (const name of dropped) delete req.headers[name];
      // rawHeaders too, so no reader of either sees what the client sent.
      for (let i = req.rawHeaders.length - 2; i >= 0; i -= 2)
        if (dropped.has(req.rawHeaders[i]!.toLowerCase())) req.rawHeaders.splice(i, 2);
      req.headers["x-forwarded-for"] = address;
      req.rawHeaders.push("X-Forwarded-For", address);
      return proxied;
    },
  };
}
