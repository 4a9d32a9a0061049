import { expect, test, type Browser, type Page } from "@playwright/test";
import { ADMIN, signIn, signUp, uniqueName, startThread } from "./fixtures";

const DENIED = "You do not have permission to view this page";
const THANKS = "Thanks: the moderators will look at it.";
const SETTING = "Posts to approve for new members";

const posts = (page: Page) => page.locator("article[id^=post-]");
const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" });

/** A fresh member in their own browser context. */
async function newMember(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const name = await signUp(page);
  return { context, page, name };
}

/** Reports the thread's first post through its "Report" dialog, with the keyboard only. */
async function reportFirstPost(
  page: Page,
  threadPath: string,
  reason: string,
  screenshot?: string,
) {
  await page.goto(threadPath);
  // Keys pressed before the page has hydrated open nothing (seen in a full CI run).
  await expect(page.locator("html")).toHaveAttribute("data-personal", "loaded");
  const button = posts(page).first().getByRole("button", { name: "Report" });
  await button.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: /^Report .+'s post$/ });
  await expect(dialog).toBeVisible();
  // The reason field has the focus as the dialog opens; Escape closes it and gives the focus back.
  await expect(dialog.getByLabel("Reason")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(button).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog.getByLabel("Reason")).toBeFocused();
  await page.keyboard.type(reason);
  if (screenshot) await page.screenshot({ path: `test-results/screens/${screenshot}.png` });
  await dialog.getByRole("button", { name: "Send report" }).click();
  await expect(dialog.getByRole("status")).toHaveText(THANKS);
  await expect(dialog.getByRole("button", { name: "Close" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
}

async function setApprovalSetting(page: Page, value: string) {
  await page.goto("/moderation/approval");
  await page.getByLabel(SETTING).fill(value);
  await page.getByRole("button", { name: "Save setting" }).click();
  await expect(page.getByRole("status")).toContainText(/Saved|Unchanged/);
  await expect(page.getByLabel(SETTING)).toHaveValue(value);
}

async function screenshots(page: Page, path: string, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(path);
  await page.screenshot({ path: `test-results/screens/${name}-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(path);
  await page.screenshot({ path: `test-results/screens/${name}-phone.png`, fullPage: true });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 900 });
}

// Other specs post as new members: whatever happens here, approval is switched off again.
test.afterAll(async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, ADMIN.username, ADMIN.password);
  await setApprovalSetting(page, "0");
  await context.close();
});

test("two members report a post; the administrator sees one report with both reasons and resolves it", async ({
  page,
  browser,
}) => {
  // Signed out, the page asks to sign in first.
  await page.goto("/moderation/reports");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fmoderation%2Freports$/);

  const author = await newMember(browser);
  const title = `Reported thread ${uniqueName("t")}`;
  const threadPath = await startThread(
    author.page,
    title,
    "Buy cheap watches at example.test, best prices!",
  );
  // No one reports their own post.
  await expect(posts(author.page).first().getByRole("button", { name: "Report" })).toHaveCount(0);

  const first = await newMember(browser);
  await reportFirstPost(
    first.page,
    threadPath,
    "Advertising, nothing to do with defence.",
    "report-dialog",
  );
  const second = await newMember(browser);
  await reportFirstPost(second.page, threadPath, "Spam link in the first line.");

  // Members cannot open the staff page, nor see its link.
  await expect(mainNav(second.page).getByRole("link", { name: /^Reports/ })).toHaveCount(0);
  const response = await second.page.goto("/moderation/reports");
  expect(response?.status()).toBe(403);
  await expect(second.page.getByRole("heading", { name: DENIED })).toBeVisible();

  await signIn(page, ADMIN.username, ADMIN.password);
  await mainNav(page)
    .getByRole("link", { name: /^Reports \(\d+\)$/ })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Reported posts" })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Reports by state" }).getByRole("link", { name: /^Open/ }),
  ).toHaveAttribute("aria-current", "page");
  const report = page.getByRole("listitem", { name: `Post by ${author.name} in “${title}”` });
  await expect(report).toHaveCount(1);
  await expect(report).toContainText("Buy cheap watches");
  await expect(report).toContainText("2 reports");
  const reasons = report.getByRole("list").last();
  await expect(reasons.getByRole("listitem")).toHaveCount(2);
  await expect(
    reasons.getByRole("listitem").filter({ hasText: "Advertising, nothing to do with defence." }),
  ).toContainText(first.name);
  await expect(
    reasons.getByRole("listitem").filter({ hasText: "Spam link in the first line." }),
  ).toContainText(second.name);
  await expect(report.getByRole("link", { name: /^View post #1$/ })).toHaveAttribute(
    "href",
    /^\/posts\/\d+$/,
  );
  await screenshots(page, "/moderation/reports", "moderation-reports");

  await report.getByLabel("Note for the moderator log (optional)").fill("Deleted the spam link.");
  await report.getByRole("button", { name: "Resolve" }).click();
  await expect(page.getByRole("status")).toHaveText(
    `Report on ${author.name}'s post in “${title}” resolved.`,
  );
  await expect(report).toHaveCount(0);

  await page
    .getByRole("navigation", { name: "Reports by state" })
    .getByRole("link", { name: /^Resolved/ })
    .click();
  const resolved = page.getByRole("listitem", { name: `Post by ${author.name} in “${title}”` });
  await expect(resolved).toContainText(`Resolved by ${ADMIN.username}`);
  await expect(resolved).toContainText("Deleted the spam link.");
  await expect(resolved.getByRole("button", { name: "Resolve" })).toHaveCount(0);

  await Promise.all([author.context.close(), first.context.close(), second.context.close()]);
});

test("with approval on, a new member's reply waits for the administrator, then everyone sees it", async ({
  page,
  browser,
}) => {
  await signIn(page, ADMIN.username, ADMIN.password);
  const title = `Approval thread ${uniqueName("t")}`;
  // Staff are never queued, whatever the setting.
  const threadPath = await startThread(page, title, "Welcome, new members: introduce yourselves.");
  await setApprovalSetting(page, "1");

  const newcomer = await newMember(browser);
  const words = `Hello from ${uniqueName("w")}`;
  await newcomer.page.goto(threadPath);
  await newcomer.page.getByRole("textbox", { name: "Message" }).fill(words);
  await newcomer.page.getByRole("button", { name: "Post reply" }).click();
  const mine = posts(newcomer.page).filter({ hasText: words });
  await expect(mine).toContainText("Awaiting approval");
  await expect(mine.getByRole("button", { name: "Report" })).toHaveCount(0);

  const reader = await newMember(browser);
  await reader.page.goto(threadPath);
  await expect(posts(reader.page).first()).toContainText("Welcome, new members");
  await expect(reader.page.getByText(words)).toHaveCount(0);
  const denied = await reader.page.goto("/moderation/approval");
  expect(denied?.status()).toBe(403);

  // The administrator sees the waiting post on the thread, with nothing the server would refuse:
  // no reactions, Quote, + Quote or Report until it is approved.
  await page.goto(threadPath);
  const waiting = posts(page).filter({ hasText: words });
  await expect(waiting).toContainText("Awaiting approval");
  await expect(waiting.getByRole("group", { name: "React" })).toHaveCount(0);
  await expect(waiting.getByRole("button", { name: "Quote", exact: true })).toHaveCount(0);
  await expect(waiting.getByRole("button", { name: "+ Quote" })).toHaveCount(0);
  await expect(waiting.getByRole("button", { name: "Report" })).toHaveCount(0);
  await expect(
    posts(page).first().getByRole("button", { name: "Quote", exact: true }),
  ).toBeVisible();

  await page.goto("/");
  await mainNav(page)
    .getByRole("link", { name: /^Approval queue \(\d+\)$/ })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Approval queue" })).toBeVisible();
  const item = page.getByRole("listitem", { name: `Reply by ${newcomer.name} in “${title}”` });
  await expect(item).toContainText(words);
  await screenshots(page, "/moderation/approval", "moderation-approval");
  await item.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Approved" })).toHaveText(
    `Approved ${newcomer.name}'s reply in “${title}”.`,
  );
  await expect(item).toHaveCount(0);

  await reader.page.goto(threadPath);
  await expect(posts(reader.page).filter({ hasText: words })).toBeVisible();
  await expect(posts(reader.page).filter({ hasText: words })).not.toContainText(
    "Awaiting approval",
  );
  await newcomer.page.reload();
  await expect(posts(newcomer.page).filter({ hasText: words })).not.toContainText(
    "Awaiting approval",
  );

  await setApprovalSetting(page, "0");
  await Promise.all([newcomer.context.close(), reader.context.close()]);
});
