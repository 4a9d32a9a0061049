import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { withSafeCallbackUrl } from "./auth-request";

const base = "http://forum.test";

describe("withSafeCallbackUrl", () => {
  it.each([
    "javascript:alert(1)",
    "http://[",
    "//evil.example",
    "/\t/evil.example",
    "https://evil.example/",
  ])("replaces the callbackUrl %j with the site's home", (target) => {
    const request = new NextRequest(
      `${base}/api/auth/signin?${new URLSearchParams({ callbackUrl: target })}`,
    );
    expect(new URL(withSafeCallbackUrl(request).url).searchParams.get("callbackUrl")).toBe(base);
  });

  it("replaces a hostile callback-url cookie and keeps the others", () => {
    const request = new NextRequest(`${base}/api/auth/signin`, {
      headers: { cookie: "a=1; authjs.callback-url=javascript%3Aalert(1); b=2" },
    });
    expect(withSafeCallbackUrl(request).headers.get("cookie")).toBe(
      `a=1; authjs.callback-url=${encodeURIComponent(base)}; b=2`,
    );
  });

  it("passes a request with this site's callbackUrl through untouched, body included", async () => {
    const good = new NextRequest(
      `${base}/api/auth/signin?callbackUrl=${encodeURIComponent(`${base}/watched`)}`,
    );
    expect(withSafeCallbackUrl(good)).toBe(good);
    const post = new NextRequest(`${base}/api/auth/signin/github?callbackUrl=javascript:x`, {
      method: "POST",
      body: "csrfToken=abc",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    const copy = withSafeCallbackUrl(post);
    expect(copy.method).toBe("POST");
    expect(await copy.text()).toBe("csrfToken=abc");
  });
});
