// Redirect targets from a request never leave the site (issue 13): checked over HTTP, redirects
// not followed, as a browser would read each Location header.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { memberInOwnBrowser } from "./fixtures";

const HOSTILE = [
  "/%09/evil.example",
  "/%0A/evil.example",
  "/%0D/evil.example",
  "/%0D%0ASet-Cookie:%20x=1",
  "%2F%2Fevil.example",
  "//evil.example",
  "/%5Cevil.example",
  "%5C%5Cevil.example",
  "/.//evil.example",
  "https://evil.example/",
  "javascript:alert(1)",
  "http://[",
  "%00",
];

/** Where a browser on `origin` would go for this answer's Location (null: no redirect). */
function landing(location: string | undefined, origin: string): URL | null {
  if (location === undefined) return null;
  // What a browser does first: drop tabs and newlines, read "\" as "/".
  return new URL(location.replace(/[\t\n\r]/g, "").replace(/\\/g, "/"), origin);
}

async function expectStaysOnSite(request: APIRequestContext, url: string, origin: string) {
  const response = await request.get(url, { maxRedirects: 0 });
  expect(response.status(), url).toBeLessThan(500);
  const location = response.headers()["location"];
  if (location !== undefined) {
    expect(location, url).not.toMatch(/[\u0000-\u001f\\]/);
    const target = landing(location, origin)!;
    expect(target.origin, url).toBe(origin);
    // Auth.js passes the target on to the sign-in page: that one must stay on the site too.
    const next = target.searchParams.get("callbackUrl");
    // (Next hands Auth.js its own address as localhost when it listens on 127.0.0.1.)
    if (next !== null)
      expect([origin, origin.replace("127.0.0.1", "localhost")], url).toContain(
        new URL(next, origin).origin,
      );
  }
  return response;
}

test("a signed-in member's /login?callbackUrl=… redirect stays on the site", async ({
  browser,
  baseURL,
}) => {
  const origin = new URL(baseURL!).origin;
  const member = await memberInOwnBrowser(browser, "redirect");
  const request = member.page.request;
  for (const target of HOSTILE) {
    const response = await expectStaysOnSite(request, `/login?callbackUrl=${target}`, origin);
    expect(response.status(), target).toBe(307);
    expect(response.headers()["location"], target).toBe("/");
  }
  // A target on the site is kept.
  const kept = await expectStaysOnSite(request, "/login?callbackUrl=%2Fwatched%3Fpage%3D2", origin);
  expect(kept.headers()["location"]).toBe("/watched?page=2");
  await member.context.close();
});

test("guests' /login and Auth.js's own routes answer hostile callbackUrls without a 500", async ({
  request,
  baseURL,
}) => {
  const origin = new URL(baseURL!).origin;
  for (const target of HOSTILE) {
    const login = await expectStaysOnSite(request, `/login?callbackUrl=${target}`, origin);
    expect(login.status(), target).toBe(200);
    // The form posts back only a target on the site.
    const kept = /name="callbackUrl" value="([^"]*)"/.exec(await login.text());
    expect(kept?.[1], target).toBe("/");
    await expectStaysOnSite(request, `/api/auth/signin?callbackUrl=${target}`, origin);
    await expectStaysOnSite(request, `/api/auth/signout?callbackUrl=${target}`, origin);
  }
});
