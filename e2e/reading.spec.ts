import { expect, test, type Page } from "@playwright/test";

const THREAD_000 = "Japan-Russia Relations: Toward a Peace Treaty and Beyond";
const THREAD_003 = "Why is Japan's Abe Seeking Better Ties with Russia's Putin?";
const ARTICLES = [
  "Russo-Japanese ties thaw after long freeze",
  "Cause for optimism in Russia–Japan relations?",
  "Japan and russia relationship",
];

async function openThreadFromHome(page: Page, forum: string, title: string) {
  await page.goto("/");
  await page.getByRole("link", { name: forum, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: forum })).toBeVisible();
  // Threads other specs start are newer, so a seed thread may sit on a later page: page on, as a
  // reader would, until it shows.
  const link = page.getByRole("link", { name: title, exact: true });
  for (let next = 2; next <= 10 && !(await link.isVisible()); next++) {
    await page
      .getByRole("navigation", { name: "Pages" })
      .first()
      .getByRole("link", { name: "Next" })
      .click();
    await expect(page).toHaveURL(new RegExp(`[?&]page=${next}$`));
  }
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
}

test("the home page lists the seeded forums with their counts", async ({ page }) => {
  await page.goto("/");
  // Other specs post in Global Defence; the Articles forum only ever holds the three seed articles.
  const defence = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: "Global Defence", exact: true }) });
  await expect(defence).toContainText(/Threads\d+/);
  await expect(defence).toContainText(/Messages\d+/);
  const articles = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: "Articles", exact: true }) });
  await expect(articles).toContainText("Threads3");
  await expect(articles).toContainText("Messages3");
});

test("the ELITE MEMBER thread shows its opening post's member card, guests and recovered quotes", async ({
  page,
}) => {
  await openThreadFromHome(page, "Global Defence", THREAD_000);
  const posts = page.locator("article[id^=post-]");
  await expect(posts).toHaveCount(13);

  const opening = posts.first();
  await expect(opening.getByRole("link", { name: "Aepsilons" })).toBeVisible();
  await expect(opening).toContainText("ELITE MEMBER");
  await expect(opening).toContainText("JoinedMay 29, 2014");
  await expect(opening).toContainText("Messages24,960");
  await expect(opening).toContainText("Reaction score118");
  await expect(opening.getByRole("img", { name: "Japan" })).toBeVisible();
  await expect(opening).toContainText("United States");

  // Later authors were lost by the scrape: shown as guests, not invented.
  await expect(posts.nth(1).locator(".member-card")).toContainText("Guest");

  // Post #3 quotes post #2 in full, then adds its own words.
  const third = posts.nth(2);
  const quote = third.locator("blockquote").first();
  await expect(quote).toContainText("Guest said:");
  await expect(quote).toContainText("Policy Recommendations");
  await expect(
    third.locator(".post-body > p").filter({ hasText: "Bear will find comfort in Japan" }),
  ).toHaveCount(1);

  // A long quote collapses until the reader expands it.
  const expand = third.getByRole("button", { name: "Click to expand" });
  await expect(expand).toBeVisible();
  await expect(quote.locator(".quote-body")).toHaveClass(/quote-collapsed/);
  await expand.click();
  await expect(quote.locator(".quote-body")).not.toHaveClass(/quote-collapsed/);
  await expect(expand).toHaveCount(0);

  // The attribution links to the quoted post, which the permalink redirect scrolls to.
  const secondId = await posts.nth(1).getAttribute("id");
  await quote.getByRole("link", { name: "Guest said:" }).click();
  await expect(page).toHaveURL(new RegExp(`#${secondId}$`));

  // Smilie-free mentions stay visible; missing image files say so.
  await expect(opening.locator(".mention", { hasText: "@vostok" })).toHaveCount(0);
  await expect(posts.nth(1).locator(".mention", { hasText: "@vostok" })).toBeVisible();
  await expect(page.getByRole("img", { name: /042-043\.jpg/ })).toBeVisible();
});

test("the Senior Member thread shows each author's card, custom titles and quotes", async ({
  page,
}) => {
  await openThreadFromHome(page, "Global Defence", THREAD_003);
  const posts = page.locator("article[id^=post-]");
  // The seed's seven posts come first; other specs may have replied after them.
  await expect(posts.nth(6)).toBeVisible();
  const authors = (await posts.locator(".member-card .username").allInnerTexts()).slice(0, 7);
  expect(authors).toEqual([
    "Srinivas_K",
    "Razor",
    "Srinivas_K",
    "Razor",
    "northernarunachalpradesh",
    "no smoking",
    "amoy",
  ]);

  const razor = posts.nth(1);
  await expect(razor).toContainText("STABLE GENIUS");
  await expect(razor).toContainText("Senior Member");
  await expect(razor).toContainText("Messages7,701");

  const reply = posts.nth(2);
  await expect(reply.locator("blockquote")).toContainText("Razor said:");
  await expect(reply.locator("blockquote")).toContainText(
    "Almost certainly Russia-China relations will grow stronger",
  );
  await expect(posts.nth(3)).toContainText("Last edited");
  await expect(posts.nth(6).locator('.smilie[title=":thumb:"]')).toHaveText("👍");
});

test("the three articles read as threads with their bylines", async ({ page }) => {
  for (const title of ARTICLES) {
    await openThreadFromHome(page, "Articles", title);
    await expect(page.locator("article[id^=post-]")).toHaveCount(1);
  }
  await page.goto("/forums/articles");
  await page.getByRole("link", { name: ARTICLES[1]!, exact: true }).click();
  await expect(page.locator("article").first()).toContainText("Tsuneo Akaha and Anna Vassilieva");
  await expect(page.locator("article").first()).not.toContainText("Subscribe to East Asia Forum");
});

test("member pages show the profile and recent posts", async ({ page }) => {
  await openThreadFromHome(page, "Global Defence", THREAD_003);
  await page.locator("article").nth(1).getByRole("link", { name: "Razor" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Razor" })).toBeVisible();
  await expect(page.getByText("STABLE GENIUS")).toBeVisible();
  await expect(
    page.getByRole("region", { name: "Recent posts" }).getByRole("listitem"),
  ).toHaveCount(2);
});

test("unknown forums, threads, members and pages are 404 pages", async ({ page }) => {
  for (const url of [
    "/forums/no-such-forum",
    "/threads/999999-nothing",
    "/threads/abc",
    "/members/999999-nobody",
    "/posts/999999",
    "/forums/articles?page=99",
    "/forums/articles?page=-1",
    "/threads/1?page=2",
    "/threads/1?page=abc",
  ]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
});

test("the forum can be read with the keyboard alone", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  // Tab until the forum link has focus, then follow it with Enter.
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press("Tab");
    if (
      await page
        .getByRole("link", { name: "Global Defence", exact: true })
        .evaluate((el) => el === document.activeElement)
    )
      break;
  }
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Global Defence" })).toBeVisible();
});
