import { expect, test, type Page } from "@playwright/test";

// From the opening post of a seed thread (imported at start), found nowhere else in the seeds.
const THREAD_000 = "Japan-Russia Relations: Toward a Peace Treaty and Beyond";
const PHRASE = '"Morihiro Hosokawa"';

const searchField = (page: Page) => page.getByLabel("Search", { exact: true });
// Within the page's content: Next's route announcer is an alert too.
const alert = (page: Page) => page.getByRole("main").getByRole("alert");
const results = (page: Page) =>
  page.getByRole("region", { name: /results? (for|by)/ }).getByRole("listitem");

async function search(page: Page, words: string) {
  await page.goto("/search");
  await searchField(page).fill(words);
  await page.getByRole("button", { name: "Search", exact: true }).click();
}

test("the main nav leads to a search that finds a seed post by a phrase and marks it", async ({
  page,
}) => {
  await page.goto("/");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Search", exact: true })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
  await expect(searchField(page)).toHaveCount(1);

  await searchField(page).fill(PHRASE);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/\/search\?q=%22Morihiro\+Hosokawa%22/);
  await expect(
    page.getByRole("heading", { level: 2, name: '1 result for “"Morihiro Hosokawa"”' }),
  ).toBeVisible();
  const hit = results(page).first();
  await expect(hit.getByRole("link", { name: THREAD_000 })).toBeVisible();
  await expect(hit.locator("mark", { hasText: "Hosokawa" })).toBeVisible();
  await expect(hit.locator("mark", { hasText: "Morihiro" })).toBeVisible();
  await expect(hit.getByRole("link", { name: "Aepsilons" })).toBeVisible();
  await expect(hit.getByRole("link", { name: "Global Defence" })).toBeVisible();

  await page.screenshot({ path: "test-results/screens/search-desktop.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(hit.locator("mark", { hasText: "Hosokawa" })).toBeVisible();
  // With results to read, the filters are folded away: the first result is on the phone's first screen.
  await expect(page.getByLabel("Forum", { exact: true })).toBeHidden();
  await expect(hit).toBeInViewport();
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
  ).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "test-results/screens/search-phone.png", fullPage: true });
  await page.locator("summary", { hasText: "Narrow the search" }).click();
  await expect(page.getByLabel("Forum", { exact: true })).toBeVisible();

  // The result links to the post's permalink, which opens the thread at the post.
  await hit.getByRole("link", { name: THREAD_000 }).click();
  await expect(page.getByRole("heading", { level: 1, name: THREAD_000 })).toBeVisible();
  await expect(page).toHaveURL(/\/threads\/\d+-[^#]*#post-\d+$/);
});

test("titles only finds threads by their title", async ({ page }) => {
  await page.goto("/search");
  await searchField(page).fill("peace treaty");
  await page.getByLabel("Titles only").check();
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/titles=1/);
  const hit = results(page).filter({ hasText: THREAD_000 });
  await expect(hit).toHaveCount(1);
  await expect(
    hit.getByRole("link", { name: THREAD_000 }).locator("mark", { hasText: "Peace" }),
  ).toBeVisible();
  await expect(page.getByLabel("Titles only")).toBeChecked();
});

test("Find all content on a profile lists the member's posts, newest first", async ({ page }) => {
  await search(page, PHRASE);
  await results(page).first().getByRole("link", { name: "Aepsilons" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Aepsilons" })).toBeVisible();
  await page.getByRole("link", { name: "Find all content" }).click();
  await expect(page).toHaveURL(/\/search\?member=Aepsilons$/);
  await expect(
    page.getByRole("heading", { level: 2, name: /results? by Aepsilons$/ }),
  ).toBeVisible();
  await expect(page.getByLabel("Posted by member")).toHaveValue("Aepsilons");
  const times = await results(page)
    .locator("time")
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute("datetime") ?? ""));
  expect(times.length).toBeGreaterThan(0);
  expect([...times].sort().reverse()).toEqual(times);
  await expect(results(page).first().getByRole("link", { name: "Aepsilons" })).toBeVisible();
});

test("an empty, an overlong and a symbols-only search each say what is wrong", async ({ page }) => {
  await search(page, "");
  await expect(alert(page)).toHaveText("Enter something to search for.");
  await expect(searchField(page)).toHaveAttribute("aria-invalid", "true");

  await search(page, "x".repeat(201));
  await expect(alert(page)).toHaveText("Searches are at most 200 characters long.");
  await expect(searchField(page)).toHaveValue("x".repeat(201));

  await search(page, '"" OR');
  await expect(alert(page)).toContainText("no searchable words");

  await page.goto(`/search?q=${encodeURIComponent(PHRASE)}&page=9`);
  await expect(alert(page)).toContainText("There is no page 9 of these results");
  await page.getByRole("link", { name: "Go to the first page" }).click();
  await expect(results(page)).toHaveCount(1);
});

test("search works from the keyboard alone", async ({ page }) => {
  await page.goto("/");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Search", exact: true })
    .focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/search$/);
  await searchField(page).focus();
  await page.keyboard.type("Hosokawa");
  await page.keyboard.press("Enter");
  await expect(results(page)).toHaveCount(1);
  // Tab from the field reaches the filters and the button, then the first result's link.
  const link = results(page).first().getByRole("link", { name: THREAD_000 });
  for (let i = 0; i < 25 && !(await link.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press("Tab");
  await expect(link).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: THREAD_000 })).toBeVisible();
});
