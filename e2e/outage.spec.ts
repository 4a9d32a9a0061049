import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E_DATA_DIR } from "../playwright.config";
import { e2eDatabase, signUp, startThread, STRONG_PASSWORD, uniqueName } from "./fixtures";

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

test("when the layout's own queries fail while Postgres still answers, the page is a friendly one, never Next's bare error", async ({
  page,
}) => {
  test.setTimeout(60_000);
  const name = await signUp(page);
  const sql = e2eDatabase();
  const account = page.getByRole("navigation", { name: "Account" });
  // Tables moved aside make exactly those queries fail, while the server's health check (select 1)
  // still passes, so requests reach the app.
  const renamed: [string, string][] = [];
  const moveAside = async (table: string) => {
    await sql.unsafe(`alter table "${table}" rename to "${table}_away"`);
    renamed.push([table, `${table}_away`]);
  };
  const restore = async () => {
    for (const [table, away] of renamed.splice(0).reverse())
      await sql.unsafe(`alter table "${away}" rename to "${table}"`);
  };
  try {
    // The header's alert count fails: the page is drawn all the same, the bell without a number.
    await moveAside("alerts");
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Forums" })).toBeAttached();
    await expect(
      page.getByRole("link", { name: "Global Defence", exact: true }).first(),
    ).toBeVisible();
    await expect(account.getByRole("link", { name })).toBeVisible();
    await expect(account.getByRole("link", { name: "Alerts", exact: true })).toBeVisible();

    // Who is asking cannot be read: the layout still stands, and the page says what happened.
    await moveAside("users");
    await page.goto("/forums/global-defence");
    await expect(page.getByRole("heading", { name: "Something went wrong" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Back to the forums" })).toBeVisible();
    await expect(page.getByText(/application error/i)).toHaveCount(0);
    await page.screenshot({ path: "test-results/screens/layout-query-failed.png" });

    await restore();
    await page.getByRole("button", { name: "Try again" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Global Defence" })).toBeVisible();
  } finally {
    await restore();
    await sql.end();
  }
});

test("on a read-only database members read on, and a reply, a new thread or a sign-in says why with the text kept", async ({
  page,
  browser,
}) => {
  test.setTimeout(60_000);
  const name = await signUp(page);
  const title = `Read-only ${uniqueName("t")}`;
  await startThread(page, title, "Opened while the database still takes writes.");
  const sql = e2eDatabase();
  // As a failover replica or an operator's read-only default does: every open connection of the app
  // is refused writes from its next statement on, while reads go on.
  const readOnly = async (on: boolean) => {
    await sql.unsafe(`set default_transaction_read_only = off`);
    await sql.unsafe(
      on
        ? `alter system set default_transaction_read_only = on`
        : `alter system reset default_transaction_read_only`,
    );
    await sql.unsafe(`select pg_reload_conf()`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  };
  try {
    await readOnly(true);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.locator("article[id^=post-]")).toHaveCount(1);

    const box = page.getByRole("textbox", { name: "Message" });
    await box.fill("A reply written while the database is read-only.");
    await page.getByRole("button", { name: "Post reply" }).click();
    await expect(
      page.getByText("The forum can't save right now; your text is kept."),
    ).toBeVisible();
    await expect(box).toHaveValue("A reply written while the database is read-only.");

    await page.goto("/forums/global-defence/new");
    await page.getByLabel("Title", { exact: true }).fill("A thread that waits");
    await page.getByRole("textbox", { name: "Message" }).fill("Its first post, kept.");
    await page.getByRole("button", { name: "Post thread" }).click();
    await expect(
      page.getByText("The forum can't save right now; your text is kept."),
    ).toBeVisible();
    await expect(page.getByLabel("Title", { exact: true })).toHaveValue("A thread that waits");
    await expect(page.getByRole("textbox", { name: "Message" })).toHaveValue(
      "Its first post, kept.",
    );

    const other = await browser.newContext();
    const guest = await other.newPage();
    await guest.goto("/login");
    await guest.getByLabel("Username or email").fill(name);
    await guest.getByLabel("Password").fill(STRONG_PASSWORD);
    await guest.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(guest.getByText("The forum can't sign you in right now")).toBeVisible();
    await other.close();
  } finally {
    await readOnly(false);
    await sql.end();
  }
  await page.getByRole("button", { name: "Post thread" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "A thread that waits" })).toBeVisible();
});
