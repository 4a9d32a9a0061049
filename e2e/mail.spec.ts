// Mail, end to end: the app sends through SMTP to a real SMTP server this spec runs in-process
// (SMTP_URL in playwright.config.ts), and the member follows the links the delivered mail carries.
import { expect, test, type Page } from "@playwright/test";
import { E2E_SMTP_PORT } from "../playwright.config";
import { linkIn, startSmtpInbox, type SmtpInbox } from "../lib/testing/smtp-inbox";
import { ADMIN, signIn, STRONG_PASSWORD, uniqueName } from "./fixtures";

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

  await page.goto("/admin/outbox");
  await expect(page.getByRole("heading", { level: 1, name: "Email" })).toBeVisible();
  await expect(
    page.getByRole("checkbox", {
      name: "Members must confirm their email address before they post",
    }),
  ).not.toBeChecked();
  await page.screenshot({ path: "test-results/screens/outbox.png", fullPage: true });
});
