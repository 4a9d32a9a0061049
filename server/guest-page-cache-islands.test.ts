// The guests' copy of a reading page (a thread page, and the other pages shared with members) is its
// islands version (server/islands-html.ts), for the request that filled the copy too; everything else
// keeps Next's page. Over real HTTP, in front of a renderer that answers as Next does: a real thread
// page's HTML (__fixtures__/thread-page.html) with the request's nonce, streamed in pieces through
// Next's own compression middleware.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createGuestPageCache } from "./guest-page-cache";
import { applySecurityHeaders, nonceOf } from "./security-headers";
import {
  ROLE_RENDER_HEADER,
  roleOfRenderHeader,
  startRoleRenders,
} from "../lib/session/role-render";

type Middleware = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;
const compression = createRequire(import.meta.url)("next/dist/compiled/compression") as (
  options?: object,
) => Middleware;

/** A real thread page with its islands (__fixtures__/thread-page.html), and its nonce. */
const PAGE = readFileSync(
  path.join(import.meta.dirname, "__fixtures__", "thread-page.html"),
  "utf8",
);
const FIXTURE_NONCE = "B2nUzttjwtQrGTiTmdV1gQ";
const MANIFEST = {
  script: "/_next/static/islands/client-ABC123.js",
  preload: ["/_next/static/islands/chunk-REACT1.js"],
};
const MODULE_SCRIPT = `<script type="module" src="${MANIFEST.script}"`;

const CSS_LINK = '</_next/static/chunks/0g032yq3ti8bc.css>; rel=preload; as="style"';
const CHUNK_LINK = '</_next/static/chunks/3ubj2iwo0av4a.js>; rel=preload; as="script"';

let renders = 0;
let renderDelayMs = 0;
/** What the renderer answers for a path, as Next would render it with this nonce. */
let pageFor = (_path: string, nonce: string) => PAGE.replaceAll(FIXTURE_NONCE, nonce);
let statusFor = (_path: string) => 200;

function render(req: http.IncomingMessage, res: http.ServerResponse) {
  renders++;
  // Next compresses through this middleware, which wraps writeHead, write and end.
  compression()(req, res, () => {});
  const role = roleOfRenderHeader(req.headers[ROLE_RENDER_HEADER] as string | undefined);
  const path = req.url!.split("?", 1)[0]!;
  const html = pageFor(path, nonceOf(req)!).replace(
    "</footer>",
    `</footer><p>for ${req.headers.cookie ?? "nobody"} as ${role ?? "guest"}</p>`,
  );
  setTimeout(() => {
    res.statusCode = statusFor(path);
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.setHeader("vary", "rsc, Accept-Encoding");
    res.setHeader("link", `${CSS_LINK}, ${CHUNK_LINK}`);
    // Streamed in pieces, as Next writes a page.
    const third = Math.floor(html.length / 3);
    res.write(html.slice(0, third));
    res.write(html.slice(third, 2 * third));
    res.end(html.slice(2 * third));
  }, renderDelayMs);
}

const dir = mkdtempSync(path.join(tmpdir(), "parley-islands-"));
const manifestFile = path.join(dir, "islands-manifest.json");
writeFileSync(manifestFile, JSON.stringify(MANIFEST));

async function serverWith(options: Parameters<typeof createGuestPageCache>[0]) {
  const cache = createGuestPageCache({ nonceOf, ttlMs: 60_000, refreshMs: 60_000, ...options });
  const server = http.createServer((req, res) => {
    applySecurityHeaders(req, res, { dev: false, formTargets: [], trustProxy: false });
    cache.handle(req, res, render);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

let server: http.Server;
let base: string;
const roles: Record<string, "moderator" | null> = { mod: "moderator", member: null };

beforeAll(async () => {
  startRoleRenders();
  ({ server, base } = await serverWith({
    islandsManifestFile: manifestFile,
    staffRoleOf: async (cookie) =>
      roles[/session-token=(\w+)/.exec(cookie ?? "")?.[1] ?? ""] ?? null,
  }));
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  renders = 0;
  renderDelayMs = 0;
  pageFor = (_path, nonce) => PAGE.replaceAll(FIXTURE_NONCE, nonce);
  statusFor = () => 200;
});

let unique = 0;
/** A thread path no test has asked for yet (the copies here live a minute). */
const threadPath = () => `/threads/${++unique}-islands`;

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  const text = await response.text();
  const policyNonce = /'nonce-([\w-]{22})'/.exec(
    response.headers.get("content-security-policy") ?? "",
  )?.[1];
  return { status: response.status, headers: response.headers, text, policyNonce };
}

const isIslands = (text: string) =>
  text.includes(MODULE_SCRIPT) && !text.includes("__next_f") && !text.includes("/chunks/3ubj");
const isNext = (text: string) =>
  text.includes("self.__next_f.push(") && !text.includes(MODULE_SCRIPT);

describe("the guests' copy of a thread page", () => {
  it.each(["gzip", "identity"])(
    "is the islands version, for the request that filled it as for the next (%s)",
    async (encoding) => {
      const url = base + threadPath();
      const headers = { "accept-encoding": encoding };
      const first = await get(url, headers);
      const second = await get(url, headers);
      expect(renders).toBe(1);
      for (const answer of [first, second]) {
        expect(answer.status).toBe(200);
        expect(answer.headers.get("content-encoding") ?? "identity").toBe(encoding);
        expect(isIslands(answer.text)).toBe(true);
        expect(answer.text).toContain('<script id="personal-scope" type="application/json">');
        expect(answer.text).toContain("for nobody as guest");
        // Every nonce in the page is this answer's, ours included.
        const inPage = [...answer.text.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]);
        expect(inPage.length).toBe(3);
        expect(new Set(inPage)).toEqual(new Set([answer.policyNonce]));
        expect(answer.text).toContain(`${MODULE_SCRIPT} nonce="${answer.policyNonce}"></script>`);
        expect(answer.headers.get("link")).toBe(CSS_LINK);
      }
      expect(first.policyNonce).not.toBe(second.policyNonce);
    },
  );

  it("is what members get, and what concurrent requests waiting for its render get", async () => {
    renderDelayMs = 100;
    const url = base + threadPath();
    const answers = await Promise.all([
      get(url),
      ...Array.from({ length: 4 }, () => get(url, { cookie: "authjs.session-token=member" })),
    ]);
    expect(renders).toBe(1);
    for (const answer of answers) {
      expect(isIslands(answer.text)).toBe(true);
      expect(answer.text).toContain("for nobody as guest");
    }
  });

  it("is so for every reading page shared with members (a post permalink redirects)", async () => {
    const run = ++unique;
    for (const shared of [
      "/",
      `/forums/f${run}`,
      `/members/${run}-m`,
      "/whats-new",
      `/whats-new/posts?page=${run}`,
      `/search?q=w${run}`,
    ]) {
      const answer = await get(base + shared, { cookie: "authjs.session-token=member" });
      expect([shared, isIslands(answer.text)]).toEqual([shared, true]);
    }
  });

  it("is Next's page as it came when the transform refuses it", async () => {
    const streamed = `<!--$?--><template id="B:0"></template><!--/$--><div hidden id="S:0"></div><script nonce="${FIXTURE_NONCE}">$RC("B:0","S:0")</script>`;
    pageFor = (_path, nonce) =>
      PAGE.replace("<footer", `${streamed}<footer`).replaceAll(FIXTURE_NONCE, nonce);
    const url = base + threadPath();
    const first = await get(url);
    const second = await get(url);
    expect(renders).toBe(1);
    for (const answer of [first, second]) {
      expect(isNext(answer.text)).toBe(true);
      expect(answer.text).toContain('$RC("B:0","S:0")');
      expect(answer.text).toContain(`nonce="${answer.policyNonce}"`);
    }
  });

  it("is whole however many pieces Next's compression sends it in", async () => {
    const filler = `<p>${randomBytes(600_000).toString("base64")}</p>`;
    pageFor = (_path, nonce) =>
      PAGE.replace("<footer", `${filler}<footer`).replaceAll(FIXTURE_NONCE, nonce);
    const url = base + threadPath();
    for (const answer of [
      await get(url, { "accept-encoding": "gzip" }),
      await get(url, { "accept-encoding": "gzip" }),
    ]) {
      expect(answer.headers.get("content-encoding")).toBe("gzip");
      expect(isIslands(answer.text)).toBe(true);
      expect(answer.text).toContain(filler);
    }
    expect(renders).toBe(1);
  });

  it("sends a page too big to keep whole, as Next made it", async () => {
    const filler = `<p>${"x".repeat(2.5 * 1024 * 1024)}</p>`;
    pageFor = (_path, nonce) =>
      PAGE.replace("<footer", `${filler}<footer`).replaceAll(FIXTURE_NONCE, nonce);
    const url = base + threadPath();
    const first = await get(url, { "accept-encoding": "identity" });
    expect(first.text).toBe(
      pageFor("", first.policyNonce!).replace("</footer>", "</footer><p>for nobody as guest</p>"),
    );
    expect((await get(url, { "accept-encoding": "identity" })).status).toBe(200);
    expect(renders).toBe(2);
  });

  it("sends Next's answer other than 200 to the request that rendered it, and keeps none", async () => {
    statusFor = () => 404;
    const url = base + threadPath();
    const first = await get(url, { "accept-encoding": "gzip" });
    expect(first.status).toBe(404);
    expect(isNext(first.text)).toBe(true);
    expect(first.text).toContain(`nonce="${first.policyNonce}"`);
    expect((await get(url)).status).toBe(404);
    expect(renders).toBe(2);
  });
});

describe("Next's runtime stays", () => {
  it("on a staff role's copy", async () => {
    const url = base + threadPath();
    const staff = await get(url, { cookie: "authjs.session-token=mod; parley-staff=1" });
    expect(isNext(staff.text)).toBe(true);
    expect(staff.headers.get("link")).toBe(`${CSS_LINK}, ${CHUNK_LINK}`);
    expect(staff.text).toContain("for nobody as moderator");
    // The guests' copy of the same page is still the islands version.
    expect(isIslands((await get(url)).text)).toBe(true);
  });

  it("on a client-side navigation's answer (rsc), a render after a write, and other routes", async () => {
    const path = threadPath();
    const rsc = await get(`${base}${path}?_rsc=1`, { rsc: "1" });
    expect(isNext(rsc.text)).toBe(true);
    const wrote = await get(base + path, {
      cookie: "authjs.session-token=member; parley-wrote=1",
    });
    expect(isNext(wrote.text)).toBe(true);
    expect(wrote.text).toContain("for authjs.session-token=member; parley-wrote=1");
    for (const other of ["/posts/1", "/members", "/threads/1-a/reply", "/account"])
      expect(isNext((await get(base + other)).text)).toBe(true);
  });

  it("on every page while the islands build is missing, which is said once", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const missing = await serverWith({ islandsManifestFile: path.join(dir, "nothing-here.json") });
    try {
      const first = await get(missing.base + threadPath());
      const second = await get(missing.base + threadPath());
      expect(isNext(first.text) && isNext(second.text)).toBe(true);
      expect(first.text).toContain(`nonce="${first.policyNonce}"`);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toMatch(/no islands build/);
    } finally {
      warn.mockRestore();
      await new Promise<void>((resolve) => missing.server.close(() => resolve()));
    }
  });
});
