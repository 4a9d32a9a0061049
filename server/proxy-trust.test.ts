// Issue 13, finding 10: behind nginx's `$proxy_add_x_forwarded_for` with TRUST_PROXY=1, the leftmost
// X-Forwarded-For entry is whatever the client sent, so a client chose a fresh address per request
// and walked past per-address limits; and X-Forwarded-Host passed through with no proxy trusted.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/auth/client-address";
import { parseEnv, type ProxyTrust } from "@/lib/env";
import { plainAddress, proxyTrust } from "./proxy-trust";

const trustOf = (value: string): ProxyTrust => parseEnv({ TRUST_PROXY: value }).TRUST_PROXY;

/** A client at 203.0.113.7 that sent `X-Forwarded-For: 6.6.6.6` through nginx, which appended the
 * address it saw, and connects to the app from 10.0.0.2. */
const NGINX = { peer: "10.0.0.2", forwardedFor: "6.6.6.6, 203.0.113.7" };

describe("the client address", () => {
  it("behind one nginx (TRUST_PROXY=1), is the address nginx saw, not the one the client wrote", () => {
    const { origin } = proxyTrust(trustOf("1"));
    expect(origin(NGINX.peer, NGINX.forwardedFor)).toEqual({
      address: "203.0.113.7",
      proxied: true,
    });
    // A fresh made-up address per request no longer makes a fresh client.
    for (const spoof of ["1.1.1.1", "2.2.2.2, 3.3.3.3", "garbage", ""])
      expect(origin(NGINX.peer, `${spoof}, 203.0.113.7`).address).toBe("203.0.113.7");
  });

  it("with no proxy trusted, is the socket's, whatever the headers say", () => {
    const { origin } = proxyTrust(trustOf("0"));
    expect(origin("198.51.100.4", "6.6.6.6")).toEqual({ address: "198.51.100.4", proxied: false });
    expect(proxyTrust(null).origin("::ffff:198.51.100.4", undefined).address).toBe("198.51.100.4");
  });

  it("through a count of hops, is the entry that many hops back", () => {
    const { origin } = proxyTrust(trustOf("2"));
    // CDN (saw the client) → nginx (saw the CDN, 192.0.2.9) → app.
    expect(origin("10.0.0.2", "6.6.6.6, 203.0.113.7, 192.0.2.9").address).toBe("203.0.113.7");
    // Fewer entries than hops (a request that skipped a proxy): the farthest one there is.
    expect(origin("10.0.0.2", "203.0.113.7").address).toBe("203.0.113.7");
    // None at all: the socket's.
    expect(origin("10.0.0.2", undefined).address).toBe("10.0.0.2");
  });

  it("through listed proxies, is the rightmost hop that is not one of them", () => {
    const { origin } = proxyTrust(trustOf("10.0.0.0/8, 192.0.2.9, ::1"));
    expect(origin("10.0.0.2", NGINX.forwardedFor).address).toBe("203.0.113.7");
    expect(origin("10.0.0.2", "6.6.6.6, 203.0.113.7, 192.0.2.9").address).toBe("203.0.113.7");
    // A client claiming to be one of our proxies is stopped at the hop our proxy saw.
    expect(origin("10.0.0.2", "10.9.9.9, 203.0.113.7").address).toBe("203.0.113.7");
    expect(origin("::1", "[2001:db8::5]:4711").address).toBe("2001:db8::5");
    expect(origin("::ffff:10.0.0.2", "203.0.113.7:50000").address).toBe("203.0.113.7");
  });

  it("from a peer that is not a listed proxy, is that peer's, and its proxy headers do not count", () => {
    const { origin } = proxyTrust(trustOf("10.0.0.0/8"));
    expect(origin("203.0.113.7", "10.0.0.3")).toEqual({ address: "203.0.113.7", proxied: false });
  });

  it("falls back to the nearest real hop when a trusted entry is not an address", () => {
    expect(proxyTrust(trustOf("1")).origin("10.0.0.2", "6.6.6.6, unknown").address).toBe(
      "10.0.0.2",
    );
    expect(plainAddress("unknown")).toBeNull();
    expect(plainAddress(" [::FFFF:192.0.2.1]:80 ")).toBe("192.0.2.1");
  });
});

describe("TRUST_PROXY", () => {
  it("is a count of hops or a list of proxy addresses, and 1/true/0/false keep their meaning", () => {
    expect(trustOf("1")).toEqual({ hops: 1 });
    expect(trustOf("true")).toEqual({ hops: 1 });
    expect(trustOf("3")).toEqual({ hops: 3 });
    expect(trustOf("0")).toBeNull();
    expect(trustOf("false")).toBeNull();
    expect(parseEnv({}).TRUST_PROXY).toBeNull();
    expect(trustOf(" 10.0.0.1, 172.16.0.0/12 ,::1, FD00::/8")).toEqual({
      addresses: ["10.0.0.1", "172.16.0.0/12", "::1", "fd00::/8"],
    });
  });

  it("refuses what is neither, naming what it expects", () => {
    for (const bad of ["yes", "10.0.0.1/33", "10.0.0", "10.0.0.1,", "nginx", "-1"])
      expect(() => trustOf(bad)).toThrow(
        `TRUST_PROXY must be a number of proxy hops (0: none; 1: one reverse proxy such as nginx) or the proxies' addresses, comma-separated (such as 10.0.0.1, 172.16.0.0/12, ::1), got '${bad}'`,
      );
  });
});

describe("a request through the server's proxy step, as the app then reads it", () => {
  let trust: ProxyTrust = null;
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const proxied = proxyTrust(trust).apply(req);
      const headers = new Headers(req.headers as Record<string, string>);
      res.end(
        JSON.stringify({
          client: clientAddress(headers),
          proxied,
          host: req.headers["x-forwarded-host"] ?? null,
          proto: req.headers["x-forwarded-proto"] ?? null,
          forwarded: req.headers.forwarded ?? null,
          raw: req.rawHeaders.filter((_, i) => i % 2 === 0 && /forward/i.test(req.rawHeaders[i]!)),
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const ask = async (headers: Record<string, string>) =>
    (await (await fetch(base, { headers })).json()) as Record<string, unknown>;
  const spoofed = {
    "x-forwarded-for": NGINX.forwardedFor,
    "x-forwarded-host": "evil.example",
    "x-forwarded-proto": "https",
    forwarded: "for=6.6.6.6;host=evil.example",
  };

  it("with TRUST_PROXY=1 behind nginx, the app reads the address nginx saw", async () => {
    trust = trustOf("1");
    expect(await ask(spoofed)).toMatchObject({
      client: "203.0.113.7",
      proxied: true,
      host: "evil.example",
      proto: "https",
    });
  });

  it("with no proxy trusted, the app reads the socket's address and no forwarded host or scheme", async () => {
    trust = null;
    expect(await ask(spoofed)).toEqual({
      client: "127.0.0.1",
      proxied: false,
      host: null,
      proto: null,
      forwarded: null,
      raw: ["X-Forwarded-For"],
    });
  });

  it("with listed proxies, a request not from one of them is treated as direct", async () => {
    trust = trustOf("10.0.0.0/8");
    expect(await ask(spoofed)).toMatchObject({ client: "127.0.0.1", proxied: false, host: null });
    trust = trustOf("127.0.0.1");
    expect(await ask(spoofed)).toMatchObject({ client: "203.0.113.7", proxied: true });
  });
});
