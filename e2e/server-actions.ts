import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";

type ManifestEntry = {
  exportedName?: string;
  filename?: string;
  workers: Record<string, { exportedName?: string; filename?: string }>;
};

/** A server action's id, read from the build the e2e server runs (the start script builds into
 * NEXT_DIST_DIR, default .next). */
export function actionId(file: string, name: string): string {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  const manifest = JSON.parse(
    readFileSync(`${distDir}/server/server-reference-manifest.json`, "utf8"),
  ) as { node: Record<string, ManifestEntry> };
  for (const [id, entry] of Object.entries(manifest.node)) {
    const described = [entry, ...Object.values(entry.workers)];
    if (described.some((d) => d.exportedName === name && d.filename?.endsWith(file))) return id;
  }
  throw new Error(`No server action ${name} in ${file} in ${distDir}`);
}

/** Calls a server action as anyone can by hand, without the page offering it: a POST with the
 * action's id, carrying the page's cookies. Answers the response body (React's wire format). */
export async function callServerAction(
  page: Page,
  from: string,
  file: string,
  name: string,
  args: unknown[],
): Promise<string> {
  const response = await page.request.post(from, {
    headers: {
      "next-action": actionId(file, name),
      accept: "text/x-component",
      "content-type": "text/plain;charset=UTF-8",
    },
    data: JSON.stringify(args),
  });
  return response.text();
}
