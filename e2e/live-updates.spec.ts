// Live updates: a thread page open in one browser hears of a reply posted in another, and a member's
// bell counts a new alert, without a reload (GET /api/live, server/live-updates.ts).
import { expect, test, type Page } from "@playwright/test";
import { memberInOwnBrowser, startThread, uniqueName } from "./fixtures";

const bell = (page: Page) =>
  page
    .getByRole("navigation", { name: "Account" })
    .getByRole("link", { name: "Alerts", exact: true });

test("a reader's open thread page says a reply arrived, and shows it on request", async ({
  browser,
}) => {
  const author = await memberInOwnBrowser(browser, "author");
  const url = await startThread(author.page, `Live ${uniqueName("t")}`);
  const guest = await browser.newContext();
  const reader = await guest.newPage();
  await reader.goto(url);
  await expect(reader.getByRole("status").filter({ hasText: "new repl" })).toHaveCount(0);

  const replier = await memberInOwnBrowser(browser, "replier");
  await replier.page.goto(url);
  await replier.page.getByRole("textbox", { name: "Message" }).fill("News from elsewhere.");
  await replier.page.getByRole("button", { name: "Post reply" }).click();
  await expect(replier.page).toHaveURL(/#post-\d+$/);
  // The replier's own page does not announce their own reply.
  await expect(replier.page.getByText("1 new reply")).toHaveCount(0);

  const notice = reader.getByRole("status").filter({ hasText: "1 new reply" });
  await expect(notice).toBeVisible();
  await notice.getByRole("link", { name: "Show it" }).click();
  await expect(reader.locator("article[id^=post-]").last()).toContainText("News from elsewhere.");
  await expect(reader.getByText("1 new reply")).toHaveCount(0);
  await guest.close();
});

test("a member's bell counts a new alert while they stay on the page", async ({ browser }) => {
  const quoted = await memberInOwnBrowser(browser, "quoted");
  const url = await startThread(quoted.page, `Live bell ${uniqueName("t")}`);
  await quoted.page.goto("/");
  await expect(bell(quoted.page)).toBeVisible();
  await expect(bell(quoted.page)).not.toHaveAccessibleDescription(/unread alert/);

  const other = await memberInOwnBrowser(browser, "quoter");
  await other.page.goto(url);
  await other.page.getByRole("textbox", { name: "Message" }).fill(`@${quoted.name} have a look.`);
  await other.page.getByRole("button", { name: "Post reply" }).click();
  await expect(other.page).toHaveURL(/#post-\d+$/);

  await expect(bell(quoted.page)).toHaveAccessibleDescription("1 unread alert");
});
