// Members read the one rendering everyone gets; what is theirs (the header, their reactions, tools,
// unread marks, the reply box) comes from GET /api/personal. These check that from the outside: what
// each member sees, that the page itself never carries anyone's personal parts, and that a ban or a
// sign-out elsewhere counts on the next page view.
import { expect, request, test, type Page } from "@playwright/test";
import { WROTE_COOKIE } from "../server/cookies";
import {
  ADMIN,
  appointModerator,
  memberInOwnBrowser,
  setRole,
  signIn,
  signOut,
  startThread,
  uniqueName,
} from "./fixtures";

const accountNav = (page: Page) => page.getByRole("navigation", { name: "Account" });
const bell = (page: Page) => accountNav(page).getByRole("link", { name: "Alerts", exact: true });
const post = (page: Page, n: number) => page.locator("article[id^=post-]").nth(n);

/** The HTML the server sends this browser for `url`, once its two seconds after a write are over
 * (pages rendered for a writer are their own; every other answer is the shared copy). Asked with
 * the browser's cookies but that mark, from a request context of its own: clearing the mark in the
 * browser could be undone by a write the page was still finishing (e2e/islands.spec.ts). */
async function sharedHtml(page: Page, url: string) {
  const state = await page.context().storageState();
  const cookies = state.cookies.filter((cookie) => cookie.name !== WROTE_COOKIE);
  const api = await request.newContext({
    baseURL: test.info().project.use.baseURL,
    storageState: { ...state, cookies },
  });
  try {
    const response = await api.get(url);
    expect(response.status()).toBe(200);
    return await response.text();
  } finally {
    await api.dispose();
  }
}

test("a member's page is the shared one, with their own reactions, tools, unread marks and bell filled in", async ({
  browser,
}) => {
  const a = await memberInOwnBrowser(browser, "author");
  const b = await memberInOwnBrowser(browser, "reader");
  const title = `Personal parts ${uniqueName("t")}`;
  const url = await startThread(a.page, title);

  // B reacts: the button says so at once, and after a reload (from the personal answer).
  await b.page.goto(url);
  const opening = post(b.page, 0);
  await opening.getByRole("group", { name: "React" }).getByRole("button", { name: "Like" }).click();
  const like = opening.getByRole("group", { name: "React" }).getByRole("button", { name: "Like" });
  await expect(like).toHaveAttribute("aria-pressed", "true");
  await opening.locator("summary").click();
  await expect(opening.getByRole("list", { name: "Who reacted" })).toContainText(`${b.name} (you)`);
  await b.page.reload();
  await expect(like).toHaveAttribute("aria-pressed", "true");
  // B may report A's post but not edit it; A may edit it but not react to it.
  await expect(opening.getByRole("button", { name: "Report" })).toBeVisible();
  await expect(opening.getByRole("button", { name: "Edit", exact: true })).toHaveCount(0);

  // A's bell counts the reaction, and A's tools are A's.
  await a.page.goto(url);
  await expect(bell(a.page)).toHaveAccessibleDescription("1 unread alert");
  const own = post(a.page, 0);
  await expect(own.getByRole("button", { name: "Edit", exact: true })).toBeVisible();
  await expect(own.getByRole("group", { name: "React" })).toHaveCount(0);
  await expect(own.getByRole("button", { name: "Report" })).toHaveCount(0);

  // B replies; for A the thread is unread in its forum until A opens it.
  await b.page.getByRole("textbox", { name: "Message" }).fill("A reply that makes it unread.");
  await b.page.getByRole("button", { name: "Post reply" }).click();
  await expect(b.page).toHaveURL(/#post-\d+$/);
  await expect(post(b.page, 1)).toContainText("A reply that makes it unread.");
  await a.page.goto("/forums/global-defence");
  await expect(a.page.getByRole("heading", { name: `Unread: ${title}` })).toBeVisible();

  // The page's HTML is the same for both of them: nothing personal is in it.
  for (const who of [a, b]) {
    const html = await sharedHtml(who.page, url);
    expect(html).not.toContain("Sign out");
    expect(html).not.toContain(`${who.name} (you)`);
    expect(html).not.toContain('aria-pressed="true"');
  }
  await a.context.close();
  await b.context.close();
});

test("a reaction made before the personal answer arrives lists the member at once", async ({
  browser,
}) => {
  const a = await memberInOwnBrowser(browser, "author");
  const b = await memberInOwnBrowser(browser, "reader");
  const url = await startThread(a.page, `Early reaction ${uniqueName("t")}`);
  // Just after a write, B's pages are rendered for B, buttons included; hold B's personal answer
  // back so B reacts before it is there.
  await b.context.addCookies([{ name: WROTE_COOKIE, value: "1", url: a.page.url() }]);
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await b.page.route("**/api/personal?**", async (route) => {
    await held;
    await route.continue();
  });
  await b.page.goto(url);
  await expect(b.page.locator("html")).toHaveAttribute("data-personal", "loading");
  const opening = post(b.page, 0);
  await opening.getByRole("group", { name: "React" }).getByRole("button", { name: "Like" }).click();
  await opening.locator("summary").click();
  await expect(opening.getByRole("list", { name: "Who reacted" })).toContainText(`${b.name} (you)`);
  release();
  await expect(b.page.locator("html")).toHaveAttribute("data-personal", "loaded");
  const like = opening.getByRole("group", { name: "React" }).getByRole("button", { name: "Like" });
  await expect(like).toHaveAttribute("aria-pressed", "true");
  await expect(opening.getByRole("list", { name: "Who reacted" })).toContainText(`${b.name} (you)`);
  await a.context.close();
  await b.context.close();
});

test("two members never see each other's parts, and only staff get the moderation tools", async ({
  browser,
}) => {
  const a = await memberInOwnBrowser(browser, "one");
  const b = await memberInOwnBrowser(browser, "two");
  const title = `Whose tools ${uniqueName("t")}`;
  const url = await startThread(a.page, title);
  await a.page.getByRole("textbox", { name: "Message" }).fill("The author's second post.");
  await a.page.getByRole("button", { name: "Post reply" }).click();
  await expect(post(a.page, 1)).toContainText("The author's second post.");

  // Both open the same page within the same second: one shared copy, two different answers.
  await Promise.all([a.page.goto(url), b.page.goto(url)]);
  await expect(accountNav(a.page).getByRole("link", { name: a.name })).toBeVisible();
  await expect(accountNav(b.page).getByRole("link", { name: b.name })).toBeVisible();
  await expect(accountNav(a.page).getByRole("link", { name: b.name })).toHaveCount(0);
  await expect(accountNav(b.page).getByRole("link", { name: a.name })).toHaveCount(0);
  await expect(post(a.page, 0).getByRole("button", { name: "Edit", exact: true })).toBeVisible();
  await expect(post(b.page, 0).getByRole("button", { name: "Report" })).toBeVisible();
  await expect(post(b.page, 0).getByRole("button", { name: "Edit", exact: true })).toHaveCount(0);
  await expect(b.page.getByRole("heading", { name: "Thread tools" })).toHaveCount(0);

  // The administrator gets the thread's tools; members do not.
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, ADMIN.username, ADMIN.password);
  await staff.goto(url);
  await expect(staff.getByRole("heading", { name: "Thread tools" })).toBeVisible();
  await expect(post(staff, 0).getByRole("button", { name: "Edit", exact: true })).toBeVisible();
  await b.page.reload();
  await expect(b.page.getByRole("heading", { name: "Thread tools" })).toHaveCount(0);
  await Promise.all([a.context.close(), b.context.close(), staffContext.close()]);
});

test("a sign-out or a ban in another browser counts on the next page view", async ({ browser }) => {
  const first = await memberInOwnBrowser(browser, "twice");
  // The same member in a second browser, signed in there too.
  const secondContext = await browser.newContext();
  const second = await secondContext.newPage();
  await signIn(second, first.name, "correct horse battery staple");
  const title = `Signed out elsewhere ${uniqueName("t")}`;
  const url = await startThread(first.page, title);

  // Signing out in one browser ends that sign-in only: the other one reads on, signed in.
  const copied = await first.context.storageState();
  await signOut(first.page);
  await second.goto(url);
  await expect(accountNav(second).getByRole("link", { name: first.name })).toBeVisible();
  // A copy of the signed-out browser's cookie no longer signs anyone in.
  const replayContext = await browser.newContext({ storageState: copied });
  const replay = await replayContext.newPage();
  await replay.goto(url);
  await expect(accountNav(replay).getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(replay.getByRole("textbox", { name: "Message" })).toHaveCount(0);

  // The administrator bans the member: the ban ends every session, so their next page view is
  // signed out, with no reply box and none of their tools.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN.username, ADMIN.password);
  await admin.goto(url);
  await admin.getByRole("link", { name: first.name }).first().click();
  const panel = admin.getByRole("region", { name: "Moderation" });
  await panel.getByLabel("Reason").fill("Testing the personal answer");
  await panel.getByRole("button", { name: "Ban", exact: true }).click();
  await expect(panel.getByRole("button", { name: "Unban" })).toBeVisible();

  await second.goto(url);
  await expect(second.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(accountNav(second).getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(second.getByRole("textbox", { name: "Message" })).toHaveCount(0);
  await expect(post(second, 0).getByRole("button", { name: "Edit", exact: true })).toHaveCount(0);
  await Promise.all([
    first.context.close(),
    secondContext.close(),
    replayContext.close(),
    adminContext.close(),
  ]);
});

test("moderators share their role's copy of a page, each with their own parts, and a demotion ends it at the next page view", async ({
  browser,
}) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN.username, ADMIN.password);
  const [one, two] = [
    await appointModerator(browser, admin),
    await appointModerator(browser, admin),
  ];
  const author = await memberInOwnBrowser(browser, "author");
  const url = await startThread(author.page, `Staff copies ${uniqueName("t")}`);

  // The first moderator likes the post; the second, on the same copy, has not.
  await one.page.goto(url);
  await expect(one.page.getByRole("heading", { name: "Thread tools" })).toBeVisible();
  const like = (page: Page) =>
    post(page, 0).getByRole("group", { name: "React" }).getByRole("button", { name: "Like" });
  await like(one.page).click();
  await expect(like(one.page)).toHaveAttribute("aria-pressed", "true");
  await Promise.all([one.page.reload(), two.page.goto(url)]);
  for (const moderator of [one, two]) {
    await expect(moderator.page.getByRole("heading", { name: "Thread tools" })).toBeVisible();
    await expect(
      accountNav(moderator.page).getByRole("link", { name: moderator.name }),
    ).toBeVisible();
  }
  await expect(like(one.page)).toHaveAttribute("aria-pressed", "true");
  await expect(like(two.page)).toHaveAttribute("aria-pressed", "false");

  // The copy both got holds the tools of the role and nothing of either moderator.
  for (const moderator of [one, two]) {
    const html = await sharedHtml(moderator.page, url);
    expect(html).toContain("Thread tools");
    expect(html).not.toContain("Sign out");
    expect(html).not.toContain(`${moderator.name} (you)`);
    expect(html).not.toContain('aria-pressed="true"');
  }

  // Demoted, the second moderator's next page view is a member's: no tools, on any copy.
  await setRole(admin, two.name, "member");
  await two.page.goto(url);
  await expect(post(two.page, 0).getByRole("button", { name: "Report" })).toBeVisible();
  await expect(two.page.getByRole("heading", { name: "Thread tools" })).toHaveCount(0);
  expect(await sharedHtml(two.page, url)).not.toContain("Thread tools");
  await Promise.all([
    adminContext.close(),
    one.context.close(),
    two.context.close(),
    author.context.close(),
  ]);
});
