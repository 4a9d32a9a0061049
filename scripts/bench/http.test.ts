// What the bench counts as a first visit's scripts: on a page served by Next's runtime its chunks, on
// an islands page the bundle, its modulepreloads and what its modules import, each file once.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstVisitWeight, staticImports } from "./http";

const REACT = "__CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE";
const FILES: Record<string, string> = {
  "/threads/1-islands":
    '<!DOCTYPE html><html><head><link rel="stylesheet" href="/_next/static/chunks/app.css" nonce="n"/>' +
    '<link rel="modulepreload" href="/_next/static/islands/chunk-REACT.js" nonce="n"/>' +
    '<script type="module" src="/_next/static/islands/client-1.js" nonce="n"></script></head>' +
    '<body><script id="personal-scope" type="application/json">{}</script></body></html>',
  "/_next/static/islands/client-1.js":
    'import{a as e,b as t}from"./chunk-REACT.js";import"./chunk-SHARED.js";' +
    'var l=()=>import("./chunk-EDITOR.js");e(t,l);',
  "/_next/static/islands/chunk-REACT.js": `var a={${REACT}:{}};export{a,a as b};`,
  "/_next/static/islands/chunk-SHARED.js": 'import{a as r}from"./chunk-REACT.js";r.x=1;',
  "/_next/static/islands/chunk-EDITOR.js": "export const editor=1;",
  "/forums/news":
    '<html><head><link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/main.js"/>' +
    '<script src="/_next/static/chunks/main.js" async=""></script>' +
    '<script src="/_next/static/chunks/polyfill.js" noModule=""></script></head><body>' +
    "<script>(self.__next_f=self.__next_f||[]).push([0])</script></body></html>",
  "/_next/static/chunks/main.js": `self.x={${REACT}:1}`,
  "/_next/static/chunks/app.css": "body{margin:0}",
};

let server: http.Server;
let base: string;
const asked: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    asked.push(req.url!);
    const body = FILES[req.url!];
    res.writeHead(body === undefined ? 404 : 200).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("firstVisitWeight", () => {
  it("counts an islands page's bundle, its preloads and its static imports once each, not what it loads on demand", async () => {
    asked.length = 0;
    const { assets } = await firstVisitWeight(base, "/threads/1-islands");
    expect(assets.map((a) => [a.url, a.kind, a.react ?? false])).toEqual([
      ["/_next/static/chunks/app.css", "css", false],
      ["/_next/static/islands/chunk-REACT.js", "js", true],
      ["/_next/static/islands/client-1.js", "js", false],
      ["/_next/static/islands/chunk-SHARED.js", "js", false],
    ]);
    expect(asked.filter((url) => url.includes("chunk-REACT"))).toHaveLength(1);
    expect(asked).not.toContain("/_next/static/islands/chunk-EDITOR.js");
  });

  it("counts a Next page's chunk once, preloaded and loaded, and leaves out nomodule polyfills", async () => {
    const { assets } = await firstVisitWeight(base, "/forums/news");
    expect(assets.map((a) => [a.url, a.react ?? false])).toEqual([
      ["/_next/static/chunks/main.js", true],
    ]);
  });
});

describe("staticImports", () => {
  it("reads esbuild's leading imports, whatever their form, resolved against the module", () => {
    const source =
      '/* banner */\nimport{a as o,b as r}from"./chunk-A.js";import*as n from"../x/chunk-B.js";' +
      'import d from "./chunk-C.js";\nimport"./chunk-D.js";var i=import("./lazy.js");import"./not-leading.js";';
    expect(staticImports(source, "/_next/static/islands/client.js")).toEqual([
      "/_next/static/islands/chunk-A.js",
      "/_next/static/x/chunk-B.js",
      "/_next/static/islands/chunk-C.js",
      "/_next/static/islands/chunk-D.js",
    ]);
    expect(staticImports("var a=1;export{a};", "/_next/static/islands/c.js")).toEqual([]);
  });
});
