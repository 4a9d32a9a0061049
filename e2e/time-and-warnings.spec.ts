import { expect, test, type Page } from "@playwright/test";
import { formatFull } from "../lib/time/when";
import {
  ADMIN,
  e2eDatabase,
  signIn,
  signUp,
  startThread,
  STRONG_PASSWORD,
  uniqueName,
} from "./fixtures";

const accountNav = (page: Page) => page.getByRole("navigation", { name: "Account" });
const postTime = (page: Page) => page.getByRole("article").first().locator("header time");

// A moment whose calendar day differs by zone: the evening of Mar 10 in New York (EDT, the day
// after clocks changed), the morning of Mar 11 in Tokyo.
const AT = new Date("2025-03-10T22:45:00Z");

test("dates show in the browser's zone, and the member's own zone overrides it", async ({
  browser,
}) => {
  const tokyo = await browser.newContext({ timezoneId: "Asia/Tokyo" });
  const page = await tokyo.newPage();
  await signUp(page, uniqueName("zone"));
  const url = await startThread(page, `Time zones ${uniqueName("t")}`);
  const sql = e2eDatabase();
  try {
    await sql`update posts set created_at = ${AT} where thread_id = ${Number(/\/threads\/(\d+)/.exec(url)![1])}`;
  } finally {
    await sql.end();
  }

  // A guest in Tokyo: the server's UTC text is replaced by the Tokyo date.
  const guest = await (await browser.newContext({ timezoneId: "Asia/Tokyo" })).newPage();
  await guest.goto(url);
  await expect(postTime(guest)).toHaveText("Mar 11, 2025");
  await expect(postTime(guest)).toHaveAttribute("title", formatFull(AT, "Asia/Tokyo", true));
  await expect(postTime(guest)).toHaveAttribute("datetime", AT.toISOString());
  // Without scripts the page says UTC.
  const plain = await (
    await browser.newContext({ javaScriptEnabled: false, timezoneId: "Asia/Tokyo" })
  ).newPage();
  await plain.goto(url);
  await expect(postTime(plain)).toHaveText("Mar 10, 2025");
  await expect(postTime(plain)).toHaveAttribute("title", "Mar 10, 2025 at 10:45 PM UTC");

  // The member's browser told the forum its zone once; the account page shows it chosen.
  await page.goto("/account");
  await expect(page.getByRole("combobox", { name: "Time zone" })).toHaveValue("Asia/Tokyo");
  await page.getByRole("combobox", { name: "Time zone" }).selectOption("America/New_York");
  await page.getByRole("button", { name: "Save time zone" }).click();
  await expect(page.getByText("Saved: times are shown in America/New York.")).toBeVisible();
  await page.screenshot({ path: "test-results/screens/time-zone-setting.png" });

  // Their Tokyo browser now shows New York's date; the guest's still shows Tokyo's.
  await page.goto(url);
  await expect(postTime(page)).toHaveText("Mar 10, 2025");
  await expect(postTime(page)).toHaveAttribute("title", "Mar 10, 2025 at 6:45 PM EDT");
  await guest.reload();
  await expect(postTime(guest)).toHaveText("Mar 11, 2025");
  await tokyo.close();
});

test("a moderator warns a member twice past the points limit: the member is banned and alerted", async ({
  page,
  browser,
}) => {
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  const name = await signUp(member, uniqueName("warned"));
  const profileUrl = await accountNav(member).getByRole("link", { name }).getAttribute("href");
  const title = `Warn me ${uniqueName("t")}`;
  const url = await startThread(member, title, "A first post that breaks the rules.");
  await member.getByRole("textbox", { name: "Message" }).fill("A second post that does too.");
  await member.getByRole("button", { name: "Post reply" }).click();
  await expect(member.getByRole("article", { name: `Post #2 by ${name}` })).toBeVisible();

  // The administrator sets the limit (a site setting) below the two warnings' 10 points.
  await signIn(page, ADMIN.username, ADMIN.password);
  const setLimit = async (points: number) => {
    await page.goto("/admin");
    await page.getByLabel("Points that ban a member").fill(String(points));
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("The site settings were saved.")).toBeVisible();
  };
  await setLimit(8);
  await page.goto(url);
  const warn = async (position: number, reason: string, points: number) => {
    const post = page.getByRole("article", { name: `Post #${position} by ${name}` });
    await post.getByRole("button", { name: "Warn", exact: true }).click();
    await post.getByLabel("Reason").fill(reason);
    await post.getByLabel("Points", { exact: true }).fill(String(points));
    await post.getByLabel("Points expire").selectOption({ label: "In a month" });
    if (position === 1) await page.screenshot({ path: "test-results/screens/warn-form.png" });
    await post.getByRole("button", { name: `Warn ${name}` }).click();
    return post;
  };

  const first = await warn(1, "Insulting other members", 5);
  await expect(first.getByText(`${name} was warned (5 points; 5 active).`)).toBeVisible();
  const notice = first.getByRole("note", { name: "Warning" });
  await expect(notice).toContainText(`${name} was warned for this post.`);
  await expect(notice).toContainText("Reason: Insulting other members (5 points)");
  const second = await warn(2, "Insulting other members again", 5);
  await expect(second.getByRole("status").filter({ hasText: "was warned" })).toContainText(
    `${name} was warned (5 points; 10 active). ${name} is banned until`,
  );

  // The ban ended the member's session; signed in again, they see the ban, the alert and the reason.
  await member.reload();
  await expect(accountNav(member).getByRole("link", { name: "Sign in" })).toBeVisible();
  await signIn(member, name, STRONG_PASSWORD);
  await expect(member.getByRole("region", { name: "Your ban" })).toContainText(
    "You are banned: Warning points reached 10 (the limit is 8).",
  );
  await member.goto("/alerts");
  await expect(
    member.getByRole("link", { name: `${ADMIN.username} warned you for your post in ${title}` }),
  ).toHaveCount(2);
  await member
    .getByRole("link", { name: `${ADMIN.username} warned you for your post in ${title}` })
    .first()
    .click();
  await expect(member.getByRole("note", { name: "Warning" }).first()).toContainText("Reason:");
  await member.screenshot({ path: "test-results/screens/warned-post.png", fullPage: true });

  // Staff see the history on the profile.
  await page.goto(profileUrl!);
  const history = page.getByRole("region", { name: "Warnings" });
  await expect(history).toContainText("10 active points");
  await expect(history.getByRole("listitem")).toHaveCount(2);
  await history.screenshot({ path: "test-results/screens/warning-history.png" });
  await memberContext.close();
  await setLimit(10);
});
