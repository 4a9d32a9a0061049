// Thread and post tools for staff, as the first administrator and as a moderator the administrator
// appoints. Every test starts its own threads with a fresh member; seed threads are left alone, and
// a thread moved into Articles goes back (reading.spec.ts counts that forum).
import { expect, test, type Browser, type Page } from "@playwright/test";
import {
  ADMIN,
  appointModerator,
  reloadUntil,
  setRole,
  signIn,
  signUp,
  uniqueName,
  startThread,
} from "./fixtures";

// Each test signs up members, appoints a moderator and posts several times: more than the default 30 s.
test.describe.configure({ timeout: 90_000 });

const posts = (page: Page) => page.locator("article[id^=post-]");
const post = (page: Page, position: number) =>
  page.getByRole("article", { name: new RegExp(`^Post #${position} by `) });
const tools = (page: Page) => page.getByRole("region", { name: "Thread tools" });
const bulkBar = (page: Page) => page.getByRole("region", { name: "Selected posts" });
const button = (scope: Page | ReturnType<Page["locator"]>, name: string) =>
  scope.getByRole("button", { name, exact: true });
const threadRow = (page: Page, title: string) =>
  page
    .getByRole("region", { name: "Threads" })
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: title, exact: true }) });

async function reply(page: Page, message: string) {
  const before = page.url();
  // The form is ready once it holds its idempotency key (set after hydration).
  await expect(page.locator('input[name="idempotencyKey"]')).not.toHaveValue("");
  await page.getByRole("textbox", { name: "Message" }).fill(message);
  await page.getByRole("button", { name: "Post reply" }).click();
  // The new post's page opens, scrolled to it.
  await expect(page).not.toHaveURL(before);
  await expect(page).toHaveURL(/#post-\d+$/);
  const id = new URL(page.url()).hash.slice(1);
  await expect(page.locator(`article#${id}`)).toContainText(message.split("\n").at(-1)!);
}

/** A member in their own browser context, with a thread of the given posts (all theirs). */
async function memberWithThread(browser: Browser, title: string, messages: string[]) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const name = await signUp(page);
  const url = await startThread(page, title, messages[0]!);
  for (const message of messages.slice(1)) await reply(page, message);
  return { context, page, name, url };
}

test("the administrator locks and sticks a thread: members lose the reply box, a reply from a page opened before is refused, the thread leads its forum", async ({
  page,
  browser,
}) => {
  const title = `Lock and stick ${uniqueName("t")}`;
  const member = await memberWithThread(browser, title, ["Please keep this civil."]);
  // The member starts a reply before the lock…
  await member.page.getByRole("textbox", { name: "Message" }).fill("Typed before the lock");

  await signIn(page, ADMIN.username, ADMIN.password);
  await page.goto(member.url);
  await button(tools(page), "Lock").click();
  await expect(tools(page).getByRole("status")).toHaveText(
    "The thread is locked: members can no longer reply.",
  );
  await expect(
    page.getByRole("heading", { level: 1 }).getByRole("img", { name: "Locked" }),
  ).toBeVisible();
  await expect(button(tools(page), "Unlock")).toBeVisible();

  // …and sends it after: the server refuses, nothing is posted.
  await member.page.getByRole("button", { name: "Post reply" }).click();
  await expect(
    member.page.getByText("This thread is locked: it takes no new replies."),
  ).toBeVisible();
  await member.page.reload();
  await expect(
    member.page.getByText("This thread is locked: it takes no new replies."),
  ).toBeVisible();
  await expect(member.page.getByRole("button", { name: "Post reply" })).toHaveCount(0);
  await expect(posts(member.page)).toHaveCount(1);
  await expect(tools(member.page)).toHaveCount(0);
  await expect(member.page.getByRole("checkbox", { name: /^Select post/ })).toHaveCount(0);

  await button(tools(page), "Stick").click();
  await expect(tools(page).getByRole("status")).toHaveText(
    "The thread is sticky: it shows first in its forum.",
  );
  await expect(button(tools(page), "Unstick")).toBeVisible();
  // A newer thread does not push it down.
  const newer = `Newer than the sticky ${uniqueName("t")}`;
  await startThread(member.page, newer, "Fresh news");
  await member.page.goto("/forums/global-defence");
  const first = member.page.getByRole("region", { name: "Threads" }).getByRole("listitem").first();
  await expect(first.getByRole("link", { name: title, exact: true })).toBeVisible();
  await expect(first.getByText("Sticky", { exact: true })).toBeVisible();
  await expect(first.getByText("Locked", { exact: true })).toBeVisible();
  await expect(threadRow(member.page, newer).getByText("Sticky", { exact: true })).toHaveCount(0);

  // Undone, the member may reply again and the thread no longer leads.
  await page.goto(member.url);
  await button(tools(page), "Unstick").click();
  await expect(tools(page).getByRole("status")).toHaveText("The thread is no longer sticky.");
  await button(tools(page), "Unlock").click();
  await expect(tools(page).getByRole("status")).toHaveText(
    "The thread is unlocked: members can reply again.",
  );
  await member.page.goto(member.url);
  await reply(member.page, "Thanks for reopening");
  await member.page.goto("/forums/global-defence");
  await expect(threadRow(member.page, title).getByText("Sticky", { exact: true })).toHaveCount(0);
  await member.context.close();

  // Every one of those actions left a line in the moderator log.
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Moderator log" })
    .click();
  await page.goto("/moderation/log?action=thread");
  const lines = page.getByRole("row").filter({ hasText: title });
  for (const action of ["thread.lock", "thread.stick", "thread.unstick", "thread.unlock"]) {
    const line = lines.filter({ has: page.getByText(action, { exact: true }) });
    await expect(line).toHaveCount(1);
    await expect(line).toContainText(ADMIN.username);
  }
});

test("a moderator renames a thread and moves it to Articles and back; both forums' counts follow", async ({
  page,
  browser,
}) => {
  const title = `Rename and move ${uniqueName("t")}`;
  const member = await memberWithThread(browser, title, [
    "Where does this belong?",
    "Somewhere else, surely.",
  ]);
  await signIn(page, ADMIN.username, ADMIN.password);
  const mod = await appointModerator(browser, page);
  await mod.page.goto(member.url);
  const panel = tools(mod.page);

  const titleBox = panel.getByLabel("New title");
  // A click before the tools have hydrated opens nothing: click until the form is there.
  await expect(async () => {
    if (!(await titleBox.isVisible())) await button(panel, "Rename").click();
    await expect(titleBox).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
  await expect(titleBox).toBeFocused();
  await expect(titleBox).toHaveValue(title);
  await titleBox.fill("ab");
  await button(panel, "Save title").click();
  await expect(panel.getByText("Titles are at least 3 characters long.")).toBeVisible();
  await expect(titleBox).toHaveValue("ab");
  const renamed = `Renamed ${uniqueName("t")}`;
  await titleBox.fill(renamed);
  await button(panel, "Save title").click();
  await expect(mod.page.getByRole("heading", { level: 1, name: renamed })).toBeVisible();
  await expect(panel.getByRole("status")).toHaveText("The thread is renamed.");
  await expect(mod.page).toHaveURL(new RegExp(`/threads/\\d+-renamed-`));

  await button(panel, "Move").click();
  await panel.getByLabel("Move to forum").selectOption({ label: "Articles" });
  await panel.getByLabel("Reason (optional)").fill("It is an article");
  await button(panel, "Move thread").click();
  await expect(panel.getByRole("status")).toHaveText("The thread was moved to Articles.");
  await expect(
    mod.page
      .getByRole("navigation", { name: "Breadcrumb" })
      .getByRole("link", { name: "Articles" }),
  ).toBeVisible();

  const forumRow = (name: string) =>
    member.page
      .getByRole("listitem")
      .filter({ has: member.page.getByRole("link", { name, exact: true }) });
  await member.page.goto("/");
  await expect(forumRow("Articles")).toContainText("Threads4");
  await expect(forumRow("Articles")).toContainText("Messages5");
  await member.page.goto("/forums/articles");
  await expect(threadRow(member.page, renamed)).toContainText("Replies1");

  await button(panel, "Move").click();
  await panel.getByLabel("Move to forum").selectOption({ label: "Global Defence" });
  await button(panel, "Move thread").click();
  await expect(panel.getByRole("status")).toHaveText("The thread was moved to Global Defence.");
  await member.page.goto("/");
  await expect(forumRow("Articles")).toContainText("Threads3");
  await expect(forumRow("Articles")).toContainText("Messages3");
  await member.page.goto("/forums/global-defence");
  await expect(threadRow(member.page, renamed)).toBeVisible();
  await expect(member.page.getByRole("link", { name: title, exact: true })).toHaveCount(0);
  await member.context.close();
  await mod.context.close();
});

test("a moderator deletes and restores posts and the thread: members no longer see them, staff see them greyed with who and why", async ({
  page,
  browser,
}) => {
  const title = `Delete and restore ${uniqueName("t")}`;
  const member = await memberWithThread(browser, title, [
    "Opening words",
    "Keep me",
    "Remove me",
    "Remove me too",
  ]);
  await signIn(page, ADMIN.username, ADMIN.password);
  const mod = await appointModerator(browser, page);
  await mod.page.goto(member.url);
  await expect(mod.page.locator("html")).toHaveAttribute("data-personal", "loaded");

  // Until React runs the page (here never: JavaScript is off), the tools that open a form say they
  // are not ready by being disabled, rather than taking a click and doing nothing.
  const scriptless = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await mod.page.context().storageState(),
  });
  try {
    const plain = await scriptless.newPage();
    await plain.goto(member.url);
    await expect(button(post(plain, 3), "Delete")).toBeDisabled();
    await expect(button(tools(plain), "Rename")).toBeDisabled();
  } finally {
    await scriptless.close();
  }
  await expect(button(post(mod.page, 3), "Delete")).toBeEnabled();

  // The first post goes with its thread, not alone.
  await expect(button(post(mod.page, 1), "Delete")).toHaveCount(0);
  const third = post(mod.page, 3);
  const reason = third.getByLabel("Reason for deleting post #3 (optional)");
  // In full CI runs a first click on Delete opened nothing, even after hydration (cause not found:
  // see the stop-23 note): click until the form is there, as the Rename test above does.
  await expect(async () => {
    if (!(await reason.isVisible())) await button(third, "Delete").click();
    await expect(reason).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
  await expect(reason).toBeFocused();
  await reason.fill("Off topic");
  await button(third, "Delete post").click();
  await expect(third).toContainText(`This post was deleted by ${mod.name}`);
  await expect(third).toContainText(": Off topic");
  await expect(third).toContainText("Only staff can see it.");
  await expect(third).toHaveClass(/opacity-60/);
  await expect(button(third, "Restore")).toBeVisible();

  await reloadUntil(member.page, null, () =>
    expect(posts(member.page)).toHaveCount(3, { timeout: 1_000 }),
  );
  await expect(member.page.getByText("Remove me", { exact: true })).toHaveCount(0);
  await expect(member.page.getByText("Off topic")).toHaveCount(0);

  await button(third, "Restore").click();
  await expect(third).not.toContainText("This post was deleted");
  await reloadUntil(member.page, null, () =>
    expect(member.page.getByText("Remove me", { exact: true })).toBeVisible({ timeout: 1_000 }),
  );

  // In bulk: tick two posts, delete both with one reason, then restore both.
  await mod.page.getByRole("checkbox", { name: "Select post #3" }).check();
  await mod.page.getByRole("checkbox", { name: "Select post #4" }).check();
  await expect(bulkBar(mod.page)).toContainText("2 posts selected");
  await button(bulkBar(mod.page), "Delete").click();
  await bulkBar(mod.page).getByLabel("Reason for deleting 2 posts (optional)").fill("Flame war");
  await button(bulkBar(mod.page), "Delete 2 posts").click();
  await expect(bulkBar(mod.page).getByRole("status")).toHaveText("2 posts deleted.");
  await expect(post(mod.page, 3)).toContainText(": Flame war");
  await expect(post(mod.page, 4)).toContainText(": Flame war");
  await reloadUntil(member.page, null, () =>
    expect(posts(member.page)).toHaveCount(2, { timeout: 1_000 }),
  );
  await reloadUntil(member.page, "/forums/global-defence", () =>
    expect(threadRow(member.page, title)).toContainText("Replies1", { timeout: 1_000 }),
  );

  await mod.page.getByRole("checkbox", { name: "Select post #3" }).check();
  await mod.page.getByRole("checkbox", { name: "Select post #4" }).check();
  await button(bulkBar(mod.page), "Restore").click();
  await expect(bulkBar(mod.page).getByRole("status")).toHaveText("2 posts restored.");
  await expect(mod.page.getByText("This post was deleted")).toHaveCount(0);

  // The whole thread: hidden from members, greyed with a badge for staff, then restored.
  await button(tools(mod.page), "Delete").click();
  await tools(mod.page).getByLabel("Reason (optional)").fill("Duplicate");
  await button(tools(mod.page), "Delete thread").click();
  await expect(mod.page.getByText(`This thread was deleted by ${mod.name}`)).toBeVisible();
  await expect(button(tools(mod.page), "Restore")).toBeVisible();
  await reloadUntil(member.page, member.url, async (response) => {
    expect(response?.status()).toBe(404);
  });
  await reloadUntil(member.page, "/forums/global-defence", () =>
    expect(member.page.getByRole("link", { name: title, exact: true })).toHaveCount(0, {
      timeout: 1_000,
    }),
  );
  await mod.page.goto("/forums/global-defence");
  const row = threadRow(mod.page, title);
  await expect(row.getByText("Deleted", { exact: true })).toBeVisible();
  await expect(row).toContainText(`Deleted by ${mod.name}: Duplicate`);
  await mod.page.screenshot({ path: "test-results/screens/moderation-forum-deleted.png" });

  await mod.page.goto(member.url);
  await button(tools(mod.page), "Restore").click();
  await expect(tools(mod.page).getByRole("status")).toHaveText(
    "The thread is restored: members can see it again.",
  );
  await reloadUntil(member.page, member.url, () =>
    expect(posts(member.page)).toHaveCount(4, { timeout: 1_000 }),
  );
  await member.context.close();
  await mod.context.close();
});

test("the administrator merges two threads: posts follow in order, quotes still lead to their posts, the old address is gone", async ({
  page,
  browser,
}) => {
  const target = `Merge target ${uniqueName("t")}`;
  const source = `Merge source ${uniqueName("t")}`;
  const member = await memberWithThread(browser, target, ["Target one", "Target two"]);
  const quotedId = (await posts(member.page).nth(1).getAttribute("id"))!.replace("post-", "");
  const sourceUrl = await startThread(member.page, source, "Source one");
  await reply(
    member.page,
    `::: quote ${quotedId} ${member.name}\nTarget two\n:::\n\nSource two, quoting the other thread.`,
  );

  await signIn(page, ADMIN.username, ADMIN.password);
  await page.goto(sourceUrl);
  await button(tools(page), "Merge").click();
  await tools(page).getByLabel("Merge into thread").fill("not a thread");
  await button(tools(page), "Merge threads").click();
  await expect(
    tools(page).getByText(/Enter the other thread's number or its address/),
  ).toBeVisible();
  await tools(page).getByLabel("Merge into thread").fill(member.url);
  await button(tools(page), "Merge threads").click();

  await expect(page.getByRole("heading", { level: 1, name: target })).toBeVisible();
  await expect(page).toHaveURL(member.url);
  await expect(posts(page)).toHaveCount(4);
  for (const [position, text] of [
    "Target one",
    "Target two",
    "Source one",
    "Source two, quoting the other thread.",
  ].entries()) {
    await expect(post(page, position + 1)).toContainText(text);
  }
  await expect(page.getByRole("link", { name: "Permalink to post #4" })).toBeVisible();

  // The quote links by post id: it leads to the quoted post, now in the same thread.
  await post(page, 4)
    .getByRole("link", { name: `${member.name} said:` })
    .click();
  await expect(page).toHaveURL(new RegExp(`#post-${quotedId}$`));

  // The merged thread's old address leads to the thread its posts are in now (a 308).
  await member.page.goto(sourceUrl);
  await expect(member.page.getByRole("heading", { level: 1, name: target })).toBeVisible();
  await member.page.goto("/forums/global-defence");
  await expect(member.page.getByRole("link", { name: source, exact: true })).toHaveCount(0);
  await expect(threadRow(member.page, target)).toContainText("Replies3");
  await member.context.close();
});

test("a moderator splits posts into a new thread, then moves one into an existing thread", async ({
  page,
  browser,
}) => {
  const title = `Split source ${uniqueName("t")}`;
  const member = await memberWithThread(browser, title, ["One", "Two", "Three", "Four"]);
  await signIn(page, ADMIN.username, ADMIN.password);
  const mod = await appointModerator(browser, page);
  await mod.page.goto(member.url);

  await expect(bulkBar(mod.page)).toHaveCount(0);
  await mod.page.getByRole("checkbox", { name: "Select post #4" }).check();
  await mod.page.getByRole("checkbox", { name: "Select post #2" }).check();
  await expect(bulkBar(mod.page)).toContainText("2 posts selected");
  await button(bulkBar(mod.page), "Split").click();
  const newTitle = `Two and four ${uniqueName("t")}`;
  await bulkBar(mod.page).getByLabel("New thread title").fill(newTitle);
  await button(bulkBar(mod.page), "Split posts").click();
  await expect(bulkBar(mod.page).getByRole("status")).toContainText(
    `2 posts moved to “${newTitle}”.`,
  );

  // The source keeps One and Three, numbered #1 and #2.
  await expect(posts(mod.page)).toHaveCount(2);
  await expect(post(mod.page, 1)).toContainText("One");
  await expect(post(mod.page, 2)).toContainText("Three");

  await bulkBar(mod.page).getByRole("link", { name: "Open the thread" }).click();
  await expect(mod.page.getByRole("heading", { level: 1, name: newTitle })).toBeVisible();
  await expect(post(mod.page, 1)).toContainText("Two");
  await expect(post(mod.page, 2)).toContainText("Four");
  const splitUrl = mod.page.url();

  // Back into the original thread, after its last post.
  await mod.page.getByRole("checkbox", { name: "Select post #2" }).check();
  await expect(bulkBar(mod.page)).toContainText("1 post selected");
  await button(bulkBar(mod.page), "Split").click();
  await bulkBar(mod.page).getByRole("radio", { name: "An existing thread" }).check();
  await bulkBar(mod.page).getByLabel("Thread number or address").fill(member.url);
  await button(bulkBar(mod.page), "Split posts").click();
  await expect(bulkBar(mod.page).getByRole("status")).toContainText(`1 post moved to “${title}”.`);
  await expect(posts(mod.page)).toHaveCount(1);

  await member.page.goto(member.url);
  await expect(posts(member.page)).toHaveCount(3);
  await expect(post(member.page, 3)).toContainText("Four");
  await member.page.goto(splitUrl);
  await expect(posts(member.page)).toHaveCount(1);
  await member.page.goto("/forums/global-defence");
  await expect(threadRow(member.page, title)).toContainText("Replies2");
  await expect(threadRow(member.page, newTitle)).toContainText("Replies0");
  await member.context.close();
  await mod.context.close();
});

test("a moderator demoted while the page is open is refused by the server, and nothing changes", async ({
  page,
  browser,
}) => {
  const title = `Demoted moderator ${uniqueName("t")}`;
  const member = await memberWithThread(browser, title, ["Opening", "A reply"]);
  await signIn(page, ADMIN.username, ADMIN.password);
  const mod = await appointModerator(browser, page);
  await mod.page.goto(member.url);
  await expect(button(tools(mod.page), "Lock")).toBeVisible();

  await setRole(page, mod.name, "member");
  await button(tools(mod.page), "Lock").click();
  await expect(tools(mod.page).getByRole("alert")).toHaveText(
    "Only moderators and administrators can do that.",
  );
  await button(post(mod.page, 2), "Delete").click();
  await button(post(mod.page, 2), "Delete post").click();
  await expect(post(mod.page, 2).getByRole("alert")).toHaveText(
    "Only moderators and administrators can do that.",
  );

  await mod.page.reload();
  await expect(tools(mod.page)).toHaveCount(0);
  await expect(
    mod.page.getByRole("heading", { level: 1 }).getByRole("img", { name: "Locked" }),
  ).toHaveCount(0);
  await expect(posts(mod.page)).toHaveCount(2);
  await expect(mod.page.getByRole("button", { name: "Post reply" })).toBeVisible();
  await member.context.close();
  await mod.context.close();
});

test("the staff tools are tidy and keyboard-usable on a desktop and a 360 px phone", async ({
  page,
  browser,
}) => {
  const title = `Tools on screens ${uniqueName("t")}`;
  const member = await memberWithThread(browser, title, [
    "Opening post with a few words",
    "A reply",
    "Another reply",
  ]);
  await member.context.close();
  await signIn(page, ADMIN.username, ADMIN.password);

  for (const [width, height, name] of [
    [1280, 900, "desktop"],
    [360, 740, "phone"],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.goto(member.url);
    await expect(button(tools(page), "Lock")).toBeVisible();
    await page.screenshot({
      path: `test-results/screens/moderation-thread-tools-${name}.png`,
      fullPage: true,
    });

    // Keyboard only: open Move with Enter, Escape closes it and gives focus back.
    await button(tools(page), "Move").focus();
    await page.keyboard.press("Enter");
    await expect(tools(page).getByLabel("Move to forum")).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(tools(page).getByLabel("Move to forum")).toHaveCount(0);
    await expect(button(tools(page), "Move")).toBeFocused();

    await button(tools(page), "Delete permanently").click();
    await expect(tools(page)).toContainText("It cannot be undone.");
    await page.getByRole("checkbox", { name: "Select post #2" }).focus();
    await page.keyboard.press("Space");
    await page.getByRole("checkbox", { name: "Select post #3" }).check();
    await button(bulkBar(page), "Split").click();
    await expect(bulkBar(page).getByLabel("New thread title")).toBeVisible();
    await button(post(page, 2), "Delete").click();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({
      path: `test-results/screens/moderation-panels-${name}.png`,
      fullPage: true,
    });
    await page.screenshot({ path: `test-results/screens/moderation-bulk-bar-${name}.png` });
    await button(bulkBar(page), "Clear selection").click();
    await expect(bulkBar(page)).toHaveCount(0);
    await expect(page.getByRole("checkbox", { name: "Select post #3" })).not.toBeChecked();
    await button(tools(page), "Cancel").click();
    await expect(button(tools(page), "Delete permanently")).toBeFocused();
  }

  // Deleting for good, confirmed: the thread and its address are gone.
  await button(tools(page), "Delete permanently").click();
  await button(tools(page), "Yes, delete permanently").click();
  await expect(page).toHaveURL(/\/forums\/global-defence$/);
  await expect(page.getByRole("link", { name: title, exact: true })).toHaveCount(0);
  expect((await page.goto(member.url))?.status()).toBe(404);
});
