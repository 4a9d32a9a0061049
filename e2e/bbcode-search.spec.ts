// Issue 17: BBCode as XenForo members write it, search that finds titles, canonical addresses.
import { expect, test } from "@playwright/test";
import { openThread, signUp, uniqueName } from "./fixtures";

// A seed thread (imported at start) and the author of its opening post.
const SEED_THREAD = "Japan-Russia Relations: Toward a Peace Treaty and Beyond";
const SEED_AUTHOR = "Aepsilons";

test("a member's BBCode post with a XenForo quote shows a linked quote, and its title word is found by search", async ({
  page,
}) => {
  await signUp(page);
  await openThread(page, SEED_THREAD);
  const quotedId = (await page.locator("article").first().getAttribute("id"))!.replace("post-", "");

  // A word only in the title, and none of the title's other words in the post.
  const titleWord = uniqueName("bbtitle")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
  const title = `Peace ${titleWord}`;
  const message =
    `[quote="${SEED_AUTHOR}, post: ${quotedId}, member: 45"]The quoted words[/quote]\n` +
    "I [b]agree[/b], see [url=https://example.com/treaty]the treaty[/url].\n" +
    "[list][*]one point[*]another[/list]\n[spoiler=Ending]it ends well[/spoiler]";

  await page.goto("/forums/global-defence");
  await page.getByRole("link", { name: "New thread" }).click();
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByRole("textbox", { name: "Message" }).fill(message);
  // The preview is rendered as posting will.
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview.locator("blockquote.quote")).toContainText("The quoted words");
  await page.getByRole("button", { name: "Write", exact: true }).click();
  await page.getByRole("button", { name: "Post thread" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  const post = page.locator("article").first();
  const quote = post.locator("blockquote.quote");
  await expect(quote).toContainText("The quoted words");
  const attribution = quote.getByRole("link", { name: `${SEED_AUTHOR} said:` });
  await expect(attribution).toHaveAttribute("href", `/posts/${quotedId}`);
  await expect(post.locator("strong", { hasText: "agree" })).toBeVisible();
  await expect(post.getByRole("link", { name: "the treaty" })).toHaveAttribute(
    "href",
    "https://example.com/treaty",
  );
  await expect(post.getByRole("listitem")).toHaveCount(2);
  await expect(post.getByText("[b]")).toHaveCount(0);
  await post.scrollIntoViewIfNeeded();
  await post.screenshot({ path: "test-results/screens/bbcode-post.png" });

  // The quote leads to the quoted post in its thread.
  await attribution.click();
  await expect(page.getByRole("heading", { level: 1, name: SEED_THREAD })).toBeVisible();

  // Found by its title word without ticking "Titles only".
  await page.goto("/search");
  await page.getByLabel("Search", { exact: true }).fill(titleWord);
  await expect(page.getByLabel("Titles only")).not.toBeChecked();
  await page.getByRole("button", { name: "Search", exact: true }).click();
  const hit = page.getByRole("region", { name: /results? for/ }).getByRole("listitem");
  await expect(hit).toHaveCount(1);
  await expect(hit.getByRole("link", { name: title })).toBeVisible();
  await expect(hit.locator("mark", { hasText: titleWord })).toBeVisible();
  // The snippet shows the words, not the BBCode.
  await expect(hit).toContainText("I agree, see the treaty");
  await expect(hit).not.toContainText("[b]");
});

test("a wrong slug answers a permanent redirect to the canonical address, which the page names", async ({
  page,
}) => {
  await openThread(page, SEED_THREAD);
  const canonical = new URL(page.url()).pathname;
  const id = /^\/threads\/(\d+)-/.exec(canonical)![1];

  const answer = await page.request.get(`/threads/${id}-some-old-title?page=1&x=y`, {
    maxRedirects: 0,
  });
  expect(answer.status()).toBe(308);
  expect(answer.headers()["location"]).toBe(`${canonical}?page=1&x=y`);
  // Asked again within the page cache's second: the same answer.
  const again = await page.request.get(`/threads/${id}-some-old-title?page=1&x=y`, {
    maxRedirects: 0,
  });
  expect(again.status()).toBe(308);
  expect(again.headers()["location"]).toBe(`${canonical}?page=1&x=y`);

  await page.goto(`/threads/${id}`);
  await expect(page).toHaveURL(new RegExp(`${canonical}$`));
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", canonical);

  await page.goto("/?x=y");
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", "/");
  // Pages without an address of their own name their path.
  await page.goto("/whats-new/posts?x=y");
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", "/whats-new/posts");

  const member = await page.request.get("/members/1-not-their-name", { maxRedirects: 0 });
  expect(member.status()).toBe(308);
  expect(member.headers()["location"]).toMatch(/^\/members\/1-[^/]+$/);
  expect(member.headers()["location"]).not.toBe("/members/1-not-their-name");

  const forum = await page.request.get("/forums/Global-Defence", { maxRedirects: 0 });
  expect(forum.status()).toBe(308);
  expect(forum.headers()["location"]).toBe("/forums/global-defence");
});
