import { expect, test, type Browser, type Page } from "@playwright/test";
import { ADMIN, signIn, signUp, uniqueName } from "./fixtures";

const NOTICE = "You are ignoring content by this member.";
/** Set to a folder to keep screenshots of the collapsed thread and the ignore list (desktop, phone). */
const SHOTS = process.env.E2E_SCREENSHOTS;

const posts = (page: Page) => page.locator("article[id^=post-]");
/** By the article's label ("Post #2 by B"), which stays when the post is collapsed. */
const postsBy = (page: Page, name: string) =>
  page.locator(`article[id^=post-][aria-label$=" by ${name}"]`);

async function asNewVisitor<T>(browser: Browser, act: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext();
  try {
    return await act(await context.newPage());
  } finally {
    await context.close();
  }
}

/** A thread opened by a fresh member B, with a reply by B and a note by the administrator. */
async function threadWithStaffNote(browser: Browser) {
  const title = `Ignore me ${uniqueName("t")}`;
  const author = await asNewVisitor(browser, async (page) => {
    const name = await signUp(page);
    await page.goto("/forums/global-defence");
    await page.getByRole("link", { name: "New thread" }).click();
    await page.getByLabel("Title", { exact: true }).fill(title);
    await page.getByRole("textbox", { name: "Message" }).fill("Words by the member to be ignored.");
    await page.getByRole("button", { name: "Post thread" }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(posts(page)).toHaveCount(1);
    const box = page.getByRole("textbox", { name: "Message" });
    await box.fill("A second post by the same member.");
    await expect(box).toHaveValue("A second post by the same member.");
    await page.getByRole("button", { name: "Post reply" }).click();
    await expect(page).toHaveURL(/#post-\d+$/);
    await expect(posts(page)).toHaveCount(2);
    return { name, url: new URL(page.url()).pathname };
  });
  await asNewVisitor(browser, async (page) => {
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.goto(author.url);
    await page.getByRole("textbox", { name: "Message" }).fill("A note from the staff.");
    await page.getByRole("button", { name: "Post reply" }).click();
    await expect(page).toHaveURL(/#post-\d+$/);
    await expect(posts(page)).toHaveCount(3);
  });
  return { title, url: author.url, author: author.name };
}

test("a member ignores another from their card, reveals a post in place, and unignores from the Ignored members page", async ({
  page,
  browser,
}) => {
  const thread = await threadWithStaffNote(browser);
  const me = await signUp(page);
  await page.goto(thread.url);

  // A reply quoting B, so the quote can be seen to collapse too.
  const box = page.getByRole("textbox", { name: "Message" });
  await postsBy(page, thread.author)
    .first()
    .getByRole("button", { name: "Quote", exact: true })
    .click();
  await expect(box).toHaveValue(/::: quote \d+ /);
  await box.press("End");
  await box.pressSequentially("\nI disagree.");
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect(page).toHaveURL(/#post-\d+$/);
  await expect(posts(page)).toHaveCount(4);

  // Staff cannot be ignored: no button on the administrator's card.
  await expect(
    page.getByRole("complementary", { name: `About ${ADMIN.username}` }).getByRole("button"),
  ).toHaveCount(0);
  await expect(postsBy(page, thread.author)).toHaveCount(2);
  await postsBy(page, thread.author)
    .first()
    .getByRole("button", { name: "Ignore", exact: true })
    .click();

  // Both of B's posts collapse; the articles (and their anchors) stay; the staff note does not.
  const collapsed = postsBy(page, thread.author).filter({ hasText: NOTICE });
  await expect(collapsed).toHaveCount(2);
  await expect(postsBy(page, ADMIN.username)).toContainText("A note from the staff.");
  await expect(posts(page)).toHaveCount(4);
  // So does the quote of B in my reply, which keeps its "said:" line and its own reveal button.
  const quote = postsBy(page, me).locator("blockquote.quote");
  await expect(quote).toContainText(NOTICE);
  await expect(quote.getByText("Words by the member to be ignored.")).toBeHidden();
  // Out of sight everywhere: the folded posts keep their parts in the page, hidden (an island never
  // draws its children again, app/_islands/island.tsx), as the folded quote does.
  await expect(
    page.getByText("Words by the member to be ignored.").filter({ visible: true }),
  ).toHaveCount(0);
  await expect(postsBy(page, me)).toContainText("I disagree.");
  if (SHOTS)
    await page.screenshot({ path: `${SHOTS}/thread-collapsed-desktop.png`, fullPage: true });

  // Revealed in place with the keyboard, no reload; focus lands on the post.
  const first = collapsed.first();
  const firstId = await first.getAttribute("id");
  await first.getByRole("button", { name: "Show ignored content" }).focus();
  await page.keyboard.press("Enter");
  const revealed = page.locator(`#${firstId}`);
  await expect(revealed).toContainText("Words by the member to be ignored.");
  await expect(revealed).toBeFocused();
  await expect(revealed.getByRole("button", { name: "Unignore", exact: true })).toBeVisible();
  await expect(postsBy(page, thread.author).filter({ hasText: NOTICE })).toHaveCount(1);
  if (SHOTS) await revealed.screenshot({ path: `${SHOTS}/post-revealed.png` });
  await quote.getByRole("button", { name: "Show ignored content" }).click();
  await expect(quote.getByText("Words by the member to be ignored.")).toBeVisible();
  await expect(quote).not.toContainText(NOTICE);

  // B's thread leaves my forum list (it is the forum's newest: it would be on page 1).
  await page.goto("/forums/global-defence");
  await expect(page.getByRole("link", { name: "New thread" })).toBeVisible();
  await expect(page.getByRole("link", { name: thread.title, exact: true })).toHaveCount(0);
  // Nor in What's new or a search: pages rendered once for everyone, the thread hidden in my browser.
  const search = `/search?${new URLSearchParams({ q: thread.title, titles: "1" })}`;
  for (const url of ["/whats-new/threads", search]) {
    await page.goto(url);
    await expect(page.locator("html")).toHaveAttribute("data-personal", "loaded");
    await expect(page.getByRole("link", { name: thread.title, exact: true })).toHaveCount(0);
  }

  await page.goto("/account");
  await page.getByRole("link", { name: "Ignored members" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ignored members" })).toBeVisible();
  const entry = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: thread.author, exact: true }) });
  await expect(entry).toBeVisible();
  if (SHOTS) {
    await page.screenshot({ path: `${SHOTS}/ignored-desktop.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/ignored-phone.png`, fullPage: true });
    await page.goto(thread.url);
    await page.screenshot({ path: `${SHOTS}/thread-collapsed-phone.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto("/account/ignored");
  }
  await entry.getByRole("button", { name: "Unignore", exact: true }).click();
  await expect(page.getByText("You are not ignoring anyone.")).toBeVisible();
  await page.goto("/forums/global-defence");
  await expect(page.getByRole("link", { name: thread.title, exact: true })).toBeVisible();
  await page.goto(search);
  await expect(page.getByRole("link", { name: thread.title, exact: true })).toBeVisible();

  await page.goto(thread.url);
  await expect(posts(page).filter({ hasText: NOTICE })).toHaveCount(0);
  await expect(postsBy(page, thread.author).first()).toContainText(
    "Words by the member to be ignored.",
  );
  await expect(
    postsBy(page, thread.author).first().getByRole("button", { name: "Ignore", exact: true }),
  ).toBeVisible();

  // Nor on the administrator's profile.
  await page
    .getByRole("complementary", { name: `About ${ADMIN.username}` })
    .getByRole("link", { name: ADMIN.username })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: ADMIN.username })).toBeVisible();
  await expect(page.getByRole("button", { name: /ignore/i })).toHaveCount(0);
});

test("the Ignored members page explains refusals, ignores by name, and profiles carry the button for members only", async ({
  page,
  browser,
}) => {
  const other = await asNewVisitor(browser, (p) => signUp(p));
  const me = await signUp(page);
  await page.goto("/account/ignored");
  const username = page.getByLabel("Username");
  const ignore = page.getByRole("button", { name: "Ignore", exact: true });
  const refusals: [string, string][] = [
    [me, "You cannot ignore yourself."],
    [
      ADMIN.username,
      `${ADMIN.username} is on the staff: moderators and administrators cannot be ignored.`,
    ],
    ["nobody-here-at-all", "There is no member called “nobody-here-at-all”."],
  ];
  for (const [name, message] of refusals) {
    await username.fill(name);
    await ignore.click();
    await expect(page.getByText(message)).toBeVisible();
    await expect(username).toHaveValue(name);
    await expect(username).toHaveAttribute("aria-invalid", "true");
  }
  await username.fill(other.toUpperCase());
  await ignore.click();
  await expect(page.getByText(`You are now ignoring ${other}.`)).toBeVisible();
  await expect(username).toHaveValue("");
  await expect(
    page
      .getByRole("listitem")
      .filter({ has: page.getByRole("link", { name: other, exact: true }) }),
  ).toBeVisible();
  await username.fill(other);
  await ignore.click();
  await expect(page.getByText(`You are already ignoring ${other}.`)).toBeVisible();

  // On the profile: "Unignore" for the ignored member, then "Ignore"; nothing on one's own.
  await page.getByRole("link", { name: other, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: other })).toBeVisible();
  await page.getByRole("button", { name: "Unignore", exact: true }).click();
  await expect(page.getByRole("button", { name: "Ignore", exact: true })).toBeVisible();
  await page.goto("/account/ignored");
  await expect(page.getByText("You are not ignoring anyone.")).toBeVisible();
  await page.goto("/account");
  await page.getByRole("link", { name: "View your profile" }).click();
  await expect(page.getByRole("heading", { level: 1, name: me })).toBeVisible();
  await expect(page.getByRole("button", { name: /ignore/i })).toHaveCount(0);
});
