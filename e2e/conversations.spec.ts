import { expect, test, type Page } from "@playwright/test";
import { ADMIN, memberInOwnBrowser, signIn, uniqueName } from "./fixtures";

/** Set to a folder to keep screenshots of the conversation list and a conversation. */
const SHOTS = process.env.E2E_SCREENSHOTS;

const account = (page: Page) => page.getByRole("navigation", { name: "Account" });
const inboxCount = (page: Page) => account(page).getByTestId("inbox-count");

test("two members converse, staff invite a third, outsiders get a 404, the inbox count moves", async ({
  browser,
}) => {
  // Four people, each signing in in a browser of their own.
  test.setTimeout(90_000);
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  // One after another: four sign-ins at once on a loaded machine outlast the fixtures' waits.
  const alice = await memberInOwnBrowser(browser, "alice");
  const bob = await memberInOwnBrowser(browser, "bob");
  const carol = await memberInOwnBrowser(browser, "carol");
  await signIn(admin, ADMIN.username, ADMIN.password);
  const title = `Plans ${uniqueName("c")}`;

  // Alice starts it from the header, with Bob and the administrator.
  await alice.page.goto("/");
  await account(alice.page).getByRole("link", { name: "Start conversation" }).click();
  await alice.page.getByLabel("Recipients").fill(`${bob.name}, ${ADMIN.username}`);
  await alice.page.getByLabel("Title", { exact: true }).fill(title);
  await alice.page.getByRole("textbox", { name: "Message" }).fill("Shall we meet on Friday?");
  await alice.page.getByRole("button", { name: "Start conversation" }).click();
  await expect(alice.page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const url = new URL(alice.page.url()).pathname;
  expect(url).toMatch(/^\/conversations\/\d+$/);

  // Carol is not in it: the address is a 404, and her inbox does not list it.
  expect((await carol.page.goto(url))?.status()).toBe(404);

  // Bob's inbox counts it; reading it clears the count; he quotes Alice and replies.
  await bob.page.goto("/");
  await expect(inboxCount(bob.page)).toHaveText("1");
  await account(bob.page).getByRole("link", { name: "Inbox" }).click();
  const row = bob.page.getByRole("list", { name: "Your conversations" }).getByRole("listitem");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Unread");
  if (SHOTS) await bob.page.screenshot({ path: `${SHOTS}/conversations-list.png`, fullPage: true });
  await row.getByRole("link", { name: title }).click();
  await expect(bob.page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(inboxCount(bob.page)).toHaveCount(0);
  await bob.page.getByRole("button", { name: `Quote ${alice.name}'s message` }).click();
  const box = bob.page.getByRole("textbox", { name: "Message" });
  await expect(box).toHaveValue(new RegExp(`quote - ${alice.name}`));
  await box.press("Control+End");
  await box.pressSequentially("Friday suits me.");
  await bob.page.getByRole("button", { name: "Send reply" }).click();
  const messages = bob.page.locator("article[id^=message-]");
  await expect(messages).toHaveCount(2);
  await expect(messages.nth(1).locator("blockquote")).toContainText("Shall we meet on Friday?");
  await expect(messages.nth(1)).toContainText("Friday suits me.");
  await expect(bob.page.getByText("1 reply")).toBeVisible();

  // Alice's inbox moves with Bob's reply.
  await alice.page.goto("/");
  await expect(inboxCount(alice.page)).toHaveText("1");

  // The administrator invites Carol, who can now read it (unread for her).
  await admin.goto(url);
  await admin.getByRole("textbox", { name: "Invite members" }).fill(carol.name);
  await admin.getByRole("button", { name: "Invite", exact: true }).click();
  await expect(admin.getByText(`Invited ${carol.name}.`)).toBeVisible();
  await carol.page.goto("/");
  await expect(inboxCount(carol.page)).toHaveText("1");
  expect((await carol.page.goto(url))?.status()).toBe(200);
  await expect(carol.page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  if (SHOTS)
    await carol.page.screenshot({ path: `${SHOTS}/conversation-page.png`, fullPage: true });

  // Bob leaves: it is gone from his list, and its address is a 404 for him now.
  bob.page.once("dialog", (dialog) => void dialog.accept());
  await bob.page.getByRole("button", { name: "Leave conversation" }).click();
  await expect(bob.page).toHaveURL(/\/conversations$/);
  await expect(bob.page.getByText("You are in no conversations yet.")).toBeVisible();
  expect((await bob.page.goto(url))?.status()).toBe(404);

  await Promise.all([
    alice.context.close(),
    bob.context.close(),
    carol.context.close(),
    adminContext.close(),
  ]);
});
