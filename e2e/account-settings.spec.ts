import { expect, test, type Locator, type Page } from "@playwright/test";
import sharp from "sharp";
import { signIn, signOut, signUp, STRONG_PASSWORD, uniqueName } from "./fixtures";

const accountNav = (page: Page) => page.getByRole("navigation", { name: "Account" });

async function openSettings(page: Page) {
  await accountNav(page).getByRole("link", { name: "Account settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Account settings" })).toBeVisible();
  return {
    profile: page.getByRole("region", { name: "Profile" }),
    email: page.getByRole("region", { name: "Email address" }),
    password: page.getByRole("region", { name: "Password" }),
  };
}

async function openOwnProfile(page: Page, name: string) {
  await accountNav(page).getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

/** Random pixels barely compress: a real PNG of about `side² × 3` bytes. */
async function noisyPng(side: number): Promise<Buffer> {
  const pixels = Buffer.alloc(side * side * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2654435761) >>> 24;
  return sharp(pixels, { raw: { width: side, height: side, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

async function noSidewaysScroll(page: Page) {
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
  ).toBeLessThanOrEqual(0);
}

/** React resets a form's fields when its action's transition ends, which can be drawn a moment after
 * the refusal: typing the next try before then loses it. Save is enabled again once it has ended. */
const settled = (form: Locator) => expect(form.getByRole("button", { name: "Save" })).toBeEnabled();

test("country, location and avatar show on the profile; bad avatars and long locations are refused", async ({
  page,
}) => {
  const name = await signUp(page);
  const { profile } = await openSettings(page);
  await page.screenshot({ path: "test-results/screens/account-desktop.png", fullPage: true });

  // Keyboard: search, Enter picks the first match; the flag preview follows.
  const country = profile.getByLabel("Country", { exact: true });
  await expect(country).toHaveValue("");
  await profile.getByLabel("Search countries").fill("fran");
  await expect(profile.getByText("1 country matches.")).toBeVisible();
  await profile.getByLabel("Search countries").press("Enter");
  await expect(country).toHaveValue("FR");
  await expect(country).toBeFocused();
  await expect(country.locator("option:checked")).toHaveText("🇫🇷 France");
  await expect(profile.getByRole("img", { name: "France" })).toHaveAttribute(
    "src",
    "/flags/FR.svg",
  );
  await profile.getByLabel("Location").fill("Lyon");
  await profile.getByRole("button", { name: "Save" }).click();
  await expect(profile.getByRole("status")).toHaveText("Your profile was saved.");
  await expect(country).toHaveValue("FR");
  await expect(profile.getByLabel("Location")).toHaveValue("Lyon");

  await openOwnProfile(page, name);
  const card = page.getByRole("region", { name });
  await expect(card.getByRole("img", { name: "France" })).toBeVisible();
  await expect(card.getByText("From Lyon")).toBeVisible();
  await expect(card.getByRole("img", { name: `${name}'s avatar` })).not.toHaveAttribute(
    "src",
    /.*/,
  );

  // A real PNG becomes the avatar, served as WebP from /avatars/.
  await openSettings(page);
  const png = await sharp({
    create: { width: 300, height: 200, channels: 3, background: { r: 30, g: 120, b: 200 } },
  })
    .png()
    .toBuffer();
  await profile
    .getByLabel("Avatar", { exact: true })
    .setInputFiles({ name: "me.png", mimeType: "image/png", buffer: png });
  await profile.getByRole("button", { name: "Save" }).click();
  await expect(profile.getByRole("status")).toHaveText("Your profile was saved.");
  await openOwnProfile(page, name);
  const avatar = card.getByRole("img", { name: `${name}'s avatar` });
  await expect(avatar).toHaveAttribute("src", /^\/avatars\/[\w-]+-\d+\.webp$/);
  const src = (await avatar.getAttribute("src"))!;
  const served = await page.request.get(src);
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toBe("image/webp");
  expect(await sharp(await served.body()).metadata()).toMatchObject({
    format: "webp",
    width: 192,
    height: 192,
  });
  expect(await avatar.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(
    192,
  );

  // Refused uploads: the message beside the field, what was typed kept, nothing saved.
  await openSettings(page);
  await profile.getByLabel("Search countries").fill("germ");
  await profile.getByLabel("Search countries").press("Enter");
  await expect(country).toHaveValue("DE");
  await profile.getByLabel("Location").fill("Berlin");
  await profile.getByLabel("Avatar", { exact: true }).setInputFiles({
    name: "cat.png",
    mimeType: "image/png",
    buffer: Buffer.from("Just some text, renamed to look like a picture.\n"),
  });
  await profile.getByRole("button", { name: "Save" }).click();
  await expect(
    profile.getByText("The avatar must be a PNG, JPEG, WebP or GIF image."),
  ).toBeVisible();
  await expect(profile.getByLabel("Avatar", { exact: true })).toHaveAttribute(
    "aria-invalid",
    "true",
  );
  await expect(profile.getByLabel("Location")).toHaveValue("Berlin");
  await expect(country).toHaveValue("DE");
  await expect(profile.getByRole("status")).toHaveCount(0);

  const big = await noisyPng(1300);
  expect(big.byteLength).toBeGreaterThan(4.8 * 1024 * 1024);
  await profile
    .getByLabel("Avatar", { exact: true })
    .setInputFiles({ name: "huge.png", mimeType: "image/png", buffer: big });
  await profile.getByRole("button", { name: "Save" }).click();
  await expect(profile.getByText("The avatar must be 1 MB or smaller.")).toBeVisible();
  await expect(profile.getByText("The avatar must be a PNG, JPEG, WebP or GIF image.")).toHaveCount(
    0,
  );
  await expect(profile.getByLabel("Location")).toHaveValue("Berlin");
  await expect(country).toHaveValue("DE");
  await profile.screenshot({ path: "test-results/screens/account-profile-error.png" });

  const tooLong = "A very long place name that goes on and on and on!!";
  expect(tooLong.length).toBe(51);
  await profile.getByLabel("Location").fill(tooLong);
  await profile.getByRole("button", { name: "Save" }).click();
  await expect(profile.getByText("Locations are at most 50 characters long.")).toBeVisible();
  await expect(profile.getByLabel("Location")).toHaveValue(tooLong);

  await openOwnProfile(page, name);
  await expect(card.getByText("From Lyon")).toBeVisible();
  await expect(card.getByRole("img", { name: "France" })).toBeVisible();
  await expect(card.getByRole("img", { name: `${name}'s avatar` })).toHaveAttribute("src", src);
  await page.screenshot({ path: "test-results/screens/member-profile-after-settings.png" });

  // Remove the avatar: the initial comes back.
  await openSettings(page);
  await profile.getByLabel("Remove avatar").check();
  await profile.getByRole("button", { name: "Save" }).click();
  await expect(profile.getByRole("status")).toHaveText("Your profile was saved.");
  await expect(profile.getByLabel("Remove avatar")).toHaveCount(0);
  await openOwnProfile(page, name);
  await expect(card.getByRole("img", { name: `${name}'s avatar` })).not.toHaveAttribute(
    "src",
    /.*/,
  );
  expect((await page.request.get(src)).status()).toBe(404);
});

test("the signature is shown on the profile and under the member's posts, as post markup, with raw HTML as text", async ({
  page,
}) => {
  const name = await signUp(page);
  const { profile } = await openSettings(page);
  await profile.getByLabel("Signature").fill("**Fortune favours the bold** <b>not bold</b>");
  await profile.getByRole("button", { name: "Save" }).click();
  await expect(profile.getByRole("status")).toHaveText("Your profile was saved.");
  await openOwnProfile(page, name);
  const card = page.getByRole("region", { name });
  await expect(card.locator("strong", { hasText: "Fortune favours the bold" })).toBeVisible();
  await expect(card.getByText("<b>not bold</b>")).toBeVisible();
  await card.screenshot({ path: "test-results/screens/member-profile-signature.png" });

  await page.goto("/forums/global-defence");
  await page.getByRole("link", { name: "New thread" }).click();
  await page.getByLabel("Title", { exact: true }).fill(`Signed ${uniqueName("t")}`);
  await page.getByRole("textbox", { name: "Message" }).fill("A post with my signature under it.");
  await page.getByRole("button", { name: "Post thread" }).click();
  const post = page.locator("article[id^=post-]").first();
  await expect(post).toContainText("A post with my signature under it.");
  const signature = post.locator(".signature");
  await expect(signature).toContainText("Signature: Fortune favours the bold <b>not bold</b>");
  await expect(signature.locator("strong")).toHaveText("Fortune favours the bold");
  await post.screenshot({ path: "test-results/screens/post-signature.png" });
});

test("changing the password keeps this browser signed in and ends every other session", async ({
  page,
  browser,
}) => {
  const name = await signUp(page);
  const elsewhere = await browser.newContext();
  const otherPage = await elsewhere.newPage();
  await signIn(otherPage, name, STRONG_PASSWORD);

  const { password } = await openSettings(page);
  const NEW = "a brand new passphrase";
  await password.getByLabel("Current password").fill("not my password at all");
  await password.getByLabel("New password").fill(NEW);
  await password.getByRole("button", { name: "Save" }).click();
  await expect(password.getByText("That is not your current password.")).toBeVisible();
  await expect(password.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");
  await settled(password);

  await password.getByLabel("Current password").fill(STRONG_PASSWORD);
  await password.getByLabel("New password").fill("short");
  await password.getByRole("button", { name: "Save" }).click();
  await expect(password.getByText("Passwords are at least 10 characters long.")).toBeVisible();
  await settled(password);

  await password.getByLabel("Current password").fill(STRONG_PASSWORD);
  await password.getByLabel("New password").fill(NEW);
  await password.getByRole("button", { name: "Save" }).click();
  await expect(password.getByRole("status")).toContainText("Your password was changed.");
  await expect(page).toHaveURL(/\/account\?saved=password$/);
  await expect(accountNav(page).getByRole("link", { name, exact: true })).toBeVisible();
  await page.reload();
  await expect(accountNav(page).getByRole("link", { name, exact: true })).toBeVisible();

  await otherPage.reload();
  await expect(accountNav(otherPage).getByRole("link", { name: "Sign in" })).toBeVisible();
  await elsewhere.close();

  await signOut(page);
  await page.goto("/login");
  await page.getByLabel("Username or email").fill(name);
  await page.getByLabel("Password").fill(STRONG_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "That username or email and password do not match an account.",
  );
  await signIn(page, name, NEW);
});

test("the email address can be changed and used to sign in; a bad one is explained", async ({
  page,
}) => {
  const name = await signUp(page);
  const { email } = await openSettings(page);
  await email.getByLabel("Email").fill("not-an-email");
  await email.getByRole("button", { name: "Save" }).click();
  await expect(email.getByText("Enter a valid email address.")).toBeVisible();
  await expect(email.getByLabel("Email")).toHaveValue("not-an-email");
  await settled(email);

  const address = `${uniqueName("moved")}@Example.TEST`;
  await email.getByLabel("Email").fill(address);
  // A new address asks for the password, so a borrowed browser cannot move the account's resets.
  await email.getByRole("button", { name: "Save" }).click();
  await expect(email.getByText("Enter your current password.")).toBeVisible();
  await settled(email);
  await email.getByLabel("Current password").fill(STRONG_PASSWORD);
  await email.getByRole("button", { name: "Save" }).click();
  await expect(email.getByRole("status")).toContainText("Your email address was saved.");
  await expect(email.getByLabel("Email")).toHaveValue(address.toLowerCase());

  await signOut(page);
  await signIn(page, address, STRONG_PASSWORD);
  await expect(accountNav(page).getByRole("link", { name, exact: true })).toBeVisible();
});

test("signed-out visitors are sent to sign in, then back to their settings; the page fits a phone", async ({
  page,
}) => {
  const name = await signUp(page);
  await signOut(page);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?callbackUrl=(%2F|\/)account$/);
  await page.getByLabel("Username or email").fill(name);
  await page.getByLabel("Password").fill(STRONG_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Account settings" })).toBeVisible();
  await expect(page).toHaveURL(/\/account$/);

  await page.setViewportSize({ width: 360, height: 740 });
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Account settings" })).toBeVisible();
  await noSidewaysScroll(page);
  await page.screenshot({ path: "test-results/screens/account-phone.png", fullPage: true });
});
