// The account page's Sessions: one member signed in in several browsers sees each of them, signs one
// out (or all the others), and the browsers signed out find so on their very next request.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { memberInOwnBrowser, signIn, STRONG_PASSWORD } from "./fixtures";

// Each test signs one member in three or four times over, which takes a while on a busy machine.
test.describe.configure({ timeout: 90_000 });

const FIREFOX_WINDOWS =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
const SAFARI_MAC =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15";

const accountNav = (page: Page) => page.getByRole("navigation", { name: "Account" });
const sessionsSection = (page: Page) => page.getByRole("region", { name: "Sessions" });
const devices = (page: Page) =>
  sessionsSection(page).getByRole("list", { name: "Signed-in devices" }).getByRole("listitem");

/** The same member signed in again, in a browser of its own that says it is `userAgent`. */
async function alsoSignedIn(browser: Browser, name: string, userAgent: string) {
  const context = await browser.newContext({ userAgent });
  const page = await context.newPage();
  await signIn(page, name, STRONG_PASSWORD);
  return { context, page };
}

async function expectSignedOut(page: Page) {
  await page.goto("/");
  await expect(accountNav(page).getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login/);
}

test("a member signs another browser out from the account page", async ({ browser }) => {
  const first = await memberInOwnBrowser(browser, "devices");
  const second = await alsoSignedIn(browser, first.name, FIREFOX_WINDOWS);
  // The second browser has the account page open before it is signed out.
  await second.page.goto("/account");
  await expect(devices(second.page)).toHaveCount(2);

  await first.page.goto("/account");
  await expect(devices(first.page)).toHaveCount(2);
  const here = devices(first.page).first();
  await expect(here).toContainText("This device");
  await expect(here).toContainText("Active now");
  await expect(here.getByRole("button", { name: /Sign out/ })).toHaveCount(0);
  const other = devices(first.page).filter({ hasText: "Firefox on Windows" });
  await expect(other).toContainText(/Signed in .* · Active now · from /);
  await sessionsSection(first.page).screenshot({ path: "test-results/sessions-section.png" });

  await other.getByRole("button", { name: "Sign out of Firefox on Windows" }).click();
  await expect(sessionsSection(first.page).getByRole("status")).toHaveText(
    "That device is signed out.",
  );
  await expect(devices(first.page)).toHaveCount(1);
  await expect(devices(first.page)).toContainText("This device");
  await expect(
    sessionsSection(first.page).getByRole("button", { name: "Sign out all other sessions" }),
  ).toHaveCount(0);

  // The page the second browser still shows refuses its buttons: that sign-in has ended.
  await sessionsSection(second.page)
    .getByRole("button", { name: "Sign out all other sessions" })
    .click();
  await expect(sessionsSection(second.page).getByRole("alert")).toHaveText(
    "You are signed out. Sign in again to manage your sessions.",
  );
  await expectSignedOut(second.page);
  // The first browser was not touched by any of it.
  await first.page.reload();
  await expect(devices(first.page)).toHaveCount(1);
  await expect(accountNav(first.page).getByRole("link", { name: first.name })).toBeVisible();
  await Promise.all([first.context.close(), second.context.close()]);
});

test("'Sign out all other sessions' signs out every other browser, and only those", async ({
  browser,
}) => {
  const first = await memberInOwnBrowser(browser, "alldevices");
  const others = [
    await alsoSignedIn(browser, first.name, FIREFOX_WINDOWS),
    await alsoSignedIn(browser, first.name, SAFARI_MAC),
  ];
  await first.page.goto("/account");
  await expect(devices(first.page)).toHaveCount(3);
  await expect(devices(first.page).filter({ hasText: "Safari on macOS" })).toHaveCount(1);

  await sessionsSection(first.page)
    .getByRole("button", { name: "Sign out all other sessions" })
    .click();
  await expect(sessionsSection(first.page).getByRole("status")).toHaveText(
    "All 2 other devices are signed out.",
  );
  await expect(devices(first.page)).toHaveCount(1);
  for (const other of others) await expectSignedOut(other.page);
  await first.page.goto("/");
  await expect(accountNav(first.page).getByRole("link", { name: first.name })).toBeVisible();
  await Promise.all([first.context.close(), ...others.map((o) => o.context.close())]);
});
