import { expect, test, type Page } from "@playwright/test";
import { ADMIN, signIn, signUp, STRONG_PASSWORD, uniqueName, openThread } from "./fixtures";
import { callServerAction } from "./server-actions";

const THREAD_003 = "Why is Japan's Abe Seeking Better Ties with Russia's Putin?";
const DENIED = "You do not have permission to view this page";
const DAY = 86_400_000;

const accountNav = (page: Page) => page.getByRole("navigation", { name: "Account" });
const modLogLink = (page: Page) =>
  page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Moderator log" });
const logRows = (page: Page, text: string) =>
  page.getByRole("table", { name: "Log lines" }).getByRole("row").filter({ hasText: text });

/** "2026-06-15" → "Jun 15, 2026", as the forum prints days (UTC). */
const printed = (isoDate: string) =>
  new Intl.DateTimeFormat("en-US", {
    month: "short",
    day: "numeric",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${isoDate}T00:00:00Z`));

test("an administrator bans a member from their profile; the member is signed out, sees why, and posts again once unbanned", async ({
  page,
  browser,
}) => {
  // The member signs up and leaves a reply half written on a thread.
  const context = await browser.newContext();
  const member = await context.newPage();
  const name = await signUp(member);
  const profileUrl = await accountNav(member).getByRole("link", { name }).getAttribute("href");
  expect(profileUrl).toMatch(/^\/members\/\d+-/);
  await openThread(member, THREAD_003);
  await member.getByRole("textbox", { name: "Message" }).fill("Written before the ban.");

  // The administrator bans them from their profile, with a reason and an end date.
  await signIn(page, ADMIN.username, ADMIN.password);
  await page.goto(profileUrl!);
  const panel = page.getByRole("region", { name: "Moderation" });
  const reason = `Spamming links ${uniqueName("r")}`;
  const endsOn = new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10);
  await panel.getByLabel("Reason").fill(reason);
  await panel.getByLabel("Ban ends").fill(endsOn);
  await panel.getByRole("button", { name: "Ban", exact: true }).click();
  await expect(panel.getByRole("status")).toHaveText(
    `${name} is banned until ${printed(endsOn)}, 12:00 AM UTC.`,
  );
  await expect(panel.getByRole("status")).toBeFocused();
  await expect(panel).toContainText(`Reason: ${reason}`);
  await expect(page.getByText("Banned", { exact: true })).toBeVisible();
  await expect(panel.getByRole("button", { name: "Unban" })).toBeVisible();
  await expect(panel.getByLabel("Reason")).toHaveCount(0);

  // The reply form the member had open is refused: their session ended with the ban…
  await member.getByRole("button", { name: "Post reply" }).click();
  await expect(member.getByText("Sign in to post.")).toBeVisible();
  // …and their next request shows them signed out.
  await member.reload();
  await expect(accountNav(member).getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(accountNav(member).getByRole("link", { name })).toHaveCount(0);

  // They may sign in again: they see the reason and the end date, and no reply box.
  await signIn(member, name, STRONG_PASSWORD);
  const notice = member.getByRole("region", { name: "Your ban" });
  await expect(notice).toContainText(`You are banned: ${reason}.`);
  await expect(notice).toContainText(`Until ${printed(endsOn)}`);
  await openThread(member, THREAD_003);
  await expect(notice).toBeVisible();
  await expect(member.getByRole("textbox", { name: "Message" })).toHaveCount(0);
  await expect(
    member.getByText("Your account is banned: you can read the forum but not post or react."),
  ).toBeVisible();
  await member.screenshot({ path: "test-results/screens/ban-notice.png" });
  // Nor does the editor's Preview answer them when its request is sent by hand.
  const preview = () =>
    callServerAction(
      member,
      new URL(member.url()).pathname,
      "app/_components/editor/actions.ts",
      "previewPost",
      ["**Still here**"],
    );
  const refused = await preview();
  expect(refused).toContain(
    "Your account is banned: you can read the forum but not post or react.",
  );
  expect(refused).not.toContain("<strong>Still here</strong>");

  // The administrator lifts the ban; the member, still signed in, posts again.
  await panel.getByRole("button", { name: "Unban" }).click();
  await expect(panel.getByRole("status")).toHaveText(`${name} is no longer banned.`);
  await expect(panel.getByRole("button", { name: "Ban", exact: true })).toBeVisible();
  await expect(page.getByText("Banned", { exact: true })).toHaveCount(0);

  await member.reload();
  await expect(notice).toHaveCount(0);
  await member.getByRole("textbox", { name: "Message" }).fill("Back, and behaving.");
  await member.getByRole("button", { name: "Post reply" }).click();
  await expect(member.locator("article[id^=post-]").last()).toContainText("Back, and behaving.");
  expect(await preview()).toContain("<strong>Still here</strong>");
  await context.close();

  // The moderator log shows both lines, the ban with its reason and end date.
  await modLogLink(page).click();
  await expect(page.getByRole("heading", { level: 1, name: "Moderator log" })).toBeVisible();
  const ban = logRows(page, "user.ban").filter({ hasText: name });
  const unban = logRows(page, "user.unban").filter({ hasText: name });
  await expect(ban).toHaveCount(1);
  await expect(ban).toContainText(reason);
  await expect(ban).toContainText(`Until ${printed(endsOn)}`);
  await expect(ban).toContainText(ADMIN.username);
  await expect(ban.getByRole("link", { name, exact: true })).toHaveAttribute("href", profileUrl!);
  await expect(unban).toHaveCount(1);
  // Newest first: the unban comes before the ban.
  const rows = page
    .getByRole("table", { name: "Log lines" })
    .getByRole("row")
    .filter({ hasText: name });
  await expect(rows.first()).toContainText("user.unban");

  // Filter by action: only bans.
  await page.getByLabel("Action").selectOption("user.ban");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/\/moderation\/log\?action=user\.ban(&actor=)?$/);
  await expect(ban).toHaveCount(1);
  await expect(unban).toHaveCount(0);
  await expect(
    page
      .getByRole("table", { name: "Log lines" })
      .getByRole("row")
      .filter({ hasText: "user.unban" }),
  ).toHaveCount(0);

  // And by moderator, here together with a kind of action.
  await page.getByLabel("Action").selectOption("user");
  await page.getByLabel("Moderator").fill(ADMIN.username.toUpperCase());
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByLabel("Moderator")).toHaveValue(ADMIN.username);
  await expect(ban).toHaveCount(1);
  await expect(unban).toHaveCount(1);

  // Unknown names and malformed actions give an empty list with a message, not an error.
  await page.getByLabel("Moderator").fill("nobody-at-all");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("status")).toHaveText("No member is called “nobody-at-all”.");
  await expect(page.getByRole("table", { name: "Log lines" })).toHaveCount(0);
  const response = await page.goto("/moderation/log?action=%3Cscript%3E&page=1");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("status")).toHaveText("“<script>” is not an action.");
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/moderation\/log$/);
  await expect(ban).toHaveCount(1);
});

test("the moderator log is for staff: visitors sign in first, members are refused with a 403", async ({
  page,
  browser,
}) => {
  await page.goto("/moderation/log?action=user.ban");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fmoderation%2Flog%3Faction%3Duser\.ban$/);
  await page.getByLabel("Username or email").fill(ADMIN.username);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/moderation\/log\?action=user\.ban$/);
  await expect(page.getByLabel("Action")).toHaveValue("user.ban");

  const context = await browser.newContext();
  const member = await context.newPage();
  await signUp(member);
  await expect(modLogLink(member)).toHaveCount(0);
  const response = await member.goto("/moderation/log");
  expect(response?.status()).toBe(403);
  await expect(member.getByRole("heading", { name: DENIED })).toBeVisible();
  // Nor do members see ban tools on profiles.
  await member.goto("/members");
  await member.getByRole("region", { name: "Members" }).getByRole("link").first().click();
  await expect(member.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(member.getByRole("region", { name: "Moderation" })).toHaveCount(0);
  await context.close();
});

test("the ban form and the moderator log fit a desktop and a 360 px phone, and work from the keyboard", async ({
  page,
  browser,
}) => {
  const context = await browser.newContext();
  const member = await context.newPage();
  const name = await signUp(member);
  const profileUrl = (await accountNav(member).getByRole("link", { name }).getAttribute("href"))!;
  await context.close();

  await signIn(page, ADMIN.username, ADMIN.password);
  for (const [label, width, height] of [
    ["desktop", 1280, 900],
    ["phone", 360, 740],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.goto(profileUrl);
    await expect(page.getByRole("region", { name: "Moderation" })).toBeVisible();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `test-results/screens/ban-form-${label}.png`, fullPage: true });

    await page.goto("/moderation/log");
    await expect(page.getByRole("table", { name: "Log lines" })).toBeVisible();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `test-results/screens/mod-log-${label}.png`, fullPage: true });
  }

  // Keyboard only: an empty reason is refused by the browser, a typed one bans, and focus lands on the outcome.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(profileUrl);
  const panel = page.getByRole("region", { name: "Moderation" });
  await panel.getByLabel("Reason").focus();
  await page.keyboard.type("Keyboard ban");
  await page.keyboard.press("Tab");
  await expect(panel.getByLabel("Ban ends")).toBeFocused();
  // Through the date's month, day and year fields to the button.
  const banButton = panel.getByRole("button", { name: "Ban", exact: true });
  for (let i = 0; i < 4 && !(await banButton.evaluate((b) => b === document.activeElement)); i++)
    await page.keyboard.press("Tab");
  await expect(banButton).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(panel.getByRole("status")).toHaveText(`${name} is banned permanently.`);
  await expect(panel.getByRole("status")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(panel.getByRole("button", { name: "Unban" })).toBeFocused();
  await page.screenshot({ path: "test-results/screens/ban-form-banned.png", fullPage: true });
  await page.keyboard.press("Enter");
  await expect(panel.getByRole("status")).toHaveText(`${name} is no longer banned.`);
});
