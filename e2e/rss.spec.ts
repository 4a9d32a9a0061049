import { expect, test, type Page } from "@playwright/test";
import { signUp, uniqueName } from "./fixtures";

const ARTICLE = "Russo-Japanese ties thaw after long freeze";

/** Parses with the browser's strict XML parser; returns item titles, or throws on an XML error. */
async function itemTitles(page: Page, xml: string): Promise<string[]> {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "application/xml");
    const error = doc.querySelector("parsererror");
    if (error) throw new Error(`not well-formed: ${error.textContent}`);
    if (doc.documentElement.nodeName !== "rss")
      throw new Error(`root is ${doc.documentElement.nodeName}`);
    return [...doc.querySelectorAll("channel > item > title")].map((t) => t.textContent ?? "");
  }, xml);
}

test("a forum's feed and the site feed answer with RSS that lists threads, escaped", async ({
  page,
  request,
}) => {
  await page.goto("/forums/articles");
  const link = page.getByRole("link", { name: "RSS", exact: true });
  await expect(link).toHaveAttribute("href", "/forums/articles/rss");
  await expect(page.locator('head link[rel="alternate"][type="application/rss+xml"]')).toHaveCount(
    2,
  );

  const forumFeed = await request.get("/forums/articles/rss");
  expect(forumFeed.status()).toBe(200);
  expect(forumFeed.headers()["content-type"]).toBe("application/rss+xml; charset=utf-8");
  expect(forumFeed.headers()["cache-control"]).toContain("max-age=300");
  const forumXml = await forumFeed.text();
  const etag = forumFeed.headers()["etag"];
  expect(etag).toMatch(/^"[\w-]+"$/);
  expect(
    (await request.get("/forums/articles/rss", { headers: { "if-none-match": etag! } })).status(),
  ).toBe(304);
  expect(await itemTitles(page, forumXml)).toContain(ARTICLE);
  // Links name the host the reader asked for.
  expect(forumXml).toContain(
    `<atom:link href="${new URL(page.url()).origin}/forums/articles/rss" rel="self"`,
  );

  // Seed threads are old, so threads other specs start can push them off the site feed: start one.
  const title = `Feeds <&> "escaping" ${uniqueName("t")}`;
  await signUp(page);
  await page.goto("/forums/global-defence/new");
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByRole("textbox", { name: "Message" }).fill("Checking the <feed> & its escaping.");
  await page.getByRole("button", { name: "Post thread" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  const siteFeed = await request.get("/rss");
  expect(siteFeed.status()).toBe(200);
  expect(siteFeed.headers()["content-type"]).toBe("application/rss+xml; charset=utf-8");
  expect((await itemTitles(page, await siteFeed.text()))[0]).toBe(title);
  expect(
    (await itemTitles(page, await (await request.get("/forums/global-defence/rss")).text()))[0],
  ).toBe(title);

  await page.goto("/");
  await expect(
    page.locator('head link[rel="alternate"][type="application/rss+xml"]'),
  ).toHaveAttribute("href", "/rss");
  expect((await request.get("/forums/no-such-forum/rss")).status()).toBe(404);
});
