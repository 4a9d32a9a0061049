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
