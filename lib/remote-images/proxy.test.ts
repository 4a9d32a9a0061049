// The image proxy against a real local HTTP server: private addresses are refused whatever name
// leads to them, the connection goes to the address that was checked, and only bounded, real images
// come back. Loopback is allowed only in the tests that say so, through the fetch's own parameter.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPublicAddress } from "./addresses";
import { fetchRemoteImage, type FetchOptions } from "./fetch";
import { createImageCache, isSignedAddress, proxiedImageUrl } from "./proxy";
import { rewriteRemoteImages } from "./rewrite";

let server: Server;
let port: number;
let png: Buffer;
const requested: string[] = [];

beforeAll(async () => {
  png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "green" } })
    .png()
    .toBuffer();
  server = createServer((req, res) => {
    requested.push(req.url ?? "");
    if (req.url === "/cat.png")
      return void res.writeHead(200, { "content-type": "image/png" }).end(png);
    if (req.url === "/page.svg")
      return void res
        .writeHead(200, { "content-type": "image/png" })
        .end('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    if (req.url === "/huge.png") {
      res.writeHead(200, { "content-type": "image/png" });
      res.write(png);
      return void res.end(Buffer.alloc(64 * 1024));
    }
    if (req.url === "/to-private")
      return void res.writeHead(302, { location: "http://10.0.0.1/x.png" }).end();
    if (req.url === "/to-cat") return void res.writeHead(302, { location: "/cat.png" }).end();
    if (req.url === "/slow") return; // never answers
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const LIMITS = { maxBytes: 32 * 1024, timeoutMs: 2000 };
/** The one widening: this test's server on loopback. */
const loopbackToo: Partial<FetchOptions> = {
  allowAddress: (address) => address === "127.0.0.1" || isPublicAddress(address),
};

describe("the proxy's address check", () => {
  it.each([
    "http://127.0.0.1:PORT/cat.png",
    "http://10.1.2.3/cat.png",
    "http://169.254.169.254/latest/meta-data",
    "http://[::1]:PORT/cat.png",
    "http://[::ffff:127.0.0.1]:PORT/cat.png",
    "http://192.168.0.10/cat.png",
    "http://localhost:PORT/cat.png",
  ])("refuses %s", async (address) => {
    const before = requested.length;
    const outcome = await fetchRemoteImage(address.replace("PORT", String(port)), LIMITS);
    expect(outcome).toEqual({ ok: false, reason: "The image's address is not a public one." });
    expect(requested.length).toBe(before);
  });

  it("refuses a host name that resolves to a private address, or to a mix of addresses", async () => {
    for (const addresses of [
      ["127.0.0.1"],
      ["10.0.0.7"],
      ["169.254.169.254"],
      ["::1"],
      ["93.184.216.34", "10.0.0.1"],
    ]) {
      const outcome = await fetchRemoteImage("http://images.example/cat.png", {
        ...LIMITS,
        resolve: async () =>
          addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })),
      });
      expect(outcome).toEqual({ ok: false, reason: "The image's address is not a public one." });
    }
  });

  it("refuses a redirect to a private address", async () => {
    const outcome = await fetchRemoteImage(`http://127.0.0.1:${port}/to-private`, {
      ...LIMITS,
      ...loopbackToo,
    });
    expect(outcome).toEqual({ ok: false, reason: "The image's address is not a public one." });
  });
});

describe("fetching", () => {
  it("fetches an image from the local server, following a redirect", async () => {
    const outcome = await fetchRemoteImage(`http://127.0.0.1:${port}/to-cat`, {
      ...LIMITS,
      ...loopbackToo,
    });
    expect(outcome).toEqual({ ok: true, image: { contentType: "image/png", bytes: png } });
  });

  it("connects to the address it checked, not to whatever the name resolves to later", async () => {
    // images.example does not resolve at all outside this lookup: the request can only reach the
    // server through the pinned address.
    let lookups = 0;
    const outcome = await fetchRemoteImage(`http://images.example:${port}/cat.png`, {
      ...LIMITS,
      ...loopbackToo,
      resolve: async () => {
        lookups += 1;
        return [{ address: "127.0.0.1", family: 4 }];
      },
    });
    expect(outcome.ok).toBe(true);
    expect(lookups).toBe(1);
  });

  it("refuses what is not a raster image, what is too large, and a server that does not answer", async () => {
    const options = { ...LIMITS, ...loopbackToo };
    const base = `http://127.0.0.1:${port}`;
    expect(await fetchRemoteImage(`${base}/page.svg`, options)).toEqual({
      ok: false,
      reason: "That address is not a PNG, JPEG, WebP or GIF image.",
    });
    expect(await fetchRemoteImage(`${base}/huge.png`, options)).toEqual({
      ok: false,
      reason: "The image is too large.",
    });
    expect(await fetchRemoteImage(`${base}/slow`, { ...options, timeoutMs: 300 })).toEqual({
      ok: false,
      reason: "The image's server took too long.",
    });
    expect(await fetchRemoteImage(`${base}/missing.png`, options)).toEqual({
      ok: false,
      reason: "The image's server answered 404.",
    });
    expect((await fetchRemoteImage("file:///etc/passwd", options)).ok).toBe(false);
  });
});

describe("remote images in posts", () => {
  const html =
    '<p>Look <img alt="a &quot;cat&quot;" loading="lazy" src="https://img.example/c.png?a=1&amp;b=2" /> <img alt="mine" class="attachment" loading="lazy" src="/attachments/4" /></p>';

  it("go through the signed proxy, attachments stay as they are", () => {
    const out = rewriteRemoteImages(html, "proxy");
    const src = /src="(\/image-proxy\?[^"]+)"/.exec(out)![1]!.replaceAll("&amp;", "&");
    const params = new URL(src, "http://forum.test").searchParams;
    expect(params.get("url")).toBe("https://img.example/c.png?a=1&b=2");
    expect(isSignedAddress(params.get("url")!, params.get("sig")!)).toBe(true);
    expect(isSignedAddress("https://img.example/other.png", params.get("sig")!)).toBe(false);
    expect(out).toContain('src="/attachments/4"');
    expect(out).not.toContain("https://img.example");
  });

  it("become links when the setting says so", () => {
    expect(rewriteRemoteImages(html, "links")).toContain(
      '<a href="https://img.example/c.png?a=1&amp;b=2" rel="nofollow ugc noopener" class="remote-image">a &quot;cat&quot;</a>',
    );
  });

  it("are proxied at the address the page names", () => {
    expect(proxiedImageUrl("https://a.example/x.png")).toMatch(
      /^\/image-proxy\?url=https%3A%2F%2Fa\.example%2Fx\.png&sig=/,
    );
  });
});

describe("the proxy's cache", () => {
  it("keeps at most its byte budget, dropping the least recently used", () => {
    const cache = createImageCache(3000);
    const image = (n: number) => ({
      ok: true as const,
      image: { contentType: "image/png", bytes: Buffer.alloc(n) },
    });
    cache.set("a", image(1000), 60_000);
    cache.set("b", image(1000), 60_000);
    cache.get("a");
    cache.set("c", image(1000), 60_000);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBeDefined();
    expect(cache.get("c")).toBeDefined();
    expect(cache.heldBytes).toBeLessThanOrEqual(3000);
    cache.set("d", image(5000), 60_000);
    expect(cache.get("d")).toBeUndefined();
    cache.set("e", image(10), 1, Date.now() - 10);
    expect(cache.get("e")).toBeUndefined();
  });
});
