import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applySecurityHeaders, contentSecurityPolicy, newNonce, nonceOf } from "./security-headers";

let server: http.Server;
let base: string;
let trustProxy = false;
let seenPolicy: string | undefined;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    applySecurityHeaders(req, res, { dev: false, formTargets: [], trustProxy });
    seenPolicy = req.headers["content-security-policy"] as string | undefined;
    // As the routes answer: writeHead with headers of their own.
    res.writeHead(200, { "content-type": "text/plain" });
    res.end(nonceOf(req));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("security headers", () => {
  it("set a policy with a fresh nonce per answer, on the request too, replacing the client's", async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const response = await fetch(base, {
        headers: { "content-security-policy": "script-src 'nonce-AAAAAAAAAAAAAAAAAAAAAA'" },
      });
      const nonce = await response.text();
      expect(nonce).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(response.headers.get("content-security-policy")).toContain(`'nonce-${nonce}'`);
      expect(seenPolicy).toBe(response.headers.get("content-security-policy"));
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(response.headers.get("permissions-policy")).toContain("microphone=()");
      nonces.add(nonce);
    }
    expect(nonces.size).toBe(5);
  });

  it("send HSTS only when a trusted proxy says the browser used https", async () => {
    const https = { "x-forwarded-proto": "https" };
    trustProxy = false;
    expect((await fetch(base, { headers: https })).headers.get("strict-transport-security")).toBe(
      null,
    );
    trustProxy = true;
    expect((await fetch(base)).headers.get("strict-transport-security")).toBe(null);
    expect((await fetch(base, { headers: https })).headers.get("strict-transport-security")).toBe(
      "max-age=31536000",
    );
    trustProxy = false;
  });

  it("write a strict policy", () => {
    const policy = contentSecurityPolicy("n".repeat(22), {
      dev: false,
      formTargets: ["https://github.com"],
    });
    expect(policy).toMatch(
      // The two head scripts (member hint, colour scheme) by their hashes, nothing else inline.
      /script-src 'nonce-n{22}' 'strict-dynamic' 'sha256-[A-Za-z0-9+/]+=*' 'sha256-[A-Za-z0-9+/]+=*'(;|$)/,
    );
    for (const directive of [
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'self' https://github.com",
      "style-src 'self';",
      "report-uri /api/csp-report",
    ])
      expect(policy).toContain(directive);
    expect(policy).not.toContain("unsafe-eval");
    expect(newNonce()).not.toBe(newNonce());
  });
});
