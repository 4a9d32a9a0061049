import { expect, test, type Page } from "@playwright/test";
import { generate } from "otplib";
import { signOut, signUp, STRONG_PASSWORD } from "./fixtures";

/** The code an authenticator app shows `periods` periods from now. A code is accepted only once,
 * so each step uses a later period than the one before (one period ahead is within tolerance). */
const codeAt = (secret: string, periods: number) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + periods * 30 });

async function passwordStep(page: Page, name: string) {
  await page.goto("/login");
  await page.getByLabel("Username or email").fill(name);
  await page.getByLabel("Password").fill(STRONG_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByLabel("Authentication code")).toBeVisible();
}

const account = (page: Page) => page.getByRole("navigation", { name: "Account" });

test("turn on two-step verification, then sign in with a code and with a recovery code", async ({
  page,
}) => {
  const name = await signUp(page);
  await page.goto("/account");
  const section = page.getByRole("region", { name: "Two-step verification" });
  await section.getByRole("button", { name: "Set up two-step verification" }).click();
  await expect(
    section.getByRole("img", { name: "QR code for your authenticator app" }),
  ).toBeVisible();
  await section.screenshot({ path: "test-results/screens/two-step-enrol.png" });
  const secret = (await section.locator("code").innerText()).trim();
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);

  await section.getByLabel("Authentication code").fill("12345");
  await section.getByRole("button", { name: "Turn on" }).click();
  await expect(section.getByText("That code is not right.")).toBeVisible();
  await section.getByLabel("Authentication code").fill(await codeAt(secret, 0));
  await section.getByRole("button", { name: "Turn on" }).click();
  const codes = section.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recoveryCode = (await codes.first().innerText()).trim();
  await expect(section.getByText("10 recovery codes are left.")).toBeVisible();

  // The password alone signs no one in.
  await signOut(page);
  await passwordStep(page, name);
  await expect(account(page).getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/two-step-code-step.png" });

  const right = await codeAt(secret, 1);
  const wrong = `${(Number(right[0]) + 1) % 10}${right.slice(1)}`;
  await page.getByLabel("Authentication code").fill(wrong);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "That code is not right. Check your app and try again.",
  );
  await expect(account(page).getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.getByLabel("Authentication code").fill(right);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(account(page).getByRole("button", { name: "Sign out" })).toBeVisible();

  await signOut(page);
  await passwordStep(page, name);
  await page.getByRole("button", { name: "Use a recovery code" }).click();
  await page.getByLabel("Recovery code").fill(recoveryCode);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(account(page).getByRole("button", { name: "Sign out" })).toBeVisible();

  // Each recovery code works once.
  await page.goto("/account");
  await expect(section.getByText("9 recovery codes are left.")).toBeVisible();
  await signOut(page);
  await passwordStep(page, name);
  await page.getByRole("button", { name: "Use a recovery code" }).click();
  await page.getByLabel("Recovery code").fill(recoveryCode);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "That recovery code is not right, or it was already used.",
  );
});

test("a password change keeps an enrolled member signed in; turning off asks for password and code", async ({
  page,
}) => {
  await signUp(page);
  await page.goto("/account");
  const section = page.getByRole("region", { name: "Two-step verification" });
  await section.getByRole("button", { name: "Set up two-step verification" }).click();
  const secret = (await section.locator("code").innerText()).trim();
  await section.getByLabel("Authentication code").fill(await codeAt(secret, 0));
  await section.getByRole("button", { name: "Turn on" }).click();
  await expect(section.getByText("10 recovery codes are left.")).toBeVisible();

  const NEW = "a brand new passphrase here";
  const password = page.getByRole("region", { name: "Password", exact: true });
  await password.getByLabel("Current password").fill(STRONG_PASSWORD);
  await password.getByLabel("New password").fill(NEW);
  await password.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/account\?saved=password$/);
  await expect(account(page).getByRole("button", { name: "Sign out" })).toBeVisible();

  const off = section.getByRole("form", { name: "Turn off two-step verification" });
  await off.getByLabel("Password").fill(STRONG_PASSWORD);
  await off.getByLabel("Authentication or recovery code").fill(await codeAt(secret, 1));
  await off.getByRole("button", { name: "Turn off two-step verification" }).click();
  await expect(off.getByText("That password is not right.")).toBeVisible();
  await off.getByLabel("Password").fill(NEW);
  await off.getByLabel("Authentication or recovery code").fill(await codeAt(secret, 1));
  await off.getByRole("button", { name: "Turn off two-step verification" }).click();
  await expect(section.getByRole("status")).toHaveText("Two-step verification is off.");
  await expect(section.getByRole("button", { name: "Set up two-step verification" })).toBeVisible();
});
