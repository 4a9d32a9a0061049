// Security headers on every kind of answer (issue 13), and the Content-Security-Policy at work in
// Chromium: Next's own scripts run (the page hydrates), an injected one does not and is reported.
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
  await page.route("http://elsewhere.test/", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><title>Framing</title><iframe name="victim" src="${login}"></iframe>`,
    }),
  );
  const framed = page.waitForResponse(login);
  await page.goto("http://elsewhere.test/");
  expect((await framed).headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  const frame = page.frame({ name: "victim" })!;
  await page.waitForTimeout(500);
  await expect(frame.getByRole("heading", { name: "Sign in" })).toHaveCount(0);
  await expect(frame.getByLabel("Password")).toHaveCount(0);
});

test("the pages run under the policy; an injected inline script is blocked and reported", async ({
  page,
}) => {
  // Collected from before the first script runs (an init script is not subject to the policy).
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { violations: string[] }).violations = seen;
    document.addEventListener("securitypolicyviolation", (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const violations = () =>
    page.evaluate(() => (window as unknown as { violations: string[] }).violations);

  // The app itself breaks nothing: the page hydrates (client navigation works) without a violation.
  await page.goto("/");
  // Set by the app's scripts once the personal answer is drawn: they ran, and React hydrated.
  await expect(page.locator("html")).toHaveAttribute("data-personal", "loaded");
  await page.goto("/forums/global-defence");
  await expect(page.locator("html")).toHaveAttribute("data-personal", "loaded");
  await page.goto("/login");
  await page.getByLabel("Username or email").fill("nobody-here");
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("do not match an account")).toBeVisible();
  expect(await violations()).toEqual([]);

  const reported = page.waitForRequest(
    (r) => r.method() === "POST" && new URL(r.url()).pathname === REPORT_PATH,
  );
  const ran = await page.evaluate(
    () =>
      new Promise<{ ran: boolean; directive: string }>((resolve) => {
        document.addEventListener(
          "securitypolicyviolation",
          (e) =>
            resolve({
              ran: (window as unknown as { injected?: boolean }).injected === true,
              directive: e.effectiveDirective,
            }),
          { once: true },
        );
        const script = document.createElement("script");
        script.textContent = "window.injected = true";
        document.body.appendChild(script);
      }),
  );
  expect(ran).toEqual({ ran: false, directive: "script-src-elem" });
  const report = await reported;
  expect(report.postDataJSON()["csp-report"]["effective-directive"]).toBe("script-src-elem");
  expect((await report.response())?.status()).toBe(204);
});
