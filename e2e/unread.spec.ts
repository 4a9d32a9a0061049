import { expect, test, type Browser, type Page } from "@playwright/test";
import { signUp, uniqueName, startThread } from "./fixtures";

const FORUM = "/forums/global-defence";

/** Replies in the thread and returns the new post's id, read from the "#post-<id>" the form lands on. */
async function reply(page: Page, message: string): Promise<string> {
  await page.getByRole("textbox", { name: "Message" }).fill(message);
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect(page).toHaveURL(/#post-\d+$/);
  return /#post-(\d+)$/.exec(page.url())![1]!;
}

async function member(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const name = await signUp(page);
  return { context, page, name };
}

/** The list row holding the thread, wherever the list is. */
const rowOf = (page: Page, title: string) =>
  page.getByRole("listitem").filter({ has: page.getByRole("link", { name: title, exact: true }) });

async function expectUnread(page: Page, title: string, unread: boolean) {
  // Unread marks are the reader's own: they come with the personal answer, after the page loads.
  await expect(page.locator("html")).toHaveAttribute("data-personal", "loaded");
  const row = rowOf(page, title);
  const link = row.getByRole("link", { name: title, exact: true });
  const weight = await link.evaluate((el) => Number(getComputedStyle(el).fontWeight));
  if (unread) {
    expect(weight).toBeGreaterThanOrEqual(700);
    await expect(row.getByRole("heading")).toHaveText(`Unread: ${title}`);
    await expect(
      row.getByRole("link", { name: `Jump to first unread post in ${title}` }),
    ).toBeVisible();
  } else {
    expect(weight).toBeLessThan(600);
    await expect(row.getByRole("heading")).toHaveText(title);
    await expect(row.getByRole("link", { name: /Jump to first unread/ })).toHaveCount(0);
  }
}

const noSidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test("a reply shows as unread until read, the jump link lands on it, and Mark all read clears it", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const a = await member(browser);
  const title = `Unread tracking ${uniqueName("t")}`;
  // A long opening post, so the reply sits below the fold and landing on it proves the jump.
  const opening = Array.from(
    { length: 60 },
    (_, i) => `Paragraph ${i + 1} of a long opening post.`,
  ).join("\n\n");
  await startThread(a.page, title, opening);

  // A has read their own thread: nothing to show in bold.
  await a.page.goto(FORUM);
  await expectUnread(a.page, title, false);

  const b = await member(browser);
  await b.page.goto(FORUM);
  await b.page.getByRole("link", { name: title, exact: true }).click();
  const replyId = await reply(b.page, "A reply from the second member.");

  // Prefetching the thread is not reading it. Next's router prefetches the links on screen and on
  // hover where a page has its runtime (a member's own render, a staff copy; the shared copy of a
  // forum page has no client router, app/_islands), and a browser may prefetch a page: a full
  // router prefetch and a browser prefetch, with A's cookies, are rendered, not read.
  await a.page.goto(FORUM);
  const threadLink = rowOf(a.page, title).getByRole("link", { name: title, exact: true });
  const threadPath = new URL((await threadLink.getAttribute("href"))!, a.page.url()).pathname;
  const prefetchHeaders: Record<string, string>[] = [
    { rsc: "1", "next-router-prefetch": "1" },
    { "sec-purpose": "prefetch" },
  ];
  for (const headers of prefetchHeaders) {
    expect((await a.page.request.get(threadPath, { headers })).ok()).toBe(true);
  }
  await a.page.reload();
  await expectUnread(a.page, title, true);
  await a.page.screenshot({
    path: "test-results/screens/unread-forum-desktop.png",
    fullPage: true,
  });

  await a.page.goto("/whats-new/posts");
  await expectUnread(a.page, title, true);
  await a.page.screenshot({
    path: "test-results/screens/whats-new-posts-desktop.png",
    fullPage: true,
  });
  await a.page.setViewportSize({ width: 390, height: 844 });
  expect(await noSidewaysScroll(a.page)).toBeLessThanOrEqual(0);
  await a.page.screenshot({
    path: "test-results/screens/whats-new-posts-phone.png",
    fullPage: true,
  });
  await a.page.goto(FORUM);
  expect(await noSidewaysScroll(a.page)).toBeLessThanOrEqual(0);
  await a.page.screenshot({ path: "test-results/screens/unread-forum-phone.png", fullPage: true });
  await a.page.setViewportSize({ width: 1280, height: 720 });

  // The "Unread only" filter keeps the thread; the jump link lands on B's reply.
  await a.page.goto("/whats-new/posts");
  await a.page.getByRole("link", { name: "Unread only" }).click();
  await expect(a.page).toHaveURL(/\/whats-new\/posts\?unread=1$/);
  await rowOf(a.page, title)
    .getByRole("link", { name: `Jump to first unread post in ${title}` })
    .click();
  await expect(a.page).toHaveURL(new RegExp(`#post-${replyId}$`));
  await expect(a.page.locator(`#post-${replyId}`)).toBeInViewport();
  await expect(a.page.locator(`#post-${replyId}`)).toContainText("A reply from the second member.");

  // Having seen the reply, A has read the thread.
  await a.page.goto(FORUM);
  await expectUnread(a.page, title, false);

  // Another reply makes it unread again; Mark all read clears the bold.
  await b.page.goto(FORUM);
  await b.page.getByRole("link", { name: title, exact: true }).click();
  await reply(b.page, "And one more.");
  await a.page.goto("/whats-new/posts");
  await expectUnread(a.page, title, true);
  await a.page.getByRole("button", { name: "Mark all read" }).click();
  await expect(a.page.getByRole("status")).toHaveText("Every thread is marked read.");
  await expectUnread(a.page, title, false);
  await a.page.reload();
  await expectUnread(a.page, title, false);
  await a.page.goto(FORUM);
  await expectUnread(a.page, title, false);

  await a.context.close();
  await b.context.close();
});

test("Mark forum read clears the forum's unread threads", async ({ browser }) => {
  const a = await member(browser);
  const b = await member(browser);
  const title = `Forum read ${uniqueName("t")}`;
  await startThread(b.page, title, "A thread the first member has never opened.");
  await a.page.goto(FORUM);
  await expectUnread(a.page, title, true);
  await a.page.getByRole("button", { name: "Mark forum read" }).click();
  await expect(a.page.getByRole("status")).toHaveText("Every thread in this forum is marked read.");
  await expectUnread(a.page, title, false);
  await a.context.close();
  await b.context.close();
});

test("a guest finds What's new from the header and moves between its tabs", async ({ page }) => {
  await page.goto("/");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "What's new", exact: true })
    .click();
  await expect(page).toHaveURL(/\/whats-new\/posts$/);
  await expect(page.getByRole("heading", { level: 1, name: "What's new" })).toBeVisible();
  const tabs = page.getByRole("navigation", { name: "What's new" });
  await expect(tabs.getByRole("link", { name: "New posts" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(page.getByRole("button", { name: "Mark all read" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Unread only" })).toHaveCount(0);
  // Threads are listed; nothing is bold for a guest.
  await expect(
    page.getByRole("region", { name: "Threads" }).getByRole("listitem").first(),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: /Jump to first unread/ })).toHaveCount(0);

  await tabs.getByRole("link", { name: "New threads" }).click();
  await expect(page).toHaveURL(/\/whats-new\/threads$/);
  await expect(tabs.getByRole("link", { name: "New threads" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(
    page.getByRole("region", { name: "Threads" }).getByRole("listitem").first(),
  ).toBeVisible();

  await tabs.getByRole("link", { name: "Latest activity" }).click();
  await expect(page).toHaveURL(/\/whats-new\/activity$/);
  await expect(
    page.getByRole("region", { name: "Latest activity" }).getByRole("listitem").first(),
  ).toBeVisible();
  await page.screenshot({
    path: "test-results/screens/whats-new-activity-desktop.png",
    fullPage: true,
  });
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
  await page.screenshot({
    path: "test-results/screens/whats-new-activity-phone.png",
    fullPage: true,
  });
  await page.setViewportSize({ width: 1280, height: 720 });

  // A page past the end says so; a page number that is not one goes back to the first page.
  const far = await page.goto("/whats-new/posts?page=49");
  expect(far?.status()).toBe(200);
  await expect(page.getByText(/There is no page 49 here/)).toBeVisible();
  await page.goto("/whats-new/threads?page=abc");
  await expect(page).toHaveURL(/\/whats-new\/threads$/);
  const beyondCap = await page.goto("/whats-new/activity?page=999999");
  expect(beyondCap?.status()).toBe(200);
  await expect(page.getByText(/There is no page 999999 here/)).toBeVisible();
});
