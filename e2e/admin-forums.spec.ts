import { expect, test, type Locator, type Page } from "@playwright/test";
import { ADMIN, memberInOwnBrowser, signIn, uniqueName } from "./fixtures";

/** Opens a <details> by its summary unless it is open already (a save re-renders the page). */
async function open(summary: Locator) {
  const details = summary.locator("xpath=..");
  if ((await details.getAttribute("open")) === null) await summary.click();
}

async function createForum(page: Page, category: Locator, categoryTitle: string, title: string) {
  await open(category.getByText(`Add a forum to ${categoryTitle}`));
  await category.getByLabel("New forum's title").fill(title);
  await category.getByRole("button", { name: "Create forum" }).click();
  await expect(category.getByRole("heading", { level: 4, name: title })).toBeVisible();
}

test("an administrator builds forums, hides one from members, renames, deletes and renames the site", async ({
  page,
  browser,
}) => {
  const word = uniqueName("zq");
  const categoryTitle = `Harbour ${word}`;
  const [first, second] = [`Quay ${word}`, `Dock ${word}`];
  await signIn(page, ADMIN.username, ADMIN.password);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1, name: "Administration" })).toBeVisible();

  // A category with two forums, the second moved above the first with the keyboard.
  await page.getByLabel("Category title").fill(categoryTitle);
  await page.getByRole("button", { name: "Create category" }).click();
  const category = page.getByRole("region", { name: categoryTitle });
  await expect(category).toBeVisible();
  await createForum(page, category, categoryTitle, first);
  await createForum(page, category, categoryTitle, second);
  await category.getByRole("button", { name: `Move up ${second}` }).press("Enter");
  await expect(category.getByRole("listitem").first()).toContainText(second);
  await page.screenshot({ path: "test-results/admin-forums.png", fullPage: true });

  // The first forum becomes staff-only; the administrator starts a thread in it.
  const firstRow = category.getByRole("listitem", { name: first });
  await open(firstRow.getByText(`Edit ${first}`));
  await firstRow.getByLabel("Who may view").selectOption("staff");
  await firstRow.getByRole("button", { name: "Save rules" }).click();
  await expect(firstRow.getByText(`The rules of “${first}” were saved.`)).toBeVisible();
  await firstRow.getByRole("link", { name: first }).click();
  await expect(page.getByRole("heading", { level: 1, name: first })).toBeVisible();
  const forumUrl = page.url();
  await page.getByRole("link", { name: "New thread" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^New thread in / })).toBeVisible();
  await page.getByLabel("Title", { exact: true }).fill(`Secret ${word}`);
  await page.getByRole("textbox", { name: "Message" }).fill(`Only staff read ${word}.`);
  await page.getByRole("button", { name: "Post thread" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Secret ${word}` })).toBeVisible();
  const permalink = await page
    .getByRole("link", { name: "Permalink to post #1" })
    .getAttribute("href");

  // A member sees it nowhere.
  const member = await memberInOwnBrowser(browser);
  const other = member.page;
  await other.goto("/");
  await expect(other.getByRole("link", { name: second, exact: true })).toBeVisible();
  await expect(other.getByRole("link", { name: first, exact: true })).toHaveCount(0);
  expect((await other.goto(forumUrl))?.status()).toBe(404);
  expect((await other.goto(permalink!))?.status()).toBe(404);
  await other.goto(`/search?q=${word}`);
  await expect(other.getByText(`Secret ${word}`)).toHaveCount(0);
  await other.goto("/whats-new/posts");
  await expect(other.getByText(`Secret ${word}`)).toHaveCount(0);
  expect(await (await other.request.get("/rss")).text()).not.toContain(word);

  // Renamed, then deleted with its thread moved to the other forum, which the member can read.
  await page.goto("/admin");
  const secondRow = category.getByRole("listitem", { name: second });
  await open(secondRow.getByText(`Edit ${second}`));
  await secondRow.getByLabel("Title", { exact: true }).fill(`${second} renamed`);
  await secondRow.getByRole("button", { name: "Save forum" }).click();
  await expect(
    category.getByRole("heading", { level: 4, name: `${second} renamed` }),
  ).toBeVisible();
  await open(firstRow.getByText(`Edit ${first}`));
  await firstRow.getByLabel("Move its threads to").selectOption({ label: `${second} renamed` });
  await firstRow.getByRole("button", { name: `Delete forum ${first}` }).click();
  await expect(category.getByRole("listitem")).toHaveCount(1);
  await other.goto(permalink!);
  await expect(other.getByRole("heading", { level: 1, name: `Secret ${word}` })).toBeVisible();
  await member.context.close();

  // The site's name, in the header and the title; then back, for the other specs.
  const rename = async (name: string) => {
    await page.getByLabel("Forum name").fill(name);
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("The site settings were saved.")).toBeVisible();
  };
  await page
    .locator("form")
    .filter({ has: page.getByLabel("Forum name") })
    .screenshot({ path: "test-results/screens/site-settings.png" });
  await rename(`Harbour ${word}`);
  await page.goto("/");
  await expect(
    page.getByRole("banner").getByRole("link", { name: `Harbour ${word}` }),
  ).toBeVisible();
  await expect(page).toHaveTitle(new RegExp(`Harbour ${word}`));
  await page.goto("/admin");
  await rename("Parley");
});
