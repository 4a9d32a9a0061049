// `npm start` builds only when the sources changed since the last production build: the hash of
// the sources is kept beside the build. A build is `next build`, then the islands bundle
// (scripts/build-islands.ts), which needs that build's server-action ids.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "../lib/env";
import { buildIslands } from "./build-islands";

const SOURCES = [
  "app",
  "lib",
  "db",
  "public",
  "package.json",
  "next.config.js",
  "tsconfig.json",
  "postcss.config.mjs",
  "scripts/build-islands.ts",
];
const BUILD_DIR = env.NEXT_DIST_DIR;
const HASH_FILE = path.join(BUILD_DIR, "parley-source-hash");

function hashSources(root: string): string {
  const hash = createHash("sha256");
  const visit = (entry: string) => {
    const full = path.join(root, entry);
    if (!existsSync(full)) return;
    if (readdirSafe(full)) {
      for (const child of readdirSync(full).sort()) visit(path.join(entry, child));
    } else {
      hash.update(entry).update("\0").update(readFileSync(full)).update("\0");
    }
  };
  SOURCES.forEach(visit);
  return hash.digest("hex");
}

function readdirSafe(full: string): boolean {
  try {
    readdirSync(full);
    return true;
  } catch {
    return false;
  }
}

export async function buildIfStale(root = process.cwd()): Promise<void> {
  const current = hashSources(root);
  const built =
    existsSync(path.join(root, BUILD_DIR, "BUILD_ID")) &&
    existsSync(path.join(root, BUILD_DIR, "islands-manifest.json")) &&
    existsSync(path.join(root, HASH_FILE))
      ? readFileSync(path.join(root, HASH_FILE), "utf8").trim()
      : null;
  if (built === current) return;
  console.log("Building the production app (first start or changed sources)…");
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  const result = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0)
    throw new Error(`next build failed (exit ${result.status ?? result.signal})`);
  await buildIslands({ root, distDir: BUILD_DIR });
  writeFileSync(path.join(root, HASH_FILE), current + "\n");
}
