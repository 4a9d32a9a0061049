import { expect, test, type Page } from "@playwright/test";
import { SIGN_UP_LIMIT_PER_HOUR } from "../playwright.config";
import { signUp, STRONG_PASSWORD, uniqueName, e2eDatabase } from "./fixtures";

// What issue 13 found at the sign-up form: a look-alike of a member's name, a bot filling every
// input, and no limit per address. The limit is met by filling the address's count in Postgres (the
// server is shared with every other spec, which all sign up from 127.0.0.1), and freed afterwards.

const REFUSED =
  "No account was made with these details. If you already have an account, sign in instead.";

async function fillSignUp(
  page: Page,
  username: string,
  email = `${uniqueName("mail")}@example.test`,
) {
  await page.goto("/register");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(STRONG_PASSWORD);
}

test("a name that looks like a member's is refused with a message, what was typed kept", async ({
  page,
  browser,
}) => {
  const id = String(Date.now());
  await signUp(page, `ace${id}`);

  const visitor = await (await browser.newContext()).newPage();
  const cyrillic = `\u0430\u0441\u0435${id}`;
  await fillSignUp(visitor, cyrillic);
  await visitor.getByRole("button", { name: "Sign up" }).click();
  await expect(
    visitor.getByText("That name is too close to an existing member's name."),
  ).toBeVisible();
  await expect(visitor.getByLabel("Username")).toHaveValue(cyrillic);
  await expect(visitor.getByLabel("Username")).toHaveAttribute("aria-invalid", "true");
  await visitor.screenshot({ path: "test-results/sign-up-lookalike.png", fullPage: true });

  await visitor.getByLabel("Username").fill(`ace${id}\u3164`);
  await visitor.getByRole("button", { name: "Sign up" }).click();
  await expect(
    visitor.getByText("Usernames cannot contain invisible characters (U+3164)."),
  ).toBeVisible();
  await visitor.context().close();
});

test("the bot trap is hidden from people and screen readers; filling it makes no account", async ({
  page,
}) => {
  const sql = e2eDatabase();
  try {
    const name = uniqueName("bot");
    await fillSignUp(page, name);
    await expect(page.getByRole("textbox", { name: /referral/i })).toHaveCount(0);
    const trap = page.locator('input[name="referral_code"]');
    await expect(trap).not.toBeInViewport();
    await trap.fill("https://spam.example", { force: true });
    await page.getByRole("button", { name: "Sign up" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(REFUSED);
    await expect(
      page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" }),
    ).toBeVisible();
    expect(await sql`select 1 from users where name = ${name}`).toHaveLength(0);

    // An email that has an account gets the very same answer.
    const owner = uniqueName("owner");
    const email = `${owner}@example.test`;
    const other = await page.context().browser()!.newContext();
    const ownerPage = await other.newPage();
    await fillSignUp(ownerPage, owner, email);
    await ownerPage.getByRole("button", { name: "Sign up" }).click();
    await expect(ownerPage.getByRole("link", { name: owner })).toBeVisible();
    await other.close();
    await fillSignUp(page, uniqueName("probe"), email);
    await page.getByRole("button", { name: "Sign up" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(REFUSED);
  } finally {
    await sql.end();
  }
});

test("past the hourly sign-ups from one address, the form says when to come back", async ({
  page,
}) => {
  const sql = e2eDatabase();
  // One sign-up (a trapped one, which also counts) shows the address the server records for us.
  await fillSignUp(page, uniqueName("first"));
  await page.locator('input[name="referral_code"]').fill("x", { force: true });
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(REFUSED);
  const [latest] = await sql<{ address: string }[]>`
    select address from sign_up_attempts order by id desc limit 1`;
  expect(latest).toBeDefined();
  const address = latest!.address;
  const filled = await sql<{ id: number }[]>`
    insert into sign_up_attempts (address)
    select ${address} from generate_series(1, greatest(0, ${SIGN_UP_LIMIT_PER_HOUR} - (
      select count(*)::int from sign_up_attempts
      where address = ${address} and at > now() - interval '1 hour')))
    returning id`;
  try {
    const name = uniqueName("late");
    await fillSignUp(page, name);
    await page.getByRole("button", { name: "Sign up" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(
      /^Too many accounts were made from your network in the last hour\. Try again in \d+ minutes?\.$/,
    );
    await expect(page.getByLabel("Username")).toHaveValue(name);
    expect(await sql`select 1 from users where name = ${name}`).toHaveLength(0);
  } finally {
    if (filled.length > 0)
      await sql`delete from sign_up_attempts where id in ${sql(filled.map((row) => row.id))}`;
    await sql.end();
  }
});
