import { expect, test } from "@playwright/test";
import { signIn, signOut, signUp, signUpInBrowser, STRONG_PASSWORD } from "./fixtures";

test("sign up, sign out, a wrong password, then sign in again", async ({ page }) => {
  // Cyrillic and digits only: a name may not mix scripts.
  const name = await signUpInBrowser(page, `Новичок ${Date.now()}`);
  await signOut(page);

  await page.goto("/login");
  await page.getByLabel("Username or email").fill(name);
  await page.getByLabel("Password").fill("not the right password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "That username or email and password do not match an account.",
  );
  await expect(page.getByLabel("Username or email")).toHaveValue(name);

  await signIn(page, name.toUpperCase(), STRONG_PASSWORD);
  await expect(page.getByRole("link", { name: "Account settings" })).toBeVisible();
});

test("sign-up rules are explained next to each field and what was typed stays", async ({
  page,
}) => {
  await page.goto("/register");
  await page.getByLabel("Username").fill("Razor");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("qwertyuiop");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByText("That username is taken.")).toBeVisible();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(
    page.getByText("This password is one of the most common ones: choose another."),
  ).toBeVisible();
  await expect(page.getByLabel("Username")).toHaveValue("Razor");
  await expect(page.getByLabel("Email")).toHaveValue("not-an-email");
  await expect(page.getByLabel("Username")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Username").fill("ab");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByText("Usernames are at least 3 characters long.")).toBeVisible();
  await expect(page.getByText("Passwords are at least 10 characters long.")).toBeVisible();
});

test("a sign-in callback URL never leaves the site", async ({ page }) => {
  const name = await signUp(page);
  await signOut(page);
  await page.goto("/login?callbackUrl=https://evil.example/steal");
  await page.getByLabel("Username or email").fill(name);
  await page.getByLabel("Password").fill(STRONG_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
});

test("repeated wrong passwords pause sign-in for that account with a message that says so", async ({
  page,
}) => {
  const name = await signUp(page);
  await signOut(page);
  await page.goto("/login");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Username or email").fill(name);
    await page.getByLabel("Password").fill(`wrong password ${i}`);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(
      "That username or email and password do not match an account.",
    );
    // The answer has arrived once the form has been reset (the password is never kept).
    await expect(page.getByLabel("Password")).toHaveValue("");
    await expect(page.getByLabel("Username or email")).toHaveValue(name);
  }
  await page.getByLabel("Password").fill(STRONG_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    "Too many failed sign-in attempts",
  );
  await expect(
    page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" }),
  ).toBeVisible();
});
