import { expect, test } from "@playwright/test";
import { openThread } from "./fixtures";

test("a thread is readable on a 360 px phone without sideways scrolling", async ({ page }) => {
  await openThread(page, "Japan-Russia Relations: Toward a Peace Treaty and Beyond");
  await expect(page.locator("article[id^=post-]").first()).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "test-results/screens/thread-phone.png" });
});

test("the home page fits a 360 px phone", async ({ page }) => {
  await page.goto("/");
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "test-results/screens/home-phone.png", fullPage: true });
});

test("on a phone the header's links sit behind a Menu button that works by keyboard", async ({
  page,
}) => {
  await page.goto("/");
  const header = page.getByRole("banner");
  const menu = header.getByRole("button", { name: "Menu" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(header.getByRole("navigation", { name: "Main" })).toBeHidden();
  // One row: the name and the button.
  expect((await header.boundingBox())!.height).toBeLessThan(64);

  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  const controlled = await menu.getAttribute("aria-controls");
  await expect(page.locator(`#${controlled}`)).toBeVisible();
  await expect(header.getByRole("navigation", { name: "Main" })).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(header.getByRole("link", { name: "Forums" })).toBeFocused();
  await page.screenshot({ path: "test-results/screens/menu-phone.png" });
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeFocused();
  await expect(header.getByRole("navigation", { name: "Main" })).toBeHidden();

  // Following a link closes the menu.
  await menu.click();
  await header.getByRole("link", { name: "Members" }).click();
  await expect(page).toHaveURL(/\/members$/);
  await expect(menu).toHaveAttribute("aria-expanded", "false");
});
