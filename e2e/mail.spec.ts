// Mail, end to end: the app sends through SMTP to a real SMTP server this spec runs in-process
// (SMTP_URL in playwright.config.ts), and the member follows the links the delivered mail carries.
import { expect, test, type Page } from "@playwright/test";
import { E2E_SMTP_PORT } from "../playwright.config";
import { linkIn, startSmtpInbox, type SmtpInbox } from "../lib/testing/smtp-inbox";
import {
  ADMIN,
  memberInOwnBrowser,
  signIn,
  startThread,
  STRONG_PASSWORD,
  uniqueName,
} from "./fixtures";

let inbox: SmtpInbox;
test.beforeAll(async () => {
  inbox = await startSmtpInbox(E2E_SMTP_PORT);
});
test.afterAll(async () => {
  await inbox.close();
});

const accountNav = (page: Page) => page.getByRole("navigation", { name: "Account" });
/** The path and query of a mailed link: the app names its own host, the browser uses baseURL. */
const pathOf = (link: string) => {
  const url = new URL(link);
  return url.pathname + url.search;
};

test("sign-up mails a confirmation; a forgotten password is reset by mail and every old session ends", async ({
  browser,
}) => {
  const name = uniqueName("mailer");
  const email = `${name}@example.test`;
  const first = await browser.newContext();
  const page = await first.newPage();
  await page.goto("/register");
  await page.getByLabel("Username").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(STRONG_PASSWORD);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(accountNav(page).getByRole("link", { name })).toBeVisible();

  // Confirming the address: the link opens a page whose button confirms it.
  const confirmation = await inbox.next(email);
  expect(confirmation.subject).toBe("Confirm your email address");
  await page.goto(pathOf(linkIn(confirmation, "http")));
  await expect(page.getByText(email)).toBeVisible();
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByText(`${email} is confirmed`, { exact: false })).toBeVisible();

  // Another browser: forgot the password.
  const second = await browser.newContext();
  const other = await second.newPage();
  await other.goto("/login");
  await other.getByRole("link", { name: "Forgot your password?" }).click();
  // The sign-in page has a field of the same name: wait for the new page before typing.
  await expect(
    other.getByRole("heading", { level: 1, name: "Forgot your password?" }),
  ).toBeVisible();
  await other.getByLabel("Username or email").fill(email.toUpperCase());
  await other.screenshot({ path: "test-results/screens/forgot-password.png", fullPage: true });
  const before = inbox.messages.length;
  await other.getByRole("button", { name: "Send me a link" }).click();
  await expect(other.getByRole("status")).toContainText("is on its way");

  const mail = await inbox.next(email, before);
  expect(mail.subject).toBe("Choose a new password");
  expect(mail.html).toContain("Choose a new password");
  const resetPath = pathOf(linkIn(mail, "http"));
  expect(resetPath).toMatch(/^\/reset-password\?token=/);
  await other.goto(resetPath);
  await expect(other.getByText(`For the account ${name}.`)).toBeVisible();
  const newPassword = "a different horse battery";
  await other.getByLabel("New password").fill(newPassword);
  await other.screenshot({ path: "test-results/screens/reset-password.png", fullPage: true });
  await other.getByRole("button", { name: "Set new password" }).click();
  await expect(other.getByText("Your password was changed", { exact: false })).toBeVisible();
  await signIn(other, name, newPassword);

  // The link worked once; the first browser's session has ended.
  await other.goto(resetPath);
  await expect(other.getByText("This link has expired or was already used.")).toBeVisible();
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login/);
  await expect(accountNav(page).getByRole("link", { name: "Sign in" })).toBeVisible();
  await first.close();
  await second.close();
});

test("an administrator mails a member a reset from /admin/members and reads the outbox", async ({
  page,
}) => {
  const name = uniqueName("helped");
  await page.goto("/register");
  await page.getByLabel("Username").fill(name);
  await page.getByLabel("Email").fill(`${name}@example.test`);
  await page.getByLabel("Password").fill(STRONG_PASSWORD);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(accountNav(page).getByRole("link", { name })).toBeVisible();
  await page.context().clearCookies();

  await signIn(page, ADMIN.username, ADMIN.password);
  await page.goto(`/admin/members?q=${name}`);
  const row = page.getByRole("listitem", { name });
  await row.getByText(`Email: ${name}@example.test (not confirmed)`).click();
  const before = inbox.messages.length;
  await row.getByRole("button", { name: "Send password reset" }).click();
  await expect(row.getByRole("status")).toContainText("A password reset link was mailed");
  await page.screenshot({ path: "test-results/screens/admin-member-email.png", fullPage: true });
  const mail = await inbox.next(`${name}@example.test`, before);
  expect(mail.text).toContain("An administrator sent you this link");

  await page.goto("/admin");
  await page.getByRole("link", { name: "Email and outbox" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Email" })).toBeVisible();
  await expect(
    page.getByRole("checkbox", {
      name: "Members must confirm their email address before they post",
    }),
  ).not.toBeChecked();
  await page.screenshot({ path: "test-results/screens/outbox.png", fullPage: true });
});

test("a member who asked for alert emails is mailed about a reply in a watched thread and unsubscribes from the mail", async ({
  browser,
  page,
  request,
}) => {
  // A member with a confirmed address (mail goes to no other) asks for alert emails.
  const name = uniqueName("watcher");
  const email = `${name}@example.test`;
  await page.goto("/register");
  await page.getByLabel("Username").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(STRONG_PASSWORD);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(accountNav(page).getByRole("link", { name })).toBeVisible();
  await page.goto(pathOf(linkIn(await inbox.next(email), "http")));
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByText(`${email} is confirmed`, { exact: false })).toBeVisible();
  await page.goto("/account");
  const settings = page.getByRole("region", { name: "Email notifications" });
  const box = settings.getByRole("checkbox", {
    name: "Email me about replies in threads I watch and about alerts",
  });
  await expect(box).not.toBeChecked();
  await box.check();
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(settings.getByRole("status")).toHaveText(
    "Saved: you will be emailed about replies in threads you watch, quotes and mentions.",
  );

  // Another member's thread, watched; its author replies.
  const writer = await memberInOwnBrowser(browser, "writer");
  const title = `Harbour <defences> & mail ${uniqueName("t")}`;
  const threadUrl = await startThread(writer.page, title);
  await page.goto(threadUrl);
  await page.getByRole("button", { name: "Watch", exact: true }).click();
  await expect(page.getByRole("button", { name: "Unwatch", exact: true })).toBeVisible();
  const before = inbox.messages.length;
  await writer.page.getByRole("textbox", { name: "Message" }).fill("The boom is back in place.");
  // The thread page may already name its opening post (#post-N): wait for a new address.
  const opening = writer.page.url();
  await writer.page.getByRole("button", { name: "Post reply" }).click();
  await expect(writer.page).not.toHaveURL(opening);
  await expect(writer.page).toHaveURL(/#post-\d+$/);
  const replyId = /#post-(\d+)$/.exec(writer.page.url())![1];
  await writer.context.close();

  const mail = await inbox.next(email, before);
  expect(mail.subject).toBe(`New reply in “${title}”`);
  expect(mail.text).toContain("“The boom is back in place.”");
  expect(pathOf(linkIn(mail, "http"))).toBe(`/posts/${replyId}`);
  expect(mail.html).toContain("Harbour &lt;defences&gt; &amp; mail");

  // The unsubscribe link works without signing in; opening it only asks.
  const stranger = await browser.newContext();
  const other = await stranger.newPage();
  const unsubscribePath = pathOf(
    linkIn(mail, new URL(linkIn(mail, "http")).origin + "/unsubscribe?"),
  );
  await other.goto(unsubscribePath);
  await expect(other.getByText(`for the account ${name}?`, { exact: false })).toBeVisible();
  await other.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(other.getByRole("status")).toHaveText(
    `Unsubscribed: ${name} will get no more emails about watched threads and alerts.`,
  );
  await stranger.close();
  await page.goto("/account");
  await expect(box).not.toBeChecked();

  // A mail client's one-click unsubscribe (RFC 8058) answers too; a forged token does not.
  const oneClick = pathOf(
    (mail.headers.get("list") as { unsubscribe: { url: string } }).unsubscribe.url,
  );
  const form = { "List-Unsubscribe": "One-Click" };
  expect((await request.post(oneClick, { form })).status()).toBe(200);
  const forged = oneClick.replace(/token=\d+/, "token=1");
  expect((await request.post(forged, { form })).status()).toBe(400);
});
