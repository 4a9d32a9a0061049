// The islands version of a shared reading page (server/guest-page-cache.ts): Next's HTML with Next's
// client runtime taken out and the islands bundle (app/_islands/client.tsx, built by
// scripts/build-islands.ts) put in. The page's markup is left exactly as Next rendered it, so the
// islands hydrate the same HTML Next's runtime would have.
//
// It is a string transform of Next's own output, which is regular: React writes every attribute in
// double quotes with `<`, `>` and `"` escaped, and escapes `</script` inside inline scripts, so a
// `<script …>…</script>` or `<link …>` is found by a plain regular expression (post bodies are
// sanitized HTML, which carries no script and no comment). What it removes, by what Next writes
// (Next 16, Turbopack, React 19):
// - every `<script src>` under /_next/static/: the chunks (`async`) and the polyfills (`noModule`);
// - every script preload under /_next/static/ (`<link rel="preload" as="script">`, `rel="modulepreload"`);
// - the flight data: `(self.__next_f=self.__next_f||[]).push([0])` and each `self.__next_f.push([…])`;
// - the bootstrap: `<script id="_R_">(globalThis["TURBOPACK"] || …).push({…})` (React marks the
//   script that ends the shell `id="_R_"`, with the page's identifierPrefix if any), and a
//   `<link rel="expect">` pointing at it if React wrote one.
// What it keeps: stylesheets and every other link, the two head scripts of app/layout.tsx (allowed
// by their hashes in the Content-Security-Policy, matched here by their exact text) and data scripts
// (`type="application/json"` such as `<script id="personal-scope">`, `application/ld+json`).
//
// A page it cannot make whole without Next's runtime is refused (null: Next's page is served as it
// is): a Suspense boundary still streaming (`<!--$?-->`, `<template id="B:…">`, `<div hidden
// id="S:…">` and React's `$RC`/`$RS`/`$RR`/`$RX` scripts that move it into place) or left to the
// client (`<!--$!-->`, a server error or a client-only part), any inline script it does not know (it
// could be one of those, or Next's), no `</head>` to put the bundle in, or no `<parley-island>` (no
// client component of the page would come alive).
import { readFileSync } from "node:fs";
import { MEMBER_HINT_SCRIPT } from "../lib/personal/member-hint-script";
import { COLOR_SCHEME_SCRIPT } from "../lib/theme/scheme-script";

/** What scripts/build-islands.ts writes to `<distDir>/islands-manifest.json`: the entry's address
 * and its static imports (the whole closure, for modulepreload), all under /_next/static/islands/. */
export interface IslandsManifest {
  /** The entry script, to load as `<script type="module">`. */
  script: string;
  /** The chunks the entry imports statically (without the entry): `<link rel="modulepreload">`. */
  preload: string[];
}

/** The islands build's manifest, or null (not built, or not one this server understands: said once
 * in the log by the caller's one read). */
export function readIslandsManifest(file: string): IslandsManifest | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    console.warn(
      `guest page cache: no islands build (${file}: ${(error as Error).message}); reading pages keep Next's runtime`,
    );
    return null;
  }
  const { script, preload } = (parsed ?? {}) as Partial<IslandsManifest>;
  const ours = (url: unknown) => typeof url === "string" && url.startsWith("/_next/static/");
  if (ours(script) && Array.isArray(preload) && preload.every(ours))
    return { script: script!, preload };
  console.warn(
    `guest page cache: ${file} is not an islands manifest; reading pages keep Next's runtime`,
  );
  return null;
}

/** The inline scripts app/layout.tsx puts in <head>, which run before the first paint. */
const HEAD_SCRIPTS = new Set([MEMBER_HINT_SCRIPT, COLOR_SCHEME_SCRIPT]);

/** Markers of work React left for its inline runtime: a boundary still pending (its fallback shown,
 * its content streamed later in a hidden segment), or one the client must render. */
const UNFINISHED: [RegExp, string][] = [
  [/<!--\$\?-->/, "a Suspense boundary still pending (<!--$?-->)"],
  [/<!--\$!-->/, "a Suspense boundary left to the client (<!--$!-->)"],
  [/<template id="[^"]*[BP]:/, 'a streamed boundary\'s placeholder (<template id="B:…">)'],
  [/ id="[^"]*S:[0-9a-f]+"/, 'a streamed segment (<div hidden id="S:…">)'],
];

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/g;
const LINK = /<link\b[^>]*>/g;
const ATTRIBUTE = /([^\s"'=<>/]+)(?:="([^"]*)")?/g;

function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const [, name, value] of tag.matchAll(ATTRIBUTE))
    found.set(name!.toLowerCase(), (value ?? "").replaceAll("&amp;", "&"));
  return found;
}

const fromNext = (url: string | undefined) => url !== undefined && url.includes("/_next/static/");

/** React's streaming instructions ($RC, $RS, $RR, $RX, $RB, $RV, $RM, and $RT, which the script
 * ending the shell sets when it leaves boundaries pending). */
const STREAMING = /^(?:\$R[A-Z]|requestAnimationFrame\(function\(\)\{\$RT)/;
/** Next's flight data: the queue's creation, then each piece of the payload. */
const FLIGHT = /^\(self\.__next_f=self\.__next_f\|\|\[\]\)\.push\(|^self\.__next_f\.push\(/;
/** Next's bootstrap (Turbopack's chunk list), which React marks as the end of the shell. */
const BOOTSTRAP = /^\(globalThis\["TURBOPACK"\]/;
/** The id React gives the script that ends the shell (its identifierPrefix, then `R_`). */
const SHELL_ID = /^_.*R_$/;
/** Data, not code: JSON of any kind (`application/json`, `application/ld+json`). */
const DATA_TYPE = /^application\/(?:[\w.-]+\+)?json$/i;

const escapeAttribute = (value: string) =>
  value.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");

/** The tags that load the islands bundle, each carrying the page's nonce. */
export function islandsTags(manifest: IslandsManifest, nonce: string | undefined): string {
  const nonceAttribute = nonce === undefined ? "" : ` nonce="${escapeAttribute(nonce)}"`;
  return [
    ...manifest.preload.map(
      (href) => `<link rel="modulepreload" href="${escapeAttribute(href)}"${nonceAttribute}/>`,
    ),
    `<script type="module" src="${escapeAttribute(manifest.script)}"${nonceAttribute}></script>`,
  ].join("");
}

/** The islands version of the page, or why there is none (Next's page must then be served). */
export function islandsPageOrWhyNot(
  html: string,
  manifest: IslandsManifest,
  nonce: string | undefined,
): { html: string } | { refused: string } {
  if (!html.includes("</head>")) return { refused: "no </head>" };
  if (!html.includes("<parley-island")) return { refused: "no <parley-island> on the page" };
  for (const [marker, what] of UNFINISHED) if (marker.test(html)) return { refused: what };

  let refused: string | null = null;
  const removedIds = new Set<string>();
  let page = html.replace(SCRIPT, (tag, attributeText: string, content: string) => {
    const attrs = attributes(attributeText);
    const src = attrs.get("src");
    const id = attrs.get("id");
    if (src !== undefined) {
      if (!fromNext(src)) return tag;
      // Without bootstrap content (webpack), React marks the first bootstrap script `_R_`.
      if (id !== undefined) removedIds.add(id);
      return "";
    }
    const type = attrs.get("type");
    if (type !== undefined && DATA_TYPE.test(type)) return tag;
    if (STREAMING.test(content)) {
      refused ??= `React's streaming instructions (${content.slice(0, 40)}…)`;
      return tag;
    }
    if (
      FLIGHT.test(content) ||
      BOOTSTRAP.test(content) ||
      (id !== undefined && SHELL_ID.test(id))
    ) {
      if (id !== undefined) removedIds.add(id);
      return "";
    }
    if ((type === undefined || type === "") && HEAD_SCRIPTS.has(content)) return tag;
    refused ??= `an inline script it does not know (${content.slice(0, 40)}…)`;
    return tag;
  });
  if (refused !== null) return { refused };

  page = page.replace(LINK, (tag) => {
    const attrs = attributes(tag.slice(5));
    const rel = attrs.get("rel")?.toLowerCase().split(/\s+/) ?? [];
    const href = attrs.get("href");
    const scriptPreload =
      rel.includes("modulepreload") || (rel.includes("preload") && attrs.get("as") === "script");
    if (scriptPreload && fromNext(href)) return "";
    if (rel.includes("expect") && href?.startsWith("#") && removedIds.has(href.slice(1))) return "";
    return tag;
  });

  const headEnd = page.indexOf("</head>");
  return {
    html: page.slice(0, headEnd) + islandsTags(manifest, nonce) + page.slice(headEnd),
  };
}

/** The Link header of the islands version: Next's, without preloads of its scripts (only those of
 * its stylesheets are there today), or undefined when nothing is left. */
export function islandsLinkHeader(value: string): string | undefined {
  const kept = value.split(/,\s*(?=<)/).filter((link) => {
    const url = /^<([^>]*)>/.exec(link)?.[1];
    const script =
      /;\s*rel="?modulepreload"?/i.test(link) ||
      (/;\s*rel="?preload"?/i.test(link) && /;\s*as="?script"?/i.test(link));
    return !(script && fromNext(url));
  });
  return kept.length > 0 ? kept.join(", ") : undefined;
}

/** The islands version of a shared reading page's HTML (Next's, as rendered with `nonce`), or null
 * when it is not safe to serve without Next's runtime. */
export function islandsPage(
  html: string,
  manifest: IslandsManifest,
  nonce: string | undefined,
): string | null {
  const result = islandsPageOrWhyNot(html, manifest, nonce);
  return "html" in result ? result.html : null;
}
