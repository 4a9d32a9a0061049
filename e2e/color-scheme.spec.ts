// Dark mode: by the device's preference, by the header's toggle (kept in the browser for a guest,
// on the account for a member), drawn before the first paint.
import { expect, test, type Page } from "@playwright/test";
import { signIn, signUp, STRONG_PASSWORD } from "./fixtures";

const toggle = (page: Page, name: "Light" | "Dark" | "System") =>
  page.getByRole("group", { name: "Colour scheme" }).getByRole("button", { name, exact: true });
const theme = (page: Page) => page.locator("html");

test("a guest's scheme follows the device until they choose, and stays chosen on reload", async ({
  browser,
}) => {
  const context = await browser.newContext({ colorScheme: "dark" });
  const page = await context.newPage();
  await page.goto("/");
  await expect(theme(page)).toHaveAttribute("data-theme", "dark");
  await expect(toggle(page, "System")).toHaveAttribute("aria-pressed", "true");
  await page.screenshot({ path: "test-results/screens/home-dark.png", fullPage: true });

  await toggle(page, "Light").click();
  await expect(theme(page)).toHaveAttribute("data-theme", "light");
  await expect(toggle(page, "Light")).toHaveAttribute("aria-pressed", "true");
  // The head script puts the choice on <html> before the page is drawn, not after hydration.
  await page.reload({ waitUntil: "commit" });
  await page.waitForSelector("body", { state: "attached" });
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("light");

  await toggle(page, "System").click();
  await expect(theme(page)).toHaveAttribute("data-theme", "dark");
  await context.close();
});

test("a member's choice is kept on their account and reaches their other devices", async ({
  browser,
}) => {
  const laptop = await browser.newContext({ colorScheme: "light" });
  const page = await laptop.newPage();
  const name = await signUp(page);
  await toggle(page, "Dark").click();
  await expect(theme(page)).toHaveAttribute("data-theme", "dark");
  await page.goto("/account");
  await expect(theme(page)).toHaveAttribute("data-theme", "dark");
  await expect(toggle(page, "Dark")).toHaveAttribute("aria-pressed", "true");
  await page.screenshot({ path: "test-results/screens/account-dark.png", fullPage: true });

  const phone = await browser.newContext({ colorScheme: "light" });
  const other = await phone.newPage();
  await signIn(other, name, STRONG_PASSWORD);
  await expect(theme(other)).toHaveAttribute("data-theme", "dark");
  await expect(toggle(other, "Dark")).toHaveAttribute("aria-pressed", "true");
  await laptop.close();
  await phone.close();
});
