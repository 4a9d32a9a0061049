import { readFileSync } from "node:fs";
import { expect, type Browser, type Page, type Response } from "@playwright/test";
import postgres from "postgres";
import { SIGN_UP_TRAP_FIELD } from "../app/register/trap-field";
import { ADMIN, E2E_DATA_DIR } from "../playwright.config";

export { ADMIN };

let counter = 0;
/** A fresh member name per call, so tests never depend on each other. */
export function uniqueName(prefix = "member"): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}`;
}

export const STRONG_PASSWORD = "correct horse battery staple";

/** The sign-up form's hidden fields (its server action's id and key), as the server renders them:
 * the same for every visitor of one build, so they are read once per worker and site address. */
const signUpForms = new Map<string, Record<string, string>>();

async function readSignUpForm(page: Page) {
  // Which address the page's context talks to (passkeys.spec uses "localhost"): a static file says.
  const origin = new URL((await page.request.get("/icon.svg")).url()).origin;
  let hidden = signUpForms.get(origin);
  if (!hidden) {
    const html = await (await page.request.get("/register")).text();
    const form = /<form[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1] ?? "";
    hidden = {};
    for (const [input] of form.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
      const name = /name="([^"]*)"/.exec(input)?.[1];
      if (!name) continue;
      hidden[name] = (/value="([^"]*)"/.exec(input)?.[1] ?? "")
        .replaceAll("&quot;", '"')
        .replaceAll("&#x27;", "'")
        .replaceAll("&lt;", "<")
        .replaceAll("&gt;", ">")
        .replaceAll("&amp;", "&");
    }
    expect(Object.keys(hidden), "the sign-up form's hidden fields").toContain("$ACTION_KEY");
    signUpForms.set(origin, hidden);
  }
  return { origin, hidden };
}

/** Signs up a new member and returns their name (signed in afterwards, on the home page). It posts
 * the real sign-up form as a browser without scripts does (the same server action, password hashing,
 * limits and mail as a sign-up in the browser), which skips loading and hydrating /register for the
 * many tests that only need a fresh member; accounts.spec, mail.spec and sign-up-abuse.spec fill
 * the form in the browser. The session cookie lands in the page's browser context. */
export async function signUp(
  page: Page,
  username = uniqueName(),
  password = STRONG_PASSWORD,
): Promise<string> {
  const form = await readSignUpForm(page);
  const response = await page.request.post("/register", {
    // As a browser sends it: Next refuses a server action posted from another origin.
    headers: { origin: form.origin },
    multipart: {
      ...form.hidden,
      username,
      email: `${uniqueName("mail")}@example.test`,
      password,
      [SIGN_UP_TRAP_FIELD]: "",
    },
    maxRedirects: 0,
  });
  expect(response.status(), `signing up ${username}`).toBe(303);
  await page.goto("/");
  await expect(
    page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: username }),
  ).toBeVisible();
  return username;
}

/** Signs up through the form in the browser, as a visitor does. */
export async function signUpInBrowser(
  page: Page,
  username = uniqueName(),
  password = STRONG_PASSWORD,
): Promise<string> {
  await page.goto("/register");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Email").fill(`${uniqueName("mail")}@example.test`);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign up" }).click();
  // The form lands on the home page: wait for it, so the caller's next navigation is not cut short.
  await page.waitForURL((url) => url.pathname !== "/register");
  await expect(
    page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: username }),
  ).toBeVisible();
  return username;
}

export async function signIn(page: Page, identifier: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Username or email").fill(identifier);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // The form lands on the home page: wait for it, so the caller's next navigation is not cut short
  // (a goto right after the Sign out button showed was once interrupted by that landing).
  await page.waitForURL((url) => url.pathname !== "/login");
  await expect(
    page.getByRole("navigation", { name: "Account" }).getByRole("button", { name: "Sign out" }),
  ).toBeVisible();
}

export async function signOut(page: Page): Promise<void> {
  await page
    .getByRole("navigation", { name: "Account" })
    .getByRole("button", { name: "Sign out" })
    .click();
  await expect(
    page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" }),
  ).toBeVisible();
}

/** Opens a thread by its title wherever it sits now: the seed threads are the oldest, so the threads
 * other specs start push them off their forum's first page. Found through a titles-only search. */
export async function openThread(page: Page, title: string): Promise<void> {
  await page.goto(`/search?${new URLSearchParams({ q: title, titles: "1" })}`);
  await page
    .getByRole("region", { name: /result/i })
    .getByRole("link", { name: title, exact: true })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
}

/** A new member signed up in a browser context of their own (close `context` when done). */
export async function memberInOwnBrowser(browser: Browser, prefix = "member") {
  const context = await browser.newContext();
  const page = await context.newPage();
  const name = await signUp(page, uniqueName(prefix));
  return { context, page, name };
}

/** Starts a thread in Global Defence through the real form; answers its address (no #post-N). */
export async function startThread(
  page: Page,
  title: string,
  message = "An opening post for this test.",
): Promise<string> {
  // Straight to the form: the forum page's "New thread" link has tests of its own (admin-forums,
  // bbcode-search, ignore and account-settings specs).
  await page.goto("/forums/global-defence/new");
  await expect(page.getByRole("heading", { level: 1, name: /^New thread in / })).toBeVisible();
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByRole("textbox", { name: "Message" }).fill(message);
  await page.getByRole("button", { name: "Post thread" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  return page.url().replace(/#.*$/, "");
}

/** The e2e server's database, reached the way the start script does (port from postmaster.pid). */
export function e2eDatabase() {
  const port = readFileSync(`${E2E_DATA_DIR}/pg/postmaster.pid`, "utf8").split("\n")[3]!.trim();
  const password = readFileSync(`${E2E_DATA_DIR}/pg-password`, "utf8").trim();
  return postgres(`postgres://parley:${encodeURIComponent(password)}@127.0.0.1:${port}/parley`, {
    max: 1,
    onnotice: () => {},
  });
}

/** The administrator (signed in on `admin`) makes a new member a moderator; returns their page. */
export async function appointModerator(browser: Browser, admin: Page) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const name = await signUp(page, uniqueName("mod"));
  await setRole(admin, name, "moderator");
  return { context, page, name };
}

export async function setRole(admin: Page, name: string, role: "member" | "moderator") {
  await admin.goto("/admin/members");
  await admin.getByLabel("Search members by name").fill(name);
  await admin.getByRole("button", { name: "Search" }).click();
  await expect(admin.getByText(`1 member matches “${name}”.`)).toBeVisible();
  const row = admin
    .getByRole("region", { name: "Members" })
    .getByRole("listitem", { name, exact: true });
  await row.getByLabel(`Role for ${name}`).selectOption(role);
  await row.getByRole("button", { name: "Save role" }).click();
  await expect(row.getByRole("status")).toHaveText(`${name} is now a ${role}.`);
}

/** Another reader's view of a write: reading pages are shared copies at most a second old
 * (server/guest-page-cache.ts), so the page is loaded again (`url`, or a reload) until `check`
 * passes with what it answered, for a few seconds at most. */
export async function reloadUntil(
  page: Page,
  url: string | null,
  check: (response: Response | null) => Promise<void>,
) {
  await expect(async () => {
    await check(url ? await page.goto(url) : await page.reload());
  }).toPass({ timeout: 6_000 });
}
