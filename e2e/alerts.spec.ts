import { expect, test, type Page } from "@playwright/test";
import { memberInOwnBrowser, signUp, startThread, uniqueName } from "./fixtures";

const accountNav = (page: Page) => page.getByRole("navigation", { name: "Account" });
const bell = (page: Page) => accountNav(page).getByRole("link", { name: "Alerts", exact: true });

/** Posts a reply and answers its id, read from the #post-N the page lands on (a new one: the page
 * may already show an earlier #post-N). */
async function reply(page: Page, message?: string): Promise<number> {
  const before = page.url();
  if (message !== undefined) await page.getByRole("textbox", { name: "Message" }).fill(message);
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect(page).not.toHaveURL(before);
  await expect(page).toHaveURL(/#post-\d+$/);
  const id = Number(/#post-(\d+)$/.exec(page.url())![1]);
  await expect(page.locator(`#post-${id}`)).toBeVisible();
  return id;
}

async function noSidewaysScroll(page: Page) {
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
  ).toBeLessThanOrEqual(0);
}

test("watch a thread, be alerted of replies, quotes and mentions, and mark alerts read", async ({
  browser,
}) => {
  const b = await memberInOwnBrowser(browser, "writer");
  const a = await memberInOwnBrowser(browser, "watcher");
  const title = `Frigate sea trials, and what the new sonar suite means for the fleet ${uniqueName("t")}`;
  const threadUrl = await startThread(b.page, title, "Who keeps an eye on this?");

  // A watches B's thread; the button says so at once, and still after a reload.
  await a.page.goto(threadUrl);
  await expect(bell(a.page)).not.toHaveAttribute("aria-describedby");
  await a.page.getByRole("button", { name: "Watch", exact: true }).click();
  await expect(a.page.getByRole("button", { name: "Unwatch", exact: true })).toBeVisible();
  await a.page.reload();
  await expect(a.page.getByRole("button", { name: "Unwatch", exact: true })).toBeVisible();

  // B replies: A's bell counts it, and the alert leads to B's post.
  await b.page.goto(threadUrl);
  const replyId = await reply(b.page, "The trials went well.");
  await a.page.goto("/");
  await expect(bell(a.page)).toHaveAccessibleName("Alerts");
  await expect(bell(a.page)).toHaveAccessibleDescription("1 unread alert");
  await expect(bell(a.page)).toContainText("1");
  await bell(a.page).click();
  await expect(a.page.getByRole("heading", { level: 1, name: "Alerts" })).toBeVisible();
  const replied = a.page.getByRole("link", { name: `${b.name} replied to the thread ${title}` });
  await expect(replied).toHaveAttribute("href", /^\/alerts\/open\/\d+$/);
  await expect(a.page.getByRole("listitem").filter({ has: replied })).toContainText("Unread");
  // Opening it reads it, and lands on the reply.
  await replied.click();
  await expect(a.page).toHaveURL(new RegExp(`/posts/${replyId}|#post-${replyId}$`));
  await expect(bell(a.page)).not.toHaveAttribute("aria-describedby");
  await expect(a.page.locator(`#post-${replyId}`)).toContainText("The trials went well.");

  // A answers; B quotes that answer, then mentions A.
  const answerId = await reply(a.page, "Glad to hear it.");
  await b.page.goto(threadUrl);
  await b.page
    .locator(`#post-${answerId}`)
    .getByRole("button", { name: "Quote", exact: true })
    .click();
  await expect(b.page.getByRole("textbox", { name: "Message" })).toHaveValue(
    new RegExp(`::: quote ${answerId} ${a.name}`),
  );
  await b.page.getByRole("textbox", { name: "Message" }).press("End");
  await b.page.getByRole("textbox", { name: "Message" }).pressSequentially("\nSo am I.");
  await reply(b.page);
  await reply(b.page, `What next, @${a.name}?`);

  // The reply's alert was read by opening it: the quote and the mention are unread.
  await a.page.goto("/alerts");
  await expect(a.page.getByText("2 unread alerts.")).toBeVisible();
  const alertLinks = a.page.getByRole("list", { name: "Alerts, newest first" }).getByRole("link");
  await expect(alertLinks).toHaveText([
    `${b.name} mentioned you in ${title}`,
    `${b.name} quoted your post in ${title}`,
    `${b.name} replied to the thread ${title}`,
  ]);
  // A moment on the page reads what it shows (as XenForo does): the bell clears at once, the
  // highlights stay for this visit, and the next visit has none. "Mark all read" still works.
  await expect(bell(a.page)).not.toHaveAttribute("aria-describedby");
  await expect(a.page.getByRole("button", { name: /^Mark read:/ })).toHaveCount(2);
  await a.page.getByRole("button", { name: "Mark all read", exact: true }).click();
  await expect(a.page.getByText("You have no unread alerts.")).toBeVisible();
  await expect(a.page.getByRole("button", { name: /^Mark read:/ })).toHaveCount(0);

  // Both pages and the header read well on a desktop and a 390 px phone, with no sideways scrolling.
  for (const [label, size] of [
    ["phone", { width: 390, height: 844 }],
    ["desktop", { width: 1280, height: 720 }],
  ] as const) {
    await a.page.setViewportSize(size);
    await a.page.goto("/watched");
    await expect(a.page.getByRole("link", { name: title, exact: true })).toBeVisible();
    await noSidewaysScroll(a.page);
    await a.page.screenshot({ path: `test-results/screens/watched-${label}.png`, fullPage: true });
    await a.page.goto("/alerts");
    await expect(alertLinks).toHaveCount(3);
    await noSidewaysScroll(a.page);
    await a.page.screenshot({ path: `test-results/screens/alerts-${label}.png`, fullPage: true });
    await a.page.locator("header").screenshot({ path: `test-results/screens/header-${label}.png` });
  }

  // The watched thread is listed, and can be unwatched from there.
  await accountNav(a.page).getByRole("link", { name: "Watched threads", exact: true }).click();
  await expect(a.page.getByRole("heading", { level: 1, name: "Watched threads" })).toBeVisible();
  const row = a.page
    .getByRole("listitem")
    .filter({ has: a.page.getByRole("link", { name: title, exact: true }) });
  await expect(row).toContainText("Global Defence");
  await expect(row).toContainText(`by ${b.name}`);
  await row.getByRole("button", { name: `Unwatch ${title}` }).click();
  await expect(a.page.getByRole("link", { name: title, exact: true })).toHaveCount(0);
  await a.page.goto(threadUrl);
  await expect(a.page.getByRole("button", { name: "Watch", exact: true })).toBeVisible();

  await a.context.close();
  await b.context.close();
});

test("the bell catches up on alerts while the member moves around the forum without reloading", async ({
  browser,
}) => {
  const a = await memberInOwnBrowser(browser, "reader");
  const b = await memberInOwnBrowser(browser, "mentioner");
  const title = `Where the bell rings ${uniqueName("t")}`;
  await startThread(b.page, title, "Who keeps an eye on this?");
  await expect(b.page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  await a.page.goto("/");
  await expect(bell(a.page)).not.toHaveAttribute("aria-describedby");
  await reply(b.page, `Have you seen this, @${a.name}?`);

  // A follows links only: the header is not drawn again, the bell asks for the count.
  await a.page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "What's new" })
    .click();
  await expect(a.page).toHaveURL(/\/whats-new/);
  await expect(bell(a.page)).toHaveAccessibleDescription("1 unread alert");

  // Read from the alerts page, the count goes as A moves on.
  await bell(a.page).click();
  // What's new has a "Mark all read" of its own (threads): wait for the alerts page.
  await expect(a.page.getByRole("heading", { level: 1, name: "Alerts" })).toBeVisible();
  await a.page.getByRole("button", { name: "Mark all read", exact: true }).click();
  await expect(a.page.getByText("You have no unread alerts.")).toBeVisible();
  await a.page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Forums" })
    .click();
  await expect(a.page).toHaveURL(/\/$/);
  await expect(bell(a.page)).not.toHaveAttribute("aria-describedby");

  await a.context.close();
  await b.context.close();
});

test("threads one starts or replies to are watched unless the account setting is off", async ({
  page,
}) => {
  await signUp(page);
  const title = `Auto-watched ${uniqueName("t")}`;
  const threadUrl = await startThread(page, title);
  await expect(page.getByRole("button", { name: "Unwatch", exact: true })).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: "test-results/screens/thread-watched-desktop.png" });
  await page.goto("/watched");
  await expect(page.getByRole("link", { name: title, exact: true })).toBeVisible();

  await page.goto("/account");
  const setting = page.getByRole("checkbox", { name: "Watch threads I start or reply to" });
  await expect(setting).toBeChecked();
  await setting.uncheck();
  const section = page.getByRole("region", { name: "Watched threads" });
  await section.getByRole("button", { name: "Save" }).click();
  await expect(section.getByRole("status")).toContainText("Saved");
  await page.reload();
  await expect(
    page.getByRole("checkbox", { name: "Watch threads I start or reply to" }),
  ).not.toBeChecked();

  // With the setting off, replying leaves an unwatched thread unwatched.
  await page.goto(threadUrl);
  await page.getByRole("button", { name: "Unwatch", exact: true }).click();
  await expect(page.getByRole("button", { name: "Watch", exact: true })).toBeVisible();
  await reply(page, "Adding to my own thread.");
  await page.reload();
  await expect(page.getByRole("button", { name: "Watch", exact: true })).toBeVisible();
  await page.goto("/watched");
  await expect(page.getByRole("link", { name: title, exact: true })).toHaveCount(0);
});

test("a hand-edited Mark read or Unwatch form changes nothing for a member; only a signed-out visitor is sent to sign in", async ({
  browser,
}) => {
  const a = await memberInOwnBrowser(browser, "tinkerer");
  const b = await memberInOwnBrowser(browser, "answerer");
  const title = `Forms edited by hand ${uniqueName("t")}`;
  const threadUrl = await startThread(a.page, title);
  await b.page.goto(threadUrl);
  await reply(b.page, "An answer, so there is an alert.");

  /** Submits the form with its hidden id replaced, and answers the action's response. */
  async function submitWith(field: string, value: string, button: string, path: string) {
    await a.page.locator(`input[name="${field}"]`).evaluate((input, v) => {
      (input as HTMLInputElement).value = v;
    }, value);
    const answered = a.page.waitForResponse(
      (r) => r.request().method() === "POST" && new URL(r.url()).pathname === path,
    );
    await a.page.getByRole("button", { name: button }).click();
    return answered;
  }

  await a.page.goto("/alerts");
  const markRead = `Mark read: ${b.name} replied to the thread ${title}`;
  for (const bad of ["__proto__", "99999999999", "-1", "abc"]) {
    const response = await submitWith("alertId", bad, markRead, "/alerts");
    expect(response.status(), bad).toBe(200);
    expect(response.headers()["x-action-redirect"], bad).toBeUndefined();
    await expect(a.page).toHaveURL(/\/alerts$/);
    await expect(a.page.getByText("1 unread alert.")).toBeVisible();
  }

  await a.page.goto("/watched");
  for (const bad of ["__proto__", "2147483648", "0"]) {
    const response = await submitWith("threadId", bad, `Unwatch ${title}`, "/watched");
    expect(response.status(), bad).toBe(200);
    expect(response.headers()["x-action-redirect"], bad).toBeUndefined();
    await expect(a.page).toHaveURL(/\/watched$/);
    await expect(a.page.getByRole("link", { name: title, exact: true })).toBeVisible();
  }

  // Signed out from another tab, the same form sends them to sign in, and back here afterwards.
  const other = await a.context.newPage();
  await other.goto("/");
  await other
    .getByRole("navigation", { name: "Account" })
    .getByRole("button", { name: "Sign out" })
    .click();
  await expect(accountNav(other).getByRole("link", { name: "Sign in" })).toBeVisible();
  await a.page.getByRole("button", { name: `Unwatch ${title}` }).click();
  await expect(a.page).toHaveURL(/\/login\?callbackUrl=(%2F|\/)watched$/);

  await a.context.close();
  await b.context.close();
});
