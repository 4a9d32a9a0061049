import { expect, test, type Page } from "@playwright/test";
import { signOut, signUp } from "./fixtures";

// WebAuthn refuses an IP address as the relying party id, so this spec talks to "localhost".
test.use({ baseURL: `http://localhost:${process.env.E2E_PORT ?? 3100}` });

const account = (page: Page) => page.getByRole("navigation", { name: "Account" });

test("add a passkey on the account page, then sign in with it and no password", async ({
  page,
}) => {
  const cspViolations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  // Chromium's virtual authenticator stands in for a phone or laptop that holds passkeys.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });

  const name = await signUp(page);
  await page.goto("/account");
  const section = page.getByRole("region", { name: "Passkeys" });
  await expect(section.getByText("You have no passkeys.")).toBeVisible();
  await section.getByLabel("Passkey name (optional)").fill("Work laptop");
  await section.getByRole("button", { name: "Add a passkey" }).click();
  await expect(section.getByRole("status")).toHaveText(
    "Passkey added. You can sign in with it now.",
  );
  const list = section.getByRole("list", { name: "Your passkeys" });
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(list.getByRole("listitem")).toContainText("Work laptop");
  await expect(list.getByRole("listitem")).toContainText("not used yet");
  await section.screenshot({ path: "test-results/screens/passkeys-section.png" });

  const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0]?.isResidentCredential).toBe(true);

  await signOut(page);
  await page.goto("/login");
  await page.screenshot({ path: "test-results/screens/passkeys-login.png" });
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  // Straight in: no password, no authentication code.
  await expect(account(page).getByRole("link", { name })).toBeVisible();
  await expect(account(page).getByRole("button", { name: "Sign out" })).toBeVisible();

  await page.goto("/account");
  await expect(section.getByText(/last used/)).toBeVisible();

  // Removed from the account, the passkey the device still holds signs no one in.
  await section.getByRole("button", { name: "Remove Work laptop" }).click();
  await expect(section.getByText("You have no passkeys.")).toBeVisible();
  await signOut(page);
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    "That passkey did not sign you in.",
  );
  await expect(account(page).getByRole("link", { name: "Sign in" })).toBeVisible();
  // The WebAuthn calls run from the bundled scripts, under the nonce policy.
  expect(cspViolations).toEqual([]);
});
