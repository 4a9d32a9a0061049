// The islands bundle (app/_islands/client.tsx and what it imports), built with esbuild after `next
// build` (scripts/build-if-stale.ts) into the same dist dir: the browser script of the pages served
// without Next's client runtime (see app/_islands/island.tsx). Next serves it from
// /_next/static/islands/; <distDir>/islands-manifest.json names the entry and the chunks it imports
// statically (the page preloads those), e.g.
//   { "script": "/_next/static/islands/client-HASH.js", "preload": ["/_next/static/islands/chunk-HASH.js"] }
//
// What changes against Next's own client build:
// - next/link, next/navigation and next/dynamic are small shims (app/_islands/shims/): no client
//   router, every navigation is a page load. Any other `next/…` import, and `server-only`, fails
//   the build.
// - Every "use server" module becomes stubs that call the action by its id, read from the Next
//   build's server/server-reference-manifest.json (app/_islands/shims/server-reference.ts).
// - React is Next's vendored copy (next/dist/compiled/react*), the one that rendered the HTML the
//   islands hydrate and the one Next's Flight client is built for; one copy for every import.
//
// Run alone: `npx tsx scripts/build-islands.ts` (into NEXT_DIST_DIR, after a `next build` there).
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Metafile, type Plugin } from "esbuild";
import type { IslandsManifest } from "../server/islands-html";

export const ISLANDS_ENTRY = "app/_islands/client.tsx";
/** Only there to put React in a chunk of its own (see the file). */
const REACT_ENTRY = "app/_islands/react-runtime.ts";
const SHIMS = "app/_islands/shims";
/** Where Next serves `<distDir>/static/`. */
const PUBLIC_PREFIX = "/_next/static/islands/";

interface ActionEntry {
  filename?: string;
  exportedName?: string;
  workers?: Record<string, { filename?: string; exportedName?: string }>;
}
type ActionManifest = Partial<Record<"node" | "edge", Record<string, ActionEntry>>>;

/** Action ids by "<file relative to the project>#<export>", from Next's server-reference-manifest. */
export function actionIds(manifest: ActionManifest): Map<string, string> {
  const ids = new Map<string, string>();
  for (const runtime of [manifest.node, manifest.edge])
    for (const [id, entry] of Object.entries(runtime ?? {}))
      for (const described of [entry, ...Object.values(entry.workers ?? {})])
        if (described.filename && described.exportedName)
          ids.set(`${described.filename}#${described.exportedName}`, id);
  return ids;
}

/** The module that replaces a "use server" file: one stub per export, or an error naming every
 * export the manifest has no id for (the Next build and the sources disagree). */
export function stubModule(
  file: string,
  exportNames: string[],
  ids: Map<string, string>,
  runtime: string,
): string {
  const missing = exportNames.filter((name) => !ids.has(`${file}#${name}`));
  if (missing.length > 0)
    throw new Error(
      `No server action id for ${missing.map((name) => `${file}#${name}`).join(", ")} in the Next ` +
        "build's server-reference-manifest.json: build the islands right after `next build`.",
    );
  const lines = [`import { serverReference } from ${JSON.stringify(runtime)};`];
  for (const name of exportNames) {
    const stub = `/* @__PURE__ */ serverReference(${JSON.stringify(ids.get(`${file}#${name}`))})`;
    lines.push(name === "default" ? `export default ${stub};` : `export const ${name} = ${stub};`);
  }
  return lines.join("\n") + "\n";
}

/** A "use server" directive opens the module (after comments and blank lines). */
export function isServerModule(source: string): boolean {
  return /^(?:\s|\/\/[^\n]*\n|\/\*(?:[^*]|\*(?!\/))*\*\/)*(["'])use server\1/.test(source);
}

/** A module's export names as esbuild sees them (types dropped, re-exports included). */
async function exportNames(file: string, contents: string): Promise<string[]> {
  const result = await build({
    stdin: { contents, sourcefile: file, loader: file.endsWith("x") ? "tsx" : "ts" },
    format: "esm",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  return Object.values(result.metafile.outputs).flatMap((output) => output.exports);
}

/** esbuild plugin: "use server" modules of the project become stubs (see stubModule). */
export function serverActionStubs(root: string, manifestFile: string): Plugin {
  return {
    name: "server-action-stubs",
    setup(build) {
      let ids: Map<string, string> | undefined;
      build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const source = readFileSync(args.path, "utf8");
        if (!isServerModule(source)) return undefined;
        ids ??= actionIds(JSON.parse(readFileSync(manifestFile, "utf8")) as ActionManifest);
        const file = path.relative(root, args.path).split(path.sep).join("/");
        const runtime = path.join(root, SHIMS, "server-reference.ts");
        return {
          contents: stubModule(file, await exportNames(file, source), ids, runtime),
          loader: "js",
          resolveDir: path.dirname(args.path),
        };
      });
    },
  };
}

/** next/* imports go to the shims; one the islands have no shim for fails the build, as does
 * `server-only` (it throws in the browser). Next's vendored and shared modules resolve as usual. */
function nextShims(root: string): Plugin {
  const shims: Record<string, string> = {
    "next/link": "next-link.tsx",
    "next/navigation": "next-navigation.ts",
    "next/dynamic": "next-dynamic.tsx",
  };
  return {
    name: "next-shims",
    setup(build) {
      build.onResolve({ filter: /^(next|server-only)(\/|$)/ }, (args) => {
        const shim = shims[args.path.replace(/\.js$/, "")];
        if (shim) return { path: path.join(root, SHIMS, shim) };
        if (/^next\/dist\/(compiled|shared)\//.test(args.path)) return undefined;
        return {
          errors: [
            {
              text: `"${args.path}" cannot run in the islands bundle (no shim in ${SHIMS}/): imported by ${path.relative(root, args.importer)}`,
            },
          ],
        };
      });
    },
  };
}

/** An output and every output it imports statically, the output first: what loading it fetches. */
export function staticClosure(metafile: Metafile, output: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of metafile.outputs[file]?.imports ?? [])
      if (imported.kind === "import-statement" && !imported.external) visit(imported.path);
  };
  visit(output);
  return [...seen];
}

const gzipBytes = (file: string) => gzipSync(readFileSync(file)).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function buildIslands(
  options: { root?: string; distDir?: string; log?: (line: string) => void } = {},
): Promise<IslandsManifest & { firstVisitGzipBytes: number; metafile: Metafile }> {
  const root = path.resolve(options.root ?? process.cwd());
  const distDir = options.distDir ?? (process.env.NEXT_DIST_DIR || ".next");
  const log = options.log ?? console.log;
  const manifestFile = path.join(root, distDir, "server", "server-reference-manifest.json");
  if (!existsSync(manifestFile))
    throw new Error(`${manifestFile} is missing: the islands are built after \`next build\`.`);
  const outdir = path.join(root, distDir, "static", "islands");
  const manifestOut = path.join(root, distDir, "islands-manifest.json");
  // No manifest while the bundle is missing or half written: the server then keeps Next's runtime.
  rmSync(manifestOut, { force: true });
  rmSync(outdir, { recursive: true, force: true });

  const vendored = (name: string) => path.join(root, "node_modules/next/dist/compiled", name);
  const result = await build({
    absWorkingDir: root,
    entryPoints: [path.join(root, ISLANDS_ENTRY), path.join(root, REACT_ENTRY)],
    outdir,
    entryNames: "[name]-[hash]",
    chunkNames: "chunk-[hash]",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    jsx: "automatic",
    tsconfig: path.join(root, "tsconfig.json"),
    define: { "process.env.NODE_ENV": '"production"' },
    alias: {
      react: vendored("react"),
      "react-dom": vendored("react-dom"),
      scheduler: vendored("scheduler"),
    },
    plugins: [nextShims(root), serverActionStubs(root, manifestFile)],
    legalComments: "none",
    metafile: true,
    logLevel: "warning",
  });

  const outputs = result.metafile.outputs;
  const entry = Object.keys(outputs).find((file) => outputs[file]?.entryPoint === ISLANDS_ENTRY);
  if (!entry) throw new Error(`esbuild wrote no output for ${ISLANDS_ENTRY}`);
  for (const file of Object.keys(outputs))
    if (readFileSync(path.join(root, file), "utf8").includes("process.env"))
      throw new Error(`${file} reads process.env, which the browser does not have`);
  const closure = staticClosure(result.metafile, entry);
  const url = (file: string) => PUBLIC_PREFIX + path.basename(file);
  const manifest: IslandsManifest = { script: url(entry), preload: closure.slice(1).map(url) };
  writeFileSync(manifestOut, JSON.stringify(manifest, null, 2) + "\n");

  const firstVisit = closure.reduce((sum, file) => sum + gzipBytes(path.join(root, file)), 0);
  const lazy = Object.keys(outputs).filter(
    (file) => file.endsWith(".js") && !closure.includes(file),
  );
  const lazyBytes = lazy.reduce((sum, file) => sum + gzipBytes(path.join(root, file)), 0);
  log(
    `Islands bundle: first visit ${kb(firstVisit)} gzip (${closure.length} files), ` +
      `${lazy.length} lazy chunks ${kb(lazyBytes)} gzip, in ${path.relative(root, outdir)}/`,
  );
  return { ...manifest, firstVisitGzipBytes: firstVisit, metafile: result.metafile };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  buildIslands().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
