// The production build the bench serves: scripts/build-if-stale.ts's buildIfStale into its own dist
// dir (NEXT_DIST_DIR), so it never touches the build `npm start` uses and is skipped when the
// sources have not changed since the last bench.
//
// `next build` adds "<distDir>/types/**/*.ts" to tsconfig.json's include for any dist dir it has not
// seen, and writes the file back in its own layout (every array on its own lines). The bench takes
// out exactly the lines it caused and, when nothing else changed, puts back the file as it was, so
// the project's tsconfig.json stays as it was, Prettier's layout included (and the source hash,
// which covers tsconfig.json, stays stable between runs).
import { readFileSync, writeFileSync } from "node:fs";

const TSCONFIG = "tsconfig.json";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function removeDistDirIncludes(text: string, distDir: string): string {
  const dir = escapeRegExp(distDir.replace(/^\.\//, "").replace(/\/+$/, ""));
  const line = new RegExp(`\\n[ \\t]*"${dir}/(?:dev/)?types/\\*\\*/\\*\\.ts",?(?=[ \\t]*\\n)`, "g");
  const without = text.replace(line, "");
  // A removed last entry leaves a trailing comma before the include list's closing bracket.
  return without.replace(/,(\s*\n[ \t]*\])/g, "$1");
}

function sameJson(a: string, b: string): boolean {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return false;
  }
}

export async function buildApp(distDir: string): Promise<{ seconds: number }> {
  process.env.NEXT_DIST_DIR = distDir;
  const before = readFileSync(TSCONFIG, "utf8");
  const started = performance.now();
  const { buildIfStale } = await import("../build-if-stale");
  try {
    await buildIfStale();
  } finally {
    const after = readFileSync(TSCONFIG, "utf8");
    if (after !== before) {
      const restored = removeDistDirIncludes(after, distDir);
      if (sameJson(restored, before)) writeFileSync(TSCONFIG, before);
      else if (restored !== after) writeFileSync(TSCONFIG, restored);
    }
  }
  return { seconds: (performance.now() - started) / 1000 };
}
