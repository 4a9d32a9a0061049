// The islands version of real thread pages, as Next 16 (Turbopack) sent them for a guest, each trimmed
// to two posts and the first rows of its flight data: __fixtures__/thread-page.html with its client
// components wrapped as islands (app/_islands/island.tsx), thread-page-before-islands.html from
// before them (a bigger thread: flags, pagination).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MEMBER_HINT_SCRIPT } from "../lib/personal/member-hint-script";
import { COLOR_SCHEME_SCRIPT } from "../lib/theme/scheme-script";
import { islandsLinkHeader, islandsPage, islandsPageOrWhyNot } from "./islands-html";

const fixture = (name: string) =>
  readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");
const PAGE = fixture("thread-page.html");
/** The nonce it was rendered with. */
const NONCE = "B2nUzttjwtQrGTiTmdV1gQ";
const BEFORE = fixture("thread-page-before-islands.html");
const BEFORE_NONCE = "2ANlGA0l5XGElc08_ll1_w";
const TOGGLE = '<div role="group" aria-label="Colour scheme"';
/** The older page with one island, to show that its differences (image preloads…) are handled too. */
const BEFORE_WITH_ISLAND = BEFORE.replace(
  TOGGLE,
  `<parley-island data-c="ColorSchemeToggle" data-p="{}">${TOGGLE}`,
).replace("</span></button></div></div>", "</span></button></div></parley-island></div>");
const MANIFEST = {
  script: "/_next/static/islands/client-ABC123.js",
  preload: ["/_next/static/islands/chunk-REACT1.js", "/_next/static/islands/chunk-SHARED2.js"],
};

const tags = (html: string, name: string) =>
  [...html.matchAll(new RegExp(`<${name}\\b[^>]*>`, "g"))].map((m) => m[0]);
const head = (html: string) => html.slice(0, html.indexOf("</head>"));

describe("islandsPage on a real thread page", () => {
  const out = islandsPage(PAGE, MANIFEST, NONCE)!;

  it("is a page the fixture really describes", () => {
    expect(PAGE.match(/<parley-island /g)).toHaveLength(22);
    expect(PAGE).toContain("self.__next_f.push(");
    expect(tags(PAGE, "script").filter((t) => t.includes("/_next/static/chunks/"))).toHaveLength(
      11,
    );
    expect(out).not.toBeNull();
  });

  it("takes out Next's runtime: chunks, polyfills, script preloads, flight data, bootstrap", () => {
    expect(out).not.toContain("__next_f");
    expect(out).not.toContain("TURBOPACK");
    expect(out).not.toContain('id="_R_"');
    expect(out).not.toContain("noModule");
    expect(out).not.toMatch(/<script[^>]*\/_next\/static\/chunks\//);
    expect(tags(out, "link").filter((t) => /as="script"/.test(t))).toEqual([]);
    // Every script left is ours, the head's two, or data.
    expect(tags(out, "script")).toEqual([
      "<script>",
      "<script>",
      `<script type="module" src="${MANIFEST.script}" nonce="${NONCE}">`,
      '<script id="personal-scope" type="application/json">',
    ]);
  });

  it("puts the bundle in <head>, each tag with the page's nonce, preloads first", () => {
    const ours = `<link rel="modulepreload" href="${MANIFEST.preload[0]}" nonce="${NONCE}"/><link rel="modulepreload" href="${MANIFEST.preload[1]}" nonce="${NONCE}"/><script type="module" src="${MANIFEST.script}" nonce="${NONCE}"></script></head>`;
    expect(out).toContain(ours);
    expect(out.split(MANIFEST.script)).toHaveLength(2);
  });

  it("keeps the head scripts, the personal scope, the stylesheet and the markup as they were", () => {
    expect(head(out)).toContain(`<script>${MEMBER_HINT_SCRIPT}</script>`);
    expect(head(out)).toContain(`<script>${COLOR_SCHEME_SCRIPT}</script>`);
    expect(out).toMatch(
      /<script id="personal-scope" type="application\/json">\{"thread":4,"posts":\[[\d,]+\]\}<\/script>/,
    );
    const stylesheets = (html: string) =>
      tags(html, "link").filter((t) => t.includes('rel="stylesheet"'));
    expect(stylesheets(out)).toEqual(stylesheets(PAGE));
    expect(stylesheets(out)).toHaveLength(1);
    // The body, islands and all, up to Next's scripts at its end.
    const body = (html: string) =>
      html.slice(html.indexOf("<body"), html.indexOf('<script nonce="'));
    expect(out).toContain(body(PAGE));
    expect(out.endsWith("</footer></body></html>")).toBe(true);
  });

  it("does the same with the older page: its image preloads kept, its chunks gone", () => {
    const older = islandsPage(BEFORE_WITH_ISLAND, MANIFEST, BEFORE_NONCE)!;
    expect(tags(older, "link").filter((t) => t.includes('as="image"'))).toHaveLength(15);
    expect(older).not.toContain("__next_f");
    expect(older).not.toContain("/_next/static/chunks/3ubj2iwo0av4a.js");
    expect(tags(older, "script")).toHaveLength(4);
    expect(older).toContain(
      `<script type="module" src="${MANIFEST.script}" nonce="${BEFORE_NONCE}">`,
    );
  });

  it("carries no nonce attribute without a nonce (no Content-Security-Policy)", () => {
    const plain = islandsPage(PAGE, MANIFEST, undefined)!;
    expect(plain).toContain(`<script type="module" src="${MANIFEST.script}"></script>`);
    expect(plain).toContain(`<link rel="modulepreload" href="${MANIFEST.preload[0]}"/>`);
  });

  it("keeps JSON-LD and scripts from elsewhere, and drops a React expect link to the removed shell script", () => {
    const page = PAGE.replace(
      "</head>",
      '<link rel="expect" href="#_R_" blocking="render"/><script type="application/ld+json">{"@type":"DiscussionForumPosting"}</script><script src="https://example.org/widget.js" async=""></script></head>',
    );
    const result = islandsPage(page, MANIFEST, NONCE)!;
    expect(result).toContain('<script type="application/ld+json">');
    expect(result).toContain('<script src="https://example.org/widget.js" async="">');
    expect(result).not.toContain('rel="expect"');
  });
});

describe("islandsPage refuses a page that needs Next's runtime", () => {
  const refused = (html: string) => {
    const result = islandsPageOrWhyNot(html, MANIFEST, NONCE);
    expect(islandsPage(html, MANIFEST, NONCE)).toBeNull();
    return "refused" in result ? result.refused : "(not refused)";
  };
  /** The markup React streams for a Suspense boundary resolved after the shell. */
  const footer = '<footer class="mx-auto';
  const streamed = (what: string) => PAGE.replace(footer, `${what}${footer}`);

  it("a boundary still streaming: its fallback, its hidden segment and React's $RC", () => {
    const boundary =
      '<!--$?--><template id="B:0"></template><p>Loading…</p><!--/$-->' +
      '<div hidden id="S:0"><p>Late</p></div>' +
      `<script nonce="${NONCE}">$RB=[];$RV=function(a){};$RC=function(a,b){};$RC("B:0","S:0")</script>`;
    expect(refused(streamed(boundary))).toMatch(/pending/);
    expect(refused(streamed('<template id="B:1"></template>'))).toMatch(/placeholder/);
    expect(refused(streamed('<div hidden id="S:1"><p>Late</p></div>'))).toMatch(/segment/);
    expect(refused(streamed(`<script nonce="${NONCE}">$RC("B:0","S:0")</script>`))).toMatch(
      /streaming instructions/,
    );
    expect(refused(streamed(`<script nonce="${NONCE}">$RS("S:2","P:2")</script>`))).toMatch(
      /streaming instructions/,
    );
  });

  it("a boundary left to the client (a server error, a client-only part)", () => {
    expect(
      refused(
        streamed(
          '<!--$!--><template data-dgst="BAILOUT_TO_CLIENT_SIDE_RENDERING"></template><!--/$-->',
        ),
      ),
    ).toMatch(/left to the client/);
  });

  it("an inline script it does not know", () => {
    expect(
      refused(
        streamed(`<script nonce="${NONCE}">(self.__next_s=self.__next_s||[]).push([0])</script>`),
      ),
    ).toMatch(/does not know/);
    // A head script that is not exactly the layout's (allowed by its hash, so it must match).
    expect(refused(PAGE.replace(MEMBER_HINT_SCRIPT, `${MEMBER_HINT_SCRIPT};1`))).toMatch(
      /does not know/,
    );
  });

  it("no </head>, or no island on the page (nothing would come alive)", () => {
    expect(refused(PAGE.replace("</head>", ""))).toMatch(/<\/head>/);
    expect(refused(BEFORE)).toMatch(/parley-island/);
  });
});

describe("islandsLinkHeader", () => {
  it("drops Next's script preloads and keeps the rest", () => {
    const css = `</_next/static/chunks/0g032yq3ti8bc.css>; rel=preload; as="style"; nonce="${NONCE}"`;
    const chunk = `</_next/static/chunks/3ubj2iwo0av4a.js>; rel=preload; as="script"; fetchpriority="low"`;
    const image = '</flags/CI.svg>; rel=preload; as="image"';
    expect(islandsLinkHeader(css)).toBe(css);
    expect(islandsLinkHeader(`${css}, ${chunk}, ${image}`)).toBe(`${css}, ${image}`);
    expect(islandsLinkHeader(`</_next/static/chunks/a.js>; rel=modulepreload`)).toBeUndefined();
  });
});

describe("the metadata of a shared copy", () => {
  it("is never streamed: Next holds the page for it, whatever the browser (next.config.js)", async () => {
    // Streamed metadata is a Suspense boundary in <body>: a render whose generateMetadata came
    // after the rest of the page left it pending, which the islands version refuses above.
    const configFile = new URL("../next.config.js", import.meta.url).href;
    const { default: config } = (await import(configFile)) as {
      default: { htmlLimitedBots?: RegExp };
    };
    const { shouldServeStreamingMetadata } =
      (await import("next/dist/server/lib/streaming-metadata.js")) as {
        shouldServeStreamingMetadata: (ua: string, bots: string | undefined) => boolean;
      };
    const bots = config.htmlLimitedBots?.source;
    for (const browser of [
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36",
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
      "Mozilla/5.0 (Windows NT 10.0; rv:133.0) Gecko/20100101 Firefox/133.0",
    ])
      expect(shouldServeStreamingMetadata(browser, bots)).toBe(false);
  });
});
