// Security headers on every kind of answer (issue 13), and the Content-Security-Policy at work in
// Chromium: Next's own scripts run (the page hydrates), an injected one does not and is reported.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIResponse } from "@playwright/test";
import { memberInOwnBrowser } from "./fixtures";

const REPORT_PATH = "/api/csp-report";

function nonceOf(response: APIResponse): string {
  const policy = response.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([A-Za-z0-9_-]+)'/.exec(policy)?.[1];
  expect(nonce, policy).toBeDefined();
  return nonce!;
}

function expectSecurityHeaders(response: APIResponse, what: string) {
  const headers = response.headers();
  const policy = headers["content-security-policy"] ?? "";
  for (const directive of [
    /script-src 'nonce-[A-Za-z0-9_-]{22}' 'strict-dynamic'/,
    /object-src 'none'/,
    /base-uri 'none'/,
    /frame-ancestors 'none'/,
    /form-action 'self'/,
    new RegExp(`report-uri ${REPORT_PATH}`),
  ])
    expect(policy, what).toMatch(directive);
  expect(policy, what).not.toContain("unsafe-inline' 'strict");
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], what).toContain("camera=()");
  expect(headers["x-frame-options"], what).toBe("DENY");
  // Served over plain HTTP, and the proxy's word is not trusted here (no TRUST_PROXY).
  expect(headers["strict-transport-security"], what).toBeUndefined();
}

test("guest pages, including the cache's copies, carry the headers and a fresh nonce each", async ({
  request,
}) => {
  const nonces = new Set<string>();
  // Several answers within a second: the first fills the one-second cache, the others are copies.
  for (let i = 0; i < 4; i++) {
    const response = await request.get("/", { headers: { "x-forwarded-proto": "https" } });
    expect(response.status()).toBe(200);
    expectSecurityHeaders(response, `home page, answer ${i}`);
    const nonce = nonceOf(response);
    const html = await response.text();
    // Next's scripts carry this answer's nonce, and no other.
    const inPage = new Set([...html.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]));
    expect([...inPage]).toEqual([nonce]);
    nonces.add(nonce);
  }
  expect(nonces.size).toBe(4);
  for (const path of ["/login", "/forums/global-defence", "/search?q=defence", "/no-such-page"])
    expectSecurityHeaders(await request.get(path), path);
});

test("member pages and the JSON routes carry the headers", async ({ browser }) => {
  const member = await memberInOwnBrowser(browser, "headers");
  const request = member.page.request;
  for (const path of [
    "/",
    "/account",
    "/alerts",
    "/api/personal?page=home",
    "/api/members/suggest?q=e2",
  ])
    expectSecurityHeaders(await request.get(path), path);
  const write = await request.post("/api/posts/1/reaction", { data: "x" });
  expect(write.status()).toBe(415);
  expectSecurityHeaders(write, "a write route");
  const report = await request.post(REPORT_PATH, { data: {} });
  expect(report.status()).toBe(204);
  expectSecurityHeaders(report, "the report endpoint");
  await member.context.close();
});

test("/login cannot be framed by another site", async ({ page, baseURL }) => {
  const login = `${baseURL}/login`;
  // Another site on this machine (another port: another origin). A page Playwright makes up would
  // count as a public one, which Chromium never lets frame a local address whatever the headers.
  const elsewhere = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(`<!doctype html><title>Framing</title><iframe name="victim" src="${login}"></iframe>`);
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
  try {
    const framed = page.waitForResponse((r) => r.url() === login);
    await page.goto(`http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/`);
    // The browser asked for the page and got it, with the headers that forbid showing it.
    const response = await framed;
    expect(response.status()).toBe(200);
    expect(response.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    const frame = page.frame({ name: "victim" })!;
    await page.waitForTimeout(500);
    await expect(frame.getByRole("heading", { name: "Sign in" })).toHaveCount(0);
    await expect(frame.getByLabel("Password")).toHaveCount(0);
  } finally {
    elsewhere.close();
  }
});

test("the pages run under the policy; injected scripts are blocked and reported", async ({
  page,
  baseURL,
}) => {
  // Collected from before the first script runs (an init script is not subject to the policy).
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { violations: string[] }).violations = seen;
    document.addEventListener("securitypolicyviolation", (e) =>
      seen.push(`${e.effectiveDirective} ${e.blockedURI}`),
    );
  });
  const violations = () =>
    page.evaluate(() => (window as unknown as { violations: string[] }).violations);
  const injected = () => page.evaluate(() => (window as unknown as { injected?: number }).injected);
  const reports: { directive: string; status: Promise<number | undefined> }[] = [];
  page.on("request", (r) => {
    if (r.method() !== "POST" || new URL(r.url()).pathname !== REPORT_PATH) return;
    reports.push({
      directive: (r.postDataJSON() as { "csp-report": Record<string, string> })["csp-report"][
        "effective-directive"
      ]!,
      status: r.response().then((response) => response?.status()),
    });
  });

  // The app itself breaks nothing: its scripts run and hydrate (they set data-personal) without a
  // single violation, on a cached guest page and on the sign-in form.
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("data-personal", "loaded");
  await page.goto("/forums/global-defence");
  await expect(page.locator("html")).toHaveAttribute("data-personal", "loaded");
  await page.goto("/login");
  await page.getByLabel("Username or email").fill("nobody-here");
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("do not match an account")).toBeVisible();
  expect(await violations()).toEqual([]);
  expect(reports).toEqual([]);

  // A script the server's HTML carries without the nonce, as a reflected injection would: the
  // answer keeps its own headers, only its HTML gains the script.
  await page.route(`${baseURL}/search?q=injected`, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(
      "</body>",
      "<script>window.injected = 1</script></body>",
    );
    await route.fulfill({ response, body: html });
  });
  await page.goto("/search?q=injected");
  await expect.poll(violations).toEqual(["script-src-elem inline"]);
  expect(await injected()).toBeUndefined();

  // Markup with an event handler, as a DOM injection would add it.
  await page.evaluate(() =>
    document.body.insertAdjacentHTML("beforeend", '<img src="data:," onerror="window.injected=2">'),
  );
  await expect.poll(violations).toEqual(["script-src-elem inline", "script-src-attr inline"]);
  expect(await injected()).toBeUndefined();

  // Both were reported to the endpoint, which took them.
  await expect
    .poll(() => reports.map((r) => r.directive))
    .toEqual(["script-src-elem", "script-src-attr"]);
  for (const report of reports) expect(await report.status).toBe(204);
});
