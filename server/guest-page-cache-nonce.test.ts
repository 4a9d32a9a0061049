// The guest page cache's copies carry a fresh Content-Security-Policy nonce in every answer, in the
// policy and in the page alike, gzip-compressed as the renderer sent them.
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createGuestPageCache } from "./guest-page-cache";
import { applySecurityHeaders, nonceOf } from "./security-headers";

let renders = 0;
let server: http.Server;
let base: string;

function render(req: http.IncomingMessage, res: http.ServerResponse) {
  renders++;
  const nonce = nonceOf(req)!;
  const html = `<p>${"text ".repeat(500)}</p><script nonce="${nonce}">1</script><p>more</p><script nonce="${nonce}" src="/a.js"></script>`;
  res.statusCode = 200;
  res.setHeader("content-type", "text/html; charset=utf-8");
  if (/gzip/.test(String(req.headers["accept-encoding"]))) {
    res.setHeader("content-encoding", "gzip");
    res.end(zlib.gzipSync(html));
  } else res.end(html);
}

beforeAll(async () => {
  // Long-lived copies: every answer below is one copy, however slow the machine.
  const cache = createGuestPageCache({
    nonceOf,
    ttlMs: 60_000,
    refreshMs: 60_000,
    islandsManifestFile: null,
  });
  server = http.createServer((req, res) => {
    applySecurityHeaders(req, res, { dev: false, formTargets: [], trustProxy: false });
    cache.handle(req, res, render);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it.each(["gzip", "identity"])(
  "gives each answer of one copy its own nonce (%s)",
  async (encoding) => {
    renders = 0;
    const seen = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const response = await fetch(`${base}/threads/1-${encoding}`, {
        headers: { "accept-encoding": encoding },
      });
      expect(response.headers.get("content-encoding") ?? "identity").toBe(encoding);
      const nonce = /'nonce-([\w-]{22})'/.exec(
        response.headers.get("content-security-policy")!,
      )![1]!;
      const inPage = [...(await response.text()).matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]);
      expect(inPage).toEqual([nonce, nonce]);
      seen.add(nonce);
    }
    expect(seen.size).toBe(6);
    expect(renders).toBe(1);
  },
);
