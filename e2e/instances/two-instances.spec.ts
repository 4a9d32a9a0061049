// Two instances on one Postgres behind nginx (set up by ./cluster.ts): what one instance does, the
// other knows, because every piece of shared state lives in Postgres.
import { readFileSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import postgres from "postgres";
import sharp from "sharp";
import { signUp, startThread, STRONG_PASSWORD, uniqueName } from "../fixtures";
import { CLUSTER_FILE, instanceUrl } from "./ports";

const account = (page: Page) => page.getByRole("navigation", { name: "Account" });

async function member(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const name = await signUp(page);
  return { context, page, name };
}

test("both instances started at once on a fresh database came up, with every migration applied once", async () => {
  const { databaseUrl } = JSON.parse(readFileSync(CLUSTER_FILE, "utf8")) as { databaseUrl: string };
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const journal = JSON.parse(readFileSync("db/migrations/meta/_journal.json", "utf8")) as {
      entries: unknown[];
    };
    const [applied] = await sql`select count(*)::int as n from drizzle.__drizzle_migrations`;
    expect(applied!.n).toBe(journal.entries.length);
    const [seeded] = await sql`select count(*)::int as n from forums`;
    expect(seeded!.n).toBeGreaterThan(0);
  } finally {
    await sql.end();
  }
  for (const name of ["a", "b"] as const)
    expect((await fetch(`${instanceUrl(name)}/`)).status).toBe(200);
});

test("a member signed up through nginx is signed in on both instances, and a reply on A shows on B at once", async ({
  browser,
}) => {
  // Signing up through nginx sends the form's page and its server action to different instances.
  const author = await member(browser);
  for (const name of ["a", "b"] as const) {
    await author.page.goto(`${instanceUrl(name)}/`);
    await expect(account(author.page).getByRole("link", { name: author.name })).toBeVisible();
  }
  await author.page.goto(`${instanceUrl("a")}/`);
  const url = new URL(await startThread(author.page, `Two instances ${uniqueName("t")}`));

  const guest = await browser.newContext();
  const reader = await guest.newPage();
  await reader.goto(`${instanceUrl("b")}${url.pathname}`);
  await expect(reader.locator("article[id^=post-]")).toHaveCount(1);

  await author.page.goto(`${instanceUrl("a")}${url.pathname}`);
  await author.page.getByRole("textbox", { name: "Message" }).fill("Posted on instance A.");
  await author.page.getByRole("button", { name: "Post reply" }).click();
  await expect(author.page).toHaveURL(/#post-\d+$/);

  const notice = reader.getByRole("status").filter({ hasText: "1 new reply" });
  // Within 2 s on a quiet machine; a shared CI runner gets the usual expect timeout.
  await expect(notice).toBeVisible();
  await notice.getByRole("link", { name: "Show it" }).click();
  await expect(reader.locator("article[id^=post-]").last()).toContainText("Posted on instance A.");
  await Promise.all([guest.close(), author.context.close()]);
});

test("failed sign-ins count across instances: the lockout holds on both", async ({ browser }) => {
  const owner = await member(browser);
  await owner.context.close();
  const context = await browser.newContext();
  const page = await context.newPage();
  const attempt = async (name: "a" | "b", password: string) => {
    await page.goto(`${instanceUrl(name)}/login`);
    await page.getByLabel("Username or email").fill(owner.name);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
  };
  // Five wrong passwords, alternating instances: each instance alone saw fewer than the limit.
  for (let i = 0; i < 5; i++) {
    await attempt(i % 2 === 0 ? "a" : "b", "not the password");
    await expect(page.getByText(/do not match an account|Too many failed/)).toBeVisible();
  }
  for (const name of ["a", "b"] as const) {
    await attempt(name, STRONG_PASSWORD);
    await expect(page.getByText("Too many failed sign-in attempts")).toBeVisible();
  }
  await context.close();
});

test("an avatar uploaded through instance A is served by instance B", async ({ browser }) => {
  const someone = await member(browser);
  const page = someone.page;
  await page.goto(`${instanceUrl("a")}/account`);
  const png = await sharp({
    create: { width: 64, height: 64, channels: 3, background: { r: 200, g: 60, b: 30 } },
  })
    .png()
    .toBuffer();
  const profile = page.getByRole("region", { name: "Profile" });
  await profile
    .getByLabel("Avatar", { exact: true })
    .setInputFiles({ name: "me.png", mimeType: "image/png", buffer: png });
  await profile.getByRole("button", { name: "Save" }).click();
  await expect(profile.getByRole("status")).toHaveText("Your profile was saved.");
  await account(page).getByRole("link", { name: someone.name, exact: true }).click();
  const src = await page
    .getByRole("region", { name: someone.name })
    .getByRole("img", { name: `${someone.name}'s avatar` })
    .getAttribute("src");
  expect(src).toMatch(/^\/avatars\//);
  const served = await fetch(`${instanceUrl("b")}${src}`);
  expect(served.status).toBe(200);
  expect(served.headers.get("content-type")).toBe("image/webp");
  await someone.context.close();
});
