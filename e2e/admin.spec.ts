import { expect, test, type Page } from "@playwright/test";
import { ADMIN, signIn, signUp } from "./fixtures";

const DENIED = "You do not have permission to view this page";

const adminLink = (page: Page) =>
  page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" });

/** The member's row on /admin/members, found with the page's own search. */
async function findMember(page: Page, name: string) {
  await page.getByLabel("Search members by name").fill(name);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText(`1 member matches “${name}”.`)).toBeVisible();
  return page.getByRole("region", { name: "Members" }).getByRole("listitem", { name, exact: true });
}

test("anonymous visitors sign in first and come back; plain members are refused with a 403", async ({
  page,
  browser,
}) => {
  await page.goto("/admin/members");
  await expect(page).toHaveURL(/\/login\?callbackUrl=(\/|%2F)admin(\/|%2F)members$/);
  await page.getByLabel("Username or email").fill(ADMIN.username);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/members$/);
  await expect(
    page.getByRole("heading", { level: 1, name: "Member administration" }),
  ).toBeVisible();

  // /admin is the administrators' panel (forums, settings); it links to the member page.
  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1, name: "Administration" })).toBeVisible();
  await page.goto("/admin/members");

  // The administrator's own row: no way to change their own role.
  const own = await findMember(page, ADMIN.username);
  await expect(own).toContainText("You cannot change your own role.");
  await expect(own.getByLabel(`Role for ${ADMIN.username}`)).toHaveCount(0);

  const context = await browser.newContext();
  const member = await context.newPage();
  await signUp(member);
  await expect(adminLink(member)).toHaveCount(0);
  const response = await member.goto("/admin/members");
  expect(response?.status()).toBe(403);
  await expect(member.getByRole("heading", { name: DENIED })).toBeVisible();
  await expect(member.getByRole("textbox", { name: /Custom title for/ })).toHaveCount(0);
  await context.close();
});

test("an administrator makes a member a moderator with a custom title, then demotes them", async ({
  page,
  browser,
}) => {
  const context = await browser.newContext();
  const memberPage = await context.newPage();
  const name = await signUp(memberPage);

  await signIn(page, ADMIN.username, ADMIN.password);
  await adminLink(page).click();
  await page.getByRole("link", { name: "Member administration" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Member administration" }),
  ).toBeVisible();
  let row = await findMember(page, name);
  const badge = (text: string) => row.locator("p").getByText(text, { exact: true });
  await expect(badge("Member")).toBeVisible();

  await row.getByLabel(`Role for ${name}`).selectOption("moderator");
  await row.getByRole("button", { name: "Save role" }).click();
  await expect(row.getByRole("status")).toHaveText(`${name} is now a moderator.`);
  await expect(badge("Moderator")).toBeVisible();
  await expect(row.getByLabel(`Role for ${name}`)).toHaveValue("moderator");

  await row.getByLabel(`Custom title for ${name}`).fill("Night Watch");
  await row.getByRole("button", { name: "Save title" }).click();
  await expect(row.getByText(`${name}'s custom title is now “Night Watch”.`)).toBeVisible();

  await row.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("Night Watch")).toBeVisible();

  // The member, still signed in from before, now sees what a moderator sees.
  await memberPage.reload();
  await adminLink(memberPage).click();
  await expect(
    memberPage.getByRole("heading", { level: 1, name: "Member administration" }),
  ).toBeVisible();
  await expect(memberPage.getByText("As a moderator you can grant custom titles")).toBeVisible();
  const adminRow = await findMember(memberPage, ADMIN.username);
  await expect(adminRow.getByLabel(`Custom title for ${ADMIN.username}`)).toHaveCount(0);
  await expect(adminRow.getByRole("combobox")).toHaveCount(0);
  const ownRow = await findMember(memberPage, name);
  await expect(ownRow.getByLabel(`Custom title for ${name}`)).toHaveValue("Night Watch");
  await expect(ownRow.getByRole("combobox")).toHaveCount(0);
  await memberPage.screenshot({
    path: "test-results/screens/admin-members-moderator.png",
    fullPage: true,
  });

  // The administrator demotes them back.
  await page.goto("/admin/members");
  row = await findMember(page, name);
  await row.getByLabel(`Role for ${name}`).selectOption("member");
  await row.getByRole("button", { name: "Save role" }).click();
  await expect(row.getByRole("status")).toHaveText(`${name} is now a member.`);
  await expect(row.getByLabel(`Role for ${name}`)).toHaveValue("member");

  // Their open page still shows the form, but the server refuses it and writes nothing…
  await ownRow.getByLabel(`Custom title for ${name}`).fill("Sneaky");
  await ownRow.getByRole("button", { name: "Save title" }).click();
  await expect(ownRow.getByRole("alert")).toHaveText(
    "Only moderators and administrators can grant custom titles.",
  );
  await page.screenshot({ path: "test-results/screens/admin-members-saved.png" });

  // …and their next request no longer opens the page, though they are still signed in.
  const response = await memberPage.reload();
  expect(response?.status()).toBe(403);
  await expect(memberPage.getByRole("heading", { name: DENIED })).toBeVisible();
  await memberPage.screenshot({ path: "test-results/screens/admin-members-denied.png" });
  await expect(
    memberPage.getByRole("navigation", { name: "Account" }).getByRole("link", { name }),
  ).toBeVisible();
  await expect(adminLink(memberPage)).toHaveCount(0);

  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByText("Night Watch")).toBeVisible();
  await expect(page.getByText("Sneaky")).toHaveCount(0);
  await context.close();
});

test("the administration page fits a desktop and a 360 px phone", async ({ page }) => {
  await signIn(page, ADMIN.username, ADMIN.password);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/admin/members");
  await expect(
    page.getByRole("heading", { level: 1, name: "Member administration" }),
  ).toBeVisible();
  await page.screenshot({ path: "test-results/screens/admin-members-desktop.png", fullPage: true });

  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/admin/members");
  await expect(page.getByRole("combobox").first()).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  // Nor is anything cut off inside a row (the list's rounded box hides what sticks out).
  const clipped = await page
    .getByRole("region", { name: "Members" })
    .evaluate((list) =>
      [...list.querySelectorAll("li")]
        .filter((row) => row.scrollWidth > row.clientWidth)
        .map((row) => row.textContent?.slice(0, 40)),
    );
  expect(clipped).toEqual([]);
  await page.screenshot({ path: "test-results/screens/admin-members-phone.png", fullPage: true });
});
