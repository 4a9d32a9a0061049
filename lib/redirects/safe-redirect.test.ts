import { describe, expect, it } from "vitest";
import { safeAuthRedirect, safeRedirect } from "./safe-redirect";

// Targets that must never leave the site: each reads as another host, a script, or something a
// browser rewrites (tabs and newlines dropped, "\" read as "/") in a Location header.
const HOSTILE = [
  "//evil.example",
  "///evil.example",
  "////evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r/evil.example",
  "/\r\nSet-Cookie: x=1",
  "\t//evil.example",
  " //evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/\\/evil.example",
  "/\u0000/evil.example",
  "/\u007f/evil.example",
  "/\u0085/evil.example",
  "/.//evil.example",
  "/./\t/evil.example",
  "/a/..//evil.example",
  "https://evil.example",
  "http://evil.example/path",
  "HTTPS://evil.example",
  "https:evil.example",
  "http://[",
  "http://parley.invalid@evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  " javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "evil.example",
  "",
  "/" + "a".repeat(2001),
  "%2F%2Fevil.example",
];

describe("safeRedirect", () => {
  it.each(HOSTILE)("refuses %j", (target) => {
    expect(safeRedirect(target)).toBe("/");
    expect(safeRedirect(target, "/account")).toBe("/account");
  });

  it("refuses anything that is not a string", () => {
    for (const value of [null, undefined, 1, ["/a"], { toString: () => "/a" }, new File([], "x")])
      expect(safeRedirect(value)).toBe("/");
  });

  it("keeps this site's paths, queries and fragments", () => {
    expect(safeRedirect("/")).toBe("/");
    expect(safeRedirect("/threads/1-a?page=2#post-3")).toBe("/threads/1-a?page=2#post-3");
    expect(safeRedirect("/login?callbackUrl=%2Fwatched")).toBe("/login?callbackUrl=%2Fwatched");
    // An encoded tab is a literal "%09" in the path: the browser does not decode it.
    expect(safeRedirect("/%09/evil.example")).toBe("/%09/evil.example");
  });

  it("answers ASCII, so the Location header is always valid", () => {
    expect(safeRedirect("/members/1-zoë")).toBe("/members/1-zo%C3%AB");
    expect(safeRedirect("/a b")).toBe("/a%20b");
    expect(safeRedirect("/search?q=\u2028x")).toMatch(/^[\x21-\x7e]+$/);
  });
});

describe("safeAuthRedirect (Auth.js callbacks.redirect)", () => {
  const baseUrl = "http://forum.test:3000";

  it.each(HOSTILE)("sends %j home", (url) => {
    expect(safeAuthRedirect({ url, baseUrl })).toBe(baseUrl);
  });

  it("refuses another origin, even one that only looks alike", () => {
    for (const url of [
      "http://forum.test:3001/",
      "https://forum.test:3000/",
      "http://forum.test.evil.example:3000/",
      "http://forum.test:3000@evil.example/",
      "http://forum.test:3000/\t/x",
    ])
      expect(safeAuthRedirect({ url, baseUrl })).toBe(baseUrl);
  });

  it("keeps this site's paths and absolute URLs, as absolute URLs", () => {
    expect(safeAuthRedirect({ url: "/account?saved=password", baseUrl })).toBe(
      `${baseUrl}/account?saved=password`,
    );
    expect(safeAuthRedirect({ url: `${baseUrl}/watched`, baseUrl })).toBe(`${baseUrl}/watched`);
    expect(safeAuthRedirect({ url: baseUrl, baseUrl })).toBe(`${baseUrl}/`);
  });
});
