// The guest page cache over real HTTP: a Node server with the cache in front of a renderer whose
// answer follows a value the test changes (standing in for what Postgres holds), read with fetch.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createGuestPageCache } from "./guest-page-cache";
import {
  ROLE_RENDER_HEADER,
  roleOfRenderHeader,
  startRoleRenders,
} from "../lib/session/role-render";

let current = "first";
let renders = 0;
let renderDelayMs = 0;
let extraHeaders: Record<string, string> = {};
let status = 200;
let server: http.Server;
let base: string;
/** Renders started and not yet answered: a test ends only when its renders are done. */
let rendering = 0;

function render(req: http.IncomingMessage, res: http.ServerResponse) {
  renders++;
  rendering++;
  // The role a shared staff rendering is made for, as Next's getViewer reads it.
  const role = roleOfRenderHeader(req.headers[ROLE_RENDER_HEADER] as string | undefined);
  const body = `<p>${current} for ${req.headers.cookie ?? "nobody"} as ${role ?? "guest"}</p>`;
  setTimeout(() => {
    res.statusCode = status;
    res.setHeader("content-type", "text/html; charset=utf-8");
    for (const [k, v] of Object.entries(extraHeaders)) res.setHeader(k, v);
    // Written in two pieces, as a streamed page is.
    res.write(body.slice(0, 5));
    res.end(body.slice(5));
    rendering--;
  }, renderDelayMs);
}

/** A server whose cache is made afresh before each test (`fresh`), so every test starts with no copy
 * at all, rather than waiting out the one-second copies the test before it left. */
async function serveThroughCache(options: Parameters<typeof createGuestPageCache>[0]) {
  let cache = createGuestPageCache(options);
  const httpServer = http.createServer((req, res) => cache.handle(req, res, render));
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  return {
    server: httpServer,
    base: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`,
    fresh: () => void (cache = createGuestPageCache(options)),
  };
}
let freshCache: () => void;

beforeAll(async () => {
  // Islands have their own tests (guest-page-cache-islands.test.ts): none here, whatever is built.
  ({ server, base, fresh: freshCache } = await serveThroughCache({ islandsManifestFile: null }));
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(async () => {
  // Every test starts with no copy: a new cache, once the renders the last test started are done (a
  // background refresh may outlive its test), so none of them counts in this one.
  await expect.poll(() => rendering, { interval: 10 }).toBe(0);
  freshCache();
  current = "first";
  renders = 0;
  renderDelayMs = 0;
  extraHeaders = {};
  status = 200;
});

const get = async (path: string, headers: Record<string, string> = {}) => {
  const response = await fetch(base + path, { headers });
  return { status: response.status, text: await response.text(), headers: response.headers };
};

describe("guest page cache", () => {
  it("serves guests one render per second and shows a change within a second", async () => {
    expect((await get("/threads/1-a")).text).toContain("first");
    expect((await get("/threads/1-a")).text).toContain("first");
    expect(renders).toBe(1);
    current = "second";
    const changedAt = performance.now();
    let seenAfter = Infinity;
    while (performance.now() - changedAt < 3000) {
      if ((await get("/threads/1-a")).text.includes("second")) {
        seenAfter = performance.now() - changedAt;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(seenAfter).toBeLessThanOrEqual(1000);
  });

  it("keeps one copy per URL and per Accept-Encoding", async () => {
    await get("/threads/1-a?page=2");
    await get("/threads/1-a?page=3");
    await get("/threads/1-a?page=3", { "accept-encoding": "identity" });
    await get("/threads/1-a?page=3");
    expect(renders).toBe(3);
  });

  it("answers members with the guests' copy, which never saw anyone's cookie", async () => {
    const member = await get("/threads/1-a", { cookie: "authjs.session-token=abc" });
    expect(member.text).toContain("first for nobody");
    const guest = await get("/threads/1-a");
    expect(guest.text).toContain("first for nobody");
    const other = await get("/threads/1-a", { cookie: "authjs.session-token=xyz" });
    expect(other.text).toContain("first for nobody");
    expect(renders).toBe(1);
  });

  it("gives whoever just wrote a render of their own, never a copy from before their write", async () => {
    await get("/threads/1-a");
    current = "second";
    const cookie = "authjs.session-token=abc; parley-wrote=1";
    expect((await get("/threads/1-a", { cookie })).text).toContain(`second for ${cookie}`);
    expect(renders).toBe(2);
  });

  it("renders member-only lists per request, with the cookie", async () => {
    const member = "authjs.session-token=abc";
    expect((await get("/whats-new/posts?unread=1", { cookie: member })).text).toContain(member);
    expect((await get("/threads/1-a?pending=1", { cookie: member })).text).toContain(member);
    expect(renders).toBe(2);
    // A guest's copy of the same URL is still kept (the query changes nothing for them).
    await get("/whats-new/posts?unread=1");
    await get("/whats-new/posts?unread=1");
    expect(renders).toBe(3);
  });

  it("shares search and What's new with members: one cookie-less rendering", async () => {
    const member = "authjs.session-token=abc";
    for (const url of ["/search?q=tanks", "/whats-new/posts", "/whats-new/activity"]) {
      await get(url);
      const theirs = await get(url, { cookie: member });
      expect(theirs.text).toContain("for nobody");
      expect(theirs.text).not.toContain("abc");
    }
    expect(renders).toBe(3);
  });

  it("does not keep answers with Set-Cookie, answers other than 200, or pages outside the reading routes", async () => {
    extraHeaders = { "set-cookie": "a=b" };
    await get("/threads/1-a");
    await get("/threads/1-a");
    extraHeaders = {};
    status = 404;
    await get("/threads/2-b");
    expect((await get("/threads/2-b")).status).toBe(404);
    status = 200;
    await get("/login");
    await get("/login");
    expect(renders).toBe(6);
  });

  it("keeps a permalink's redirect like a page: one render a second, the new address within a second", async () => {
    status = 307;
    const location = async () =>
      (await fetch(`${base}/posts/7`, { redirect: "manual" })).headers.get("location");
    extraHeaders = { location: "/threads/1-a#post-7" };
    expect(await location()).toBe("/threads/1-a#post-7");
    extraHeaders = { location: "/threads/2-split#post-7" }; // the post moved to another thread
    expect(await location()).toBe("/threads/1-a#post-7");
    expect(renders).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await location()).toBe("/threads/2-split#post-7");
    // Edit histories are staff pages, never kept.
    status = 200;
    await get("/posts/7/history");
    await get("/posts/7/history");
    expect(renders).toBe(4);
  });

  it("keeps a wrong slug's 308 per address, query included, and follows a rename within a second", async () => {
    status = 308;
    const location = async (path: string) =>
      (await fetch(base + path, { redirect: "manual" })).headers.get("location");
    extraHeaders = { location: "/threads/1-new?page=2" };
    expect(await location("/threads/1-old?page=2")).toBe("/threads/1-new?page=2");
    // Another query is another address: its own render, never the first one's Location.
    extraHeaders = { location: "/threads/1-new?page=3" };
    expect(await location("/threads/1-old?page=3")).toBe("/threads/1-new?page=3");
    expect(await location("/threads/1-old?page=2")).toBe("/threads/1-new?page=2");
    expect(renders).toBe(2);
    extraHeaders = { location: "/threads/1-renamed?page=2" };
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await location("/threads/1-old?page=2")).toBe("/threads/1-renamed?page=2");
  });

  it("keeps client-side navigations apart from pages, one copy per flight header value, shared with members", async () => {
    const tree = { rsc: "1", "next-router-state-tree": "%5B%22%22%2C%7B%7D%5D" };
    await get("/threads/1-a");
    await get("/threads/1-a?_rsc=abc", tree);
    const member = await get("/threads/1-a?_rsc=abc", {
      ...tree,
      cookie: "authjs.session-token=x",
    });
    expect(member.text).toContain("for nobody");
    expect(renders).toBe(2);
    // Another router state or a prefetch is another answer.
    await get("/threads/1-a?_rsc=abc", { ...tree, "next-router-state-tree": "%5B%5D" });
    await get("/threads/1-a?_rsc=abc", { ...tree, "next-router-prefetch": "1" });
    expect(renders).toBe(4);
  });

  it("skips server-action requests", async () => {
    await get("/threads/1-a", { "next-action": "abc" });
    await get("/threads/1-a", { "next-action": "abc" });
    expect(renders).toBe(2);
  });

  it("lets concurrent guests wait for one render instead of each starting their own", async () => {
    renderDelayMs = 150;
    const answers = await Promise.all(Array.from({ length: 10 }, () => get("/forums/news")));
    expect(answers.every((a) => a.status === 200 && a.text.includes("first"))).toBe(true);
    expect(renders).toBe(1);
  });

  it("re-renders a copy older than three quarters of a second while the others keep the copy", async () => {
    await get("/");
    await new Promise((resolve) => setTimeout(resolve, 780));
    current = "second";
    renderDelayMs = 200;
    const [refreshing, meanwhile] = await Promise.all([
      get("/"),
      new Promise((r) => setTimeout(r, 20)).then(() => get("/")),
    ]);
    expect(refreshing.text).toContain("second");
    expect(meanwhile.text).toContain("first");
    expect(renders).toBe(2);
    expect((await get("/")).text).toContain("second");
  });
});

describe("guest page cache with forums that are not public", () => {
  let restrictedServer: http.Server;
  let restrictedBase: string;
  const restricted = new Set(["/threads/7-private"]);
  let failing = false;

  let fresh: () => void;

  beforeAll(async () => {
    ({
      server: restrictedServer,
      base: restrictedBase,
      fresh,
    } = await serveThroughCache({
      islandsManifestFile: null,
      needsViewer: async (path) => {
        if (failing) throw new Error("database down");
        return restricted.has(path);
      },
    }));
  });
  beforeEach(() => fresh());
  afterAll(() => new Promise<void>((resolve) => restrictedServer.close(() => resolve())));

  const fetchText = async (path: string, headers: Record<string, string> = {}) =>
    (await fetch(restrictedBase + path, { headers })).text();
  const MEMBER = { cookie: "authjs.session-token=abc" };

  it("renders a member's page of such a forum with their cookie, and never shares it", async () => {
    expect(await fetchText("/threads/7-private", MEMBER)).toContain("for authjs.session-token=abc");
    // A guest gets the cookie-less render, not the member's.
    expect(await fetchText("/threads/7-private")).toContain("for nobody");
    expect(await fetchText("/threads/7-private", MEMBER)).toContain("for authjs.session-token");
    // Public pages are still shared with members.
    expect(await fetchText("/threads/8-public", MEMBER)).toContain("for nobody");
  });

  it("renders for the member when it cannot tell", async () => {
    failing = true;
    try {
      expect(await fetchText("/threads/9-unknown", MEMBER)).toContain("for authjs.session-token");
    } finally {
      failing = false;
    }
  });
});

describe("guest page cache with staff roles", () => {
  let staffServer: http.Server;
  let staffBase: string;
  // Stands in for the member rows serve.ts re-reads from Postgres: the session token names who asks.
  const roles: Record<string, "moderator" | "admin" | null> = {
    mod1: "moderator",
    mod2: "moderator",
    adm: "admin",
    demoted: null,
  };
  let failing = false;

  let fresh: () => void;

  beforeAll(async () => {
    startRoleRenders();
    ({
      server: staffServer,
      base: staffBase,
      fresh,
    } = await serveThroughCache({
      islandsManifestFile: null,
      staffRoleOf: async (cookie) => {
        if (failing) throw new Error("database down");
        return roles[/session-token=(\w+)/.exec(cookie ?? "")?.[1] ?? ""] ?? null;
      },
    }));
  });
  beforeEach(() => fresh());
  afterAll(() => new Promise<void>((resolve) => staffServer.close(() => resolve())));

  const fetchText = async (path: string, token: string, staffHint = true) =>
    (
      await fetch(staffBase + path, {
        headers: { cookie: `authjs.session-token=${token}${staffHint ? "; parley-staff=1" : ""}` },
      })
    ).text();

  it("gives each staff role one cookie-less rendering, shared by everyone holding it", async () => {
    expect(await fetchText("/threads/1-a", "mod1")).toContain("for nobody as moderator");
    expect(await fetchText("/threads/1-a", "mod2")).toContain("for nobody as moderator");
    expect(renders).toBe(1);
    expect(await fetchText("/threads/1-a", "adm")).toContain("for nobody as admin");
    expect(renders).toBe(2);
    // Guests and members never get a staff copy.
    expect(await (await fetch(staffBase + "/threads/1-a")).text()).toContain("as guest");
    expect(await fetchText("/threads/1-a", "member", false)).toContain("as guest");
    expect(renders).toBe(3);
  });

  it("gives the guests' copy to a hint cookie the member row does not back", async () => {
    expect(await fetchText("/threads/1-a", "demoted")).toContain("for nobody as guest");
    expect(await fetchText("/threads/1-a", "forged")).toContain("for nobody as guest");
    expect(renders).toBe(1);
  });

  it("takes no role from a request that names one itself", async () => {
    const forged = await fetch(staffBase + "/threads/1-a", {
      headers: { [ROLE_RENDER_HEADER]: "admin.AAAA" },
    });
    expect(await forged.text()).toContain("as guest");
  });

  it("renders for the member, with their cookie, when their row cannot be read", async () => {
    failing = true;
    try {
      expect(await fetchText("/threads/1-a", "mod1")).toContain("for authjs.session-token=mod1");
    } finally {
      failing = false;
    }
  });
});
