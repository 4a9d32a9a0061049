// Plain HTTP requests over loopback that keep the bytes as they came (compressed or not): the ceiling
// page, the warm-up and probe requests, and the weight of a first visit.
import http from "node:http";
import { gzipSync } from "node:zlib";
import type { LoadRequest } from "./load";

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: options.method ?? "GET", headers: options.headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.setTimeout(60_000, () => request.destroy(new Error(`${url} timed out`)));
    request.end(options.body);
  });
}

export function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return rawRequest(url, { headers });
}

/** Sends one of a scenario's requests once, as the load sends it (built anew when it builds), and
 * says what is wrong with the answer, if anything. */
export async function sendOnce(
  base: string,
  request: LoadRequest,
  expect: number[],
): Promise<string | null> {
  const built = request.build ? { ...request, ...request.build() } : request;
  const headers = { ...request.headers, ...built.headers };
  const response = await rawRequest(base + built.path, {
    method: request.method,
    headers,
    body: built.body,
  });
  if (!expect.includes(response.status)) return `${built.path} answered ${response.status}`;
  return request.check?.(response.status, response.body.toString("utf8")) ?? null;
}

export interface AssetWeight {
  url: string;
  kind: "js" | "css";
  bytes: number;
  gzipBytes: number;
  /** Holds React or ReactDOM (so counts as runtime: write-report.ts), told by REACT_MARK. */
  react?: boolean;
}

/** The property through which React and ReactDOM share their internals: in both packages' builds
 * (react, react-dom, react-dom/client), minified or not, and in no code of ours. */
const REACT_MARK = "__CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE";

/** The static imports of an ES module, which esbuild writes first in its output
 * (`import{a as b}from"./chunk-X.js";import"./y.js";`), resolved against the module's address. Dynamic
 * imports (`import("./z.js")`, loaded on demand) are not among them. */
export function staticImports(source: string, url: string): string[] {
  const found: string[] = [];
  const lead = /(?:\s+|\/\*[\s\S]*?\*\/|\/\/[^\n]*\n)*/y;
  const statement = /import\s*(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"']+)["']\s*;?/y;
  for (let at = 0; ;) {
    lead.lastIndex = at;
    lead.exec(source);
    statement.lastIndex = lead.lastIndex;
    const match = statement.exec(source);
    if (!match) return found;
    found.push(new URL(match[1]!, new URL(url, "http://page")).pathname);
    at = statement.lastIndex;
  }
}

/** The JavaScript and CSS a first visit to a page downloads: every <script src> but nomodule ones,
 * every script preload and modulepreload, what ES modules among them import statically (the islands
 * bundle's chunks: each is counted once, preloaded or not), and every stylesheet, under
 * /_next/static. Each file is gzipped here (level 6, as the server's compression does by default), so
 * the figure does not depend on what the server negotiated. */
export async function firstVisitWeight(
  base: string,
  path: string,
  cookie?: string,
): Promise<{ html: { bytes: number; gzipBytes: number }; assets: AssetWeight[] }> {
  const page = await rawGet(base + path, cookie ? { cookie } : {});
  if (page.status !== 200) throw new Error(`GET ${path} answered ${page.status}`);
  const html = page.body.toString("utf8");
  const found = new Map<string, { kind: "js" | "css"; module: boolean }>();
  const add = (url: string, kind: "js" | "css", module = false) => {
    const known = found.get(url);
    if (known) known.module ||= module;
    else found.set(url, { kind, module });
  };
  for (const tag of html.matchAll(/<(script|link)\b[^>]*>/g)) {
    const text = tag[0];
    const src = /\b(?:src|href)="([^"]+)"/.exec(text)?.[1]?.replace(/&amp;/g, "&");
    if (!src || !src.startsWith("/_next/static/")) continue;
    // <script nomodule> (Next's legacy polyfills) is skipped by every browser that runs modules.
    if (tag[1] === "script" && /\bnomodule\b/i.test(text)) continue;
    if (tag[1] === "script") add(src, "js", /\btype="module"/.test(text));
    else if (
      /\brel="stylesheet"/.test(text) ||
      (/\brel="preload"/.test(text) && /\bas="style"/.test(text))
    )
      add(src, "css");
    else if (/\brel="modulepreload"/.test(text)) add(src, "js", true);
    else if (/\brel="preload"/.test(text) && /\bas="script"/.test(text)) add(src, "js");
  }
  const assets: AssetWeight[] = [];
  // Insertion order: the imports a module adds are fetched after the files the page names.
  for (const [url, { kind, module }] of found) {
    const asset = await rawGet(base + url);
    if (asset.status !== 200) throw new Error(`GET ${url} answered ${asset.status}`);
    const text = kind === "js" ? asset.body.toString("utf8") : "";
    if (module)
      for (const imported of staticImports(text, url))
        if (imported.startsWith("/_next/static/")) add(imported, "js", true);
    assets.push({
      url,
      kind,
      bytes: asset.body.length,
      gzipBytes: gzipSync(asset.body, { level: 6 }).length,
      ...(kind === "js" && text.includes(REACT_MARK) ? { react: true } : {}),
    });
  }
  return {
    html: { bytes: page.body.length, gzipBytes: gzipSync(page.body, { level: 6 }).length },
    assets,
  };
}
