// The islands build's own pieces, without a Next build: the server-action stubs against a fixture
// manifest (through esbuild, as the real build runs them), the directive check, the static-import
// closure the manifest lists, and the action client's choice of arguments to send.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { build, type Metafile } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { formatUrl as nextFormatUrl } from "next/dist/shared/lib/router/utils/format-url";
import { usedArgs } from "@/app/_islands/shims/action-client";
import { formatUrl } from "@/app/_islands/shims/next-link";
import {
  actionIds,
  isServerModule,
  serverActionStubs,
  staticClosure,
  stubModule,
} from "./build-islands";

const ID_SAVE = "7f" + "a".repeat(40);
const ID_DROP = "60" + "b".repeat(40);
const ID_DEFAULT = "40" + "c".repeat(40);
const manifest = {
  node: {
    [ID_SAVE]: { workers: {}, filename: "app/things/actions.ts", exportedName: "saveThing" },
    [ID_DROP]: { workers: {}, filename: "app/things/actions.ts", exportedName: "dropThing" },
    [ID_DEFAULT]: { workers: {}, filename: "app/other/actions.ts", exportedName: "default" },
  },
};

describe("stubModule", () => {
  const ids = actionIds(manifest);

  it("exports one stub per action, by the id the manifest gives its file and name", () => {
    const source = stubModule("app/things/actions.ts", ["saveThing", "dropThing"], ids, "/rt.ts");
    expect(source).toBe(
      `import { serverReference } from "/rt.ts";\n` +
        `export const saveThing = /* @__PURE__ */ serverReference("${ID_SAVE}");\n` +
        `export const dropThing = /* @__PURE__ */ serverReference("${ID_DROP}");\n`,
    );
    expect(stubModule("app/other/actions.ts", ["default"], ids, "/rt.ts")).toContain(
      `export default /* @__PURE__ */ serverReference("${ID_DEFAULT}");`,
    );
  });

  it("fails naming every export the manifest has no id for", () => {
    expect(() =>
      stubModule("app/things/actions.ts", ["saveThing", "newThing", "oldThing"], ids, "/rt.ts"),
    ).toThrow(/app\/things\/actions\.ts#newThing, app\/things\/actions\.ts#oldThing/);
  });

  it("also finds ids described per worker (older manifests)", () => {
    const older = {
      node: { abc: { workers: { "app/page": { filename: "a.ts", exportedName: "x" } } } },
    };
    expect(actionIds(older).get("a.ts#x")).toBe("abc");
  });
});

describe("isServerModule", () => {
  it("sees the directive after comments, not elsewhere", () => {
    expect(isServerModule('"use server";\nexport async function a() {}')).toBe(true);
    expect(isServerModule("// Saving.\n/* more */\n\n'use server'\n")).toBe(true);
    expect(isServerModule('"use client";\n"use server";')).toBe(false);
    expect(isServerModule('import x from "y";\n"use server";')).toBe(false);
    expect(isServerModule('export async function a() {\n  "use server";\n}')).toBe(false);
    expect(isServerModule('// Replaces every "use server" module.\nexport const a = 1;')).toBe(
      false,
    );
    expect(isServerModule('/* a */ const a = 1; /* b */ "use server";')).toBe(false);
  });
});

describe("serverActionStubs (through esbuild)", () => {
  const root = mkdtempSync(path.join(tmpdir(), "islands-stubs-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(path.join(root, "app/things"), { recursive: true });
  mkdirSync(path.join(root, "app/_islands/shims"), { recursive: true });
  writeFileSync(
    path.join(root, "app/_islands/shims/server-reference.ts"),
    "export const serverReference = (id: string) => Object.assign(async () => id, { id });\n",
  );
  writeFileSync(path.join(root, "manifest.json"), JSON.stringify(manifest));
  writeFileSync(
    path.join(root, "app/things/actions.ts"),
    [
      "// Things.",
      '"use server";',
      'import { secret } from "./db";',
      "export interface ThingState { ok: boolean }",
      "export async function saveThing(_s: ThingState, form: FormData) { return secret(form); }",
      "const drop = async () => secret(null);",
      "export { drop as dropThing };",
    ].join("\n"),
  );
  writeFileSync(
    path.join(root, "app/things/db.ts"),
    'export const secret = (x: unknown) => "S3CRET";',
  );

  async function bundle(entry: string) {
    writeFileSync(path.join(root, "app/things/entry.ts"), entry);
    const result = await build({
      absWorkingDir: root,
      entryPoints: ["app/things/entry.ts"],
      bundle: true,
      format: "esm",
      write: false,
      logLevel: "silent",
      plugins: [serverActionStubs(root, path.join(root, "manifest.json"))],
    });
    return result.outputFiles[0]!.text;
  }

  it("replaces the module: its ids are in the bundle, its code and imports are not", async () => {
    const text = await bundle(
      'import { saveThing, dropThing, type ThingState } from "./actions";\n' +
        "export const all: unknown[] = [saveThing, dropThing];\n" +
        "export type S = ThingState;\n",
    );
    expect(text).toContain(ID_SAVE);
    expect(text).toContain(ID_DROP);
    expect(text).not.toContain("S3CRET");
  });

  it("fails the build when the manifest lacks an export's id", async () => {
    writeFileSync(
      path.join(root, "app/things/new.ts"),
      '"use server";\nexport async function brandNew() {}\n',
    );
    await expect(bundle('export { brandNew } from "./new";\n')).rejects.toThrow(
      /No server action id for app\/things\/new\.ts#brandNew/,
    );
  });
});

describe("staticClosure", () => {
  const output = (imports: Metafile["outputs"][string]["imports"]) => ({
    imports,
    exports: [],
    inputs: {},
    bytes: 1,
  });
  const metafile: Metafile = {
    inputs: {},
    outputs: {
      "out/client.js": output([
        { path: "out/chunk-a.js", kind: "import-statement" },
        { path: "out/chunk-lazy.js", kind: "dynamic-import" },
      ]),
      "out/chunk-a.js": output([{ path: "out/chunk-b.js", kind: "import-statement" }]),
      "out/chunk-b.js": output([{ path: "out/chunk-a.js", kind: "import-statement" }]),
      "out/chunk-lazy.js": output([{ path: "out/chunk-c.js", kind: "import-statement" }]),
      "out/chunk-c.js": output([]),
    },
  };

  it("is the entry and what it imports statically, transitively, without lazy chunks", () => {
    expect(staticClosure(metafile, "out/client.js")).toEqual([
      "out/client.js",
      "out/chunk-a.js",
      "out/chunk-b.js",
    ]);
  });
});

describe("usedArgs (the action client)", () => {
  it("sends only the parameters the action's id says it uses, as Next's client does", () => {
    // 0x60 = 0b0110_0000: parameters 0 and 1 used, no rest parameter.
    expect(usedArgs("60" + "0".repeat(40), ["a", "b", "c"])).toEqual(["a", "b"]);
    // 0x20 = 0b0010_0000: only parameter 1 (a form action's FormData after the previous state).
    const kept = usedArgs("20" + "0".repeat(40), [{ previous: true }, "form"]);
    expect(kept).toEqual([undefined, "form"]);
    expect(0 in kept).toBe(false);
    // 0x7f: all six and the rest.
    expect(usedArgs("7f" + "0".repeat(40), [1, 2, 3, 4, 5, 6, 7, 8])).toHaveLength(8);
    expect(usedArgs("00" + "0".repeat(40), [1, 2])).toEqual([]);
  });
});

describe("formatUrl (the next/link shim)", () => {
  it("writes an href object as Next's Link does", () => {
    const hrefs = [
      {
        pathname: "/threads/1-a",
        query: { page: 2, q: ["x y", "é"], skip: undefined },
        hash: "post-3",
      },
      { pathname: "/search", search: "q=a", query: { ignored: "1" } },
      { pathname: "threads/what?#", query: "a=1" },
      { protocol: "https", hostname: "example.test", port: 8443, pathname: "a" },
      { protocol: "mailto", pathname: "someone@example.test" },
      { host: "example.test", auth: "me:pw", pathname: "/x", hash: "#y" },
      {},
    ];
    for (const href of hrefs) expect(formatUrl(href)).toBe(nextFormatUrl(href));
  });
});
