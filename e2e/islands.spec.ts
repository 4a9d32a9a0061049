// The shared copy of a reading page (a thread page, the home page, forum pages, profiles, What's new,
// search) runs without Next's client runtime: only its islands are hydrated, by one small bundle
// (app/_islands/client.tsx, served from /_next/static/islands/). These check that from the outside:
// what the browser downloads, and that what a reader does on the page (the menu, reactions, quotes,
// watching, ignored posts and threads, unread marks, Mark read, replying, signing out) still works.
import { expect, test, type Page } from "@playwright/test";
import { cookieValue, WROTE_COOKIE } from "../server/cookies";
import { memberInOwnBrowser, startThread, uniqueName } from "./fixtures";

const post = (page: Page, n: number) => page.locator("article[id^=post-]").nth(n);
const accountNav = (page: Page) => page.getByRole("navigation", { name: "Account" });

/** Loads `url` and answers the scripts the browser fetched for it. For two seconds after a write
 * the writer gets a render of their own, with Next's runtime (server/guest-page-cache.ts): the page
 * is loaded without that mark, so this is the page every other view gets. A write the previous page
 * was still finishing (a new member's first page reports their time zone) can set the mark again
 * between clearing it and the navigation (3 loads in 12 on a busy machine): such a load is not
 * the page under test, and it is loaded again. */
async function scriptsFor(page: Page, url: string) {
  for (let attempt = 1; ; attempt++) {
    await page.context().clearCookies({ name: WROTE_COOKIE });
    const scripts: string[] = [];
    const onRequest = (request: { resourceType(): string; url(): string }) => {
      if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
    };
    page.on("request", onRequest);
    const response = await page.goto(url);
    await page.waitForLoadState("networkidle");
    page.off("request", onRequest);
    const sent = (await response!.request().allHeaders()).cookie;
    if (cookieValue(sent, WROTE_COOKIE) === undefined) return scripts;
    expect(attempt, "a load of the page without a write just before it").toBeLessThan(3);
  }
}

test("a guest's thread page loads the islands bundle, not Next's runtime, and its parts work", async ({
  browser,
}) => {
  const author = await memberInOwnBrowser(browser, "islands");
  const url = await startThread(author.page, `Islands ${uniqueName("t")}`);
  await author.context.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  const scripts = await scriptsFor(page, url);
  expect(scripts.some((s) => s.startsWith("/_next/static/islands/"))).toBe(true);
  expect(scripts.filter((s) => s.startsWith("/_next/static/chunks/"))).toEqual([]);
  const html = await (await page.request.get(url)).text();
  expect(html).not.toContain("self.__next_f");
  expect(html).toContain("<parley-island");

  // Islands are live: the colour scheme toggle, dates in the reader's zone, the guest's reply text.
  const scheme = page.getByRole("group", { name: "Colour scheme" });
  await scheme.getByRole("button", { name: "Dark" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(scheme.getByRole("button", { name: "Dark" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(page.getByRole("link", { name: "Sign in to reply" })).toBeVisible();
  expect(errors).toEqual([]);
  await context.close();
});

test("a member on the islands page reacts, watches, quotes and replies; a post by someone they ignore unfolds with working tools", async ({
  browser,
}) => {
  const a = await memberInOwnBrowser(browser, "ignored");
  const title = `Islands member ${uniqueName("t")}`;
  const url = await startThread(a.page, title, "An opening post to quote from.");
  await a.context.close();

  const b = await memberInOwnBrowser(browser, "reader");
  const scripts = await scriptsFor(b.page, url);
  expect(scripts.filter((s) => s.startsWith("/_next/static/chunks/"))).toEqual([]);
  const opening = post(b.page, 0);

  // A reaction (a JSON route) and watching (a server action, through the islands' stub).
  const like = opening.getByRole("group", { name: "React" }).getByRole("button", { name: "Like" });
  await like.click();
  await expect(like).toHaveAttribute("aria-pressed", "true");
  await b.page.getByRole("button", { name: "Watch", exact: true }).click();
  await expect(b.page.getByRole("button", { name: "Unwatch", exact: true })).toBeVisible();
  await scriptsFor(b.page, url);
  await expect(like).toHaveAttribute("aria-pressed", "true");
  await expect(b.page.getByRole("button", { name: "Unwatch", exact: true })).toBeVisible();

  // Quote into the reply box, then post: the reply is on the page B lands on.
  await opening.getByRole("button", { name: "Quote", exact: true }).click();
  const message = b.page.getByRole("textbox", { name: "Message" });
  await expect(message).toHaveValue(/::: quote \d+ /);
  await message.press("End");
  await message.pressSequentially("\nA reply from the islands page.");
  await b.page.getByRole("button", { name: "Post reply" }).click();
  await expect(b.page).toHaveURL(/#post-\d+$/);
  await expect(post(b.page, 1)).toContainText("A reply from the islands page.");
  await expect(post(b.page, 1).locator("blockquote")).toContainText(
    "An opening post to quote from.",
  );

  // B ignores the author: their post folds; shown again, its tools still answer.
  await scriptsFor(b.page, url);
  await opening.getByRole("button", { name: "Ignore", exact: true }).click();
  await expect(opening.getByText("You are ignoring content by this member.")).toBeVisible();
  expect(
    (await scriptsFor(b.page, url)).filter((s) => s.startsWith("/_next/static/chunks/")),
  ).toEqual([]);
  await expect(opening.getByText("You are ignoring content by this member.")).toBeVisible();
  await opening.getByRole("button", { name: "Show ignored content" }).click();
  await expect(opening).toBeFocused();
  await expect(like).toHaveAttribute("aria-pressed", "true");
  await like.click();
  await expect(like).toHaveAttribute("aria-pressed", "false");

  // Signing out (a server action that redirects) leaves a guest's header.
  await accountNav(b.page).getByRole("button", { name: "Sign out" }).click();
  await expect(accountNav(b.page).getByRole("link", { name: "Sign in" })).toBeVisible();
  await b.context.close();
});

test("the home, forum, profile, What's new and search pages load no Next runtime for a guest or a member, and a member's parts there work", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  // B first: threads started after they joined are unread for them.
  const b = await memberInOwnBrowser(browser, "lists");
  const a = await memberInOwnBrowser(browser, "listed");
  const title = `Islands lists ${uniqueName("t")}`;
  await startThread(a.page, title, "A thread to be listed, then ignored.");
  const card = a.page.getByRole("complementary", { name: `About ${a.name}` });
  const profile = new URL(
    (await card.getByRole("link", { name: a.name, exact: true }).getAttribute("href"))!,
    a.page.url(),
  ).pathname;
  await a.context.close();

  const forum = "/forums/global-defence";
  const search = `/search?${new URLSearchParams({ q: title, titles: "1" })}`;
  const threadLink = (page: Page) => page.getByRole("link", { name: title, exact: true });
  const markRead = (page: Page) => page.getByRole("button", { name: /^Mark (all|forum) read$/ });

  const guest = await browser.newContext();
  const guestPage = await guest.newPage();
  const errors: string[] = [];
  for (const page of [guestPage, b.page]) {
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
  }
  for (const [url, listsTheThread, hasMarkRead] of [
    ["/", true, true],
    [forum, true, true],
    [profile, false, false],
    ["/whats-new/posts", true, true],
    ["/whats-new/threads", true, true],
    ["/whats-new/activity", true, true],
    [search, true, false],
  ] as const) {
    for (const page of [guestPage, b.page]) {
      const scripts = await scriptsFor(page, url);
      expect(
        scripts.some((s) => s.startsWith("/_next/static/islands/")),
        url,
      ).toBe(true);
      expect(
        scripts.filter((s) => s.startsWith("/_next/static/chunks/")),
        url,
      ).toEqual([]);
      await expect(page.locator("html")).toHaveAttribute("data-personal", "loaded");
      if (listsTheThread) await expect(threadLink(page), url).toBeVisible();
    }
    // Mark read is drawn for members only, from the personal answer.
    await expect(markRead(guestPage), url).toHaveCount(0);
    await expect(markRead(b.page), url).toHaveCount(hasMarkRead ? 1 : 0);
  }
  await guest.close();

  // On the forum page: A's thread is unread for B (bold, a jump link) until Mark forum read.
  await scriptsFor(b.page, forum);
  const row = b.page.getByRole("listitem").filter({ has: threadLink(b.page) });
  await expect(row.getByRole("heading")).toHaveText(`Unread: ${title}`);
  await expect(
    row.getByRole("link", { name: `Jump to first unread post in ${title}` }),
  ).toBeVisible();
  await markRead(b.page).click();
  await expect(b.page.getByRole("status")).toHaveText("Every thread in this forum is marked read.");
  await expect(row.getByRole("heading")).toHaveText(title);
  await expect(row.getByRole("link", { name: /Jump to first unread/ })).toHaveCount(0);

  // B ignores A on A's profile: A's thread leaves B's lists (its row hidden, still in the page),
  // and is back once B unignores them.
  await scriptsFor(b.page, profile);
  await b.page.getByRole("button", { name: "Ignore", exact: true }).click();
  await expect(b.page.getByRole("button", { name: "Unignore", exact: true })).toBeVisible();
  for (const url of [forum, "/whats-new/threads", "/whats-new/activity", search]) {
    await scriptsFor(b.page, url);
    await expect(b.page.locator("html")).toHaveAttribute("data-personal", "loaded");
    await expect(threadLink(b.page), url).toHaveCount(0);
    await expect(
      b.page.locator("li[data-authors][hidden]").filter({ hasText: title }),
      url,
    ).toHaveCount(1);
  }
  await scriptsFor(b.page, profile);
  await b.page.getByRole("button", { name: "Unignore", exact: true }).click();
  await expect(b.page.getByRole("button", { name: "Ignore", exact: true })).toBeVisible();
  await scriptsFor(b.page, forum);
  await expect(threadLink(b.page)).toBeVisible();
  expect(errors).toEqual([]);
  await b.context.close();
});

test("on the islands page an author edits their post in place, and another member reports it", async ({
  browser,
}) => {
  const a = await memberInOwnBrowser(browser, "editor");
  const url = await startThread(
    a.page,
    `Islands edit ${uniqueName("t")}`,
    "Words before the edit.",
  );

  // The editor and the report dialog load on first use, each from a chunk of the islands bundle.
  expect(
    (await scriptsFor(a.page, url)).filter((s) => s.startsWith("/_next/static/chunks/")),
  ).toEqual([]);
  const own = post(a.page, 0);
  await own.getByRole("button", { name: "Edit", exact: true }).click();
  const editor = own.getByRole("textbox", { name: "Message" });
  await expect(editor).toHaveValue("Words before the edit.");
  await editor.fill("Words after the edit.");
  await own.getByRole("button", { name: "Save", exact: true }).click();
  await expect(own).toContainText("Words after the edit.");
  await expect(own).toContainText("Last edited");

  const b = await memberInOwnBrowser(browser, "reporter");
  await scriptsFor(b.page, url);
  await expect(b.page.locator("html")).toHaveAttribute("data-personal", "loaded");
  await post(b.page, 0).getByRole("button", { name: "Report" }).click();
  const dialog = b.page.getByRole("dialog", { name: /^Report .+'s post$/ });
  await dialog.getByLabel("Reason").fill("Reported from a page without Next's runtime.");
  await dialog.getByRole("button", { name: "Send report" }).click();
  await expect(dialog.getByRole("status")).toHaveText("Thanks: the moderators will look at it.");
  await a.context.close();
  await b.context.close();
});
