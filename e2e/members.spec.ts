import { expect, test, type Page } from "@playwright/test";

const rows = (page: Page) => page.getByRole("region", { name: "Members" }).getByRole("listitem");
const sortNav = (page: Page) => page.getByRole("navigation", { name: "Sort members by" });

test("the member list shows the seed members, most messages first", async ({ page }) => {
  await page.goto("/");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Members" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
  await expect(sortNav(page).getByRole("link", { name: "Messages" })).toHaveAttribute(
    "aria-current",
    "true",
  );

  const first = rows(page).first();
  await expect(first.getByRole("link", { name: "Aepsilons" })).toBeVisible();
  await expect(first.getByRole("img", { name: "Aepsilons's avatar" })).toBeVisible();
  await expect(first.getByRole("img", { name: "Japan" })).toBeVisible();
  await expect(first).toContainText("ELITE MEMBER");
  await expect(first).toContainText("Messages24,960");
  await expect(first).toContainText("Reaction score118");
  await expect(first).toContainText("JoinedMay 29, 2014");

  const second = rows(page).nth(1);
  await expect(second.getByRole("link", { name: "Razor" })).toBeVisible();
  await expect(second).toContainText("STABLE GENIUS");
  await expect(second).toContainText("Senior Member");
  await expect(second).toContainText("Messages7,701");

  await first.getByRole("link", { name: "Aepsilons" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Aepsilons" })).toBeVisible();
});

test("members sort by reaction score and, with the keyboard alone, by join date", async ({
  page,
}) => {
  await page.goto("/members");
  await sortNav(page).getByRole("link", { name: "Reaction score" }).click();
  await expect(page).toHaveURL(/\/members\?sort=reaction-score$/);
  await expect(sortNav(page).getByRole("link", { name: "Reaction score" })).toHaveAttribute(
    "aria-current",
    "true",
  );
  await expect(sortNav(page).getByRole("link", { name: "Messages" })).not.toHaveAttribute(
    "aria-current",
  );
  await expect(rows(page).first()).toContainText("Srinivas_K");
  await expect(rows(page).first()).toContainText("Reaction score12,935");
  await expect(rows(page).nth(1)).toContainText("Razor");

  // From a fresh load: Tab from the top of the page to the sort link, then Enter.
  await page.goto("/members");
  const joined = sortNav(page).getByRole("link", { name: "Joined" });
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  for (let i = 0; i < 20 && !(await joined.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press("Tab");
  await expect(joined).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/members\?sort=joined$/);
  await expect(sortNav(page).getByRole("link", { name: "Joined" })).toHaveAttribute(
    "aria-current",
    "true",
  );
  await expect(rows(page).first()).toContainText("Srinivas_K");
  await expect(rows(page).first()).toContainText("JoinedJun 17, 2009");
  await expect(rows(page).nth(1)).toContainText("no smoking");
});

test("unknown sorts and pages are 404 pages, never errors", async ({ page }) => {
  for (const url of [
    "/members?sort=name",
    "/members?sort=",
    "/members?page=0",
    "/members?page=abc",
    "/members?page=99",
    "/members?sort=joined&page=-1",
    "/members?sort=joined&sort=messages",
  ]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
  expect((await page.goto("/members?page=1"))?.status()).toBe(200);
});

test("the member list fits a desktop and a 360 px phone", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/members");
  await page.screenshot({ path: "test-results/screens/members-desktop.png", fullPage: true });

  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/members");
  await expect(rows(page).first()).toContainText("Aepsilons");
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  // Nor is anything cut off inside a row (the list's rounded box hides what sticks out).
  const clipped = await page
    .getByRole("region", { name: "Members" })
    .evaluate((list) =>
      [...list.querySelectorAll("li")]
        .filter((row) => row.scrollWidth > row.clientWidth)
        .map((row) => row.textContent?.slice(0, 40)),
    );
  expect(clipped).toEqual([]);
  await page.screenshot({ path: "test-results/screens/members-phone.png", fullPage: true });
});
