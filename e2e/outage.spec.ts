import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E_DATA_DIR } from "../playwright.config";

// Freezes the e2e server's embedded Postgres (postmaster and backends) so it stops answering, then
// thaws it: the forum must say 503 meanwhile and come back by itself.
function postgresProcesses(): string[] {
  const postmaster = readFileSync(`${E2E_DATA_DIR}/pg/postmaster.pid`, "utf8")
    .split("\n")[0]!
    .trim();
  const children = execFileSync("pgrep", ["-P", postmaster], { encoding: "utf8" })
    .split("\n")
    .filter(Boolean);
  return [postmaster, ...children];
}
const signal = (sig: "STOP" | "CONT", pids: string[]) => execFileSync("kill", [`-${sig}`, ...pids]);
/** A request that was already waiting on the frozen database may hang: count it as no answer. */
const statusOf = (request: APIRequestContext, url: string) =>
  request.get(url, { timeout: 3_000 }).then(
    (r) => r.status(),
    () => 0,
  );

test("while Postgres does not answer, pages are a 503 that says so; then the forum recovers", async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  await expect((await request.get("/")).status()).toBe(200);
  const pids = postgresProcesses();
  signal("STOP", pids);
  try {
    await expect.poll(() => statusOf(request, "/"), { timeout: 20_000 }).toBe(503);
    await page.goto("/forums/global-defence");
    await expect(
      page.getByRole("heading", { name: "The forum is temporarily unavailable" }),
    ).toBeVisible();
    await expect(page.getByText("cannot reach its database")).toBeVisible();
  } finally {
    signal("CONT", pids);
  }
  await expect
    .poll(() => statusOf(request, "/forums/global-defence"), { timeout: 20_000 })
    .toBe(200);
  await page.goto("/forums/global-defence");
  await expect(page.getByRole("heading", { level: 1, name: "Global Defence" })).toBeVisible();
});
