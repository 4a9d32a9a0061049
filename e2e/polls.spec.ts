import { expect, test, type Page } from "@playwright/test";
import { ADMIN, memberInOwnBrowser, signIn, uniqueName } from "./fixtures";

const poll = (page: Page) => page.getByRole("region", { name: /^Poll:/ });

test.setTimeout(60_000);

test("a poll is started with a thread, voted on by two members, and closed by staff", async ({
  browser,
}) => {
  const starter = await memberInOwnBrowser(browser, "pollster");
  const title = `Which tank ${uniqueName("t")}`;
  const page = starter.page;
  await page.goto("/forums/global-defence/new");
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByRole("textbox", { name: "Message" }).fill("Vote in the poll, please.");
  await page.getByText("Add a poll").click();
  await page.getByLabel("Poll question").fill("Which tank is best?");
  await page.getByLabel("Answer 1").fill("Leopard");
  await page.getByLabel("Answer 2").fill("Abrams");
  await page.getByRole("button", { name: "Add another answer" }).click();
  await page.getByLabel("Answer 3").fill("Challenger");
  await page.getByLabel("Members see the results once they have voted").check();
  await page
    .getByRole("group", { name: "Poll" })
    .screenshot({ path: "test-results/poll-form.png" });
  await page.getByRole("button", { name: "Post thread" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const url = page.url().replace(/#.*$/, "");

  // Results wait for a vote; the vote shows them, with counts in words.
  await expect(poll(page)).toContainText("Results are shown once you have voted.");
  await poll(page).getByLabel("Leopard").check();
  await poll(page).screenshot({ path: "test-results/poll-voting.png" });
  await poll(page).getByRole("button", { name: "Vote", exact: true }).click();
  const results = poll(page).getByRole("list", { name: "Results" });
  await expect(results).toContainText("Leopard(your vote)1 vote (100%)");
  await expect(poll(page).getByRole("button", { name: "Vote", exact: true })).toHaveCount(0);

  const second = await memberInOwnBrowser(browser, "voter");
  await second.page.goto(url);
  await poll(second.page).getByLabel("Abrams").check();
  await poll(second.page).getByRole("button", { name: "Vote", exact: true }).click();
  const seen = poll(second.page).getByRole("list", { name: "Results" });
  await expect(seen).toContainText("Leopard1 vote (50%)");
  await expect(seen).toContainText("Abrams(your vote)1 vote (50%)");
  await expect(seen).toContainText("Challenger0 votes (0%)");
  await expect(poll(second.page)).toContainText("2 members have voted.");
  await poll(second.page).screenshot({ path: "test-results/poll.png" });

  const staff = await browser.newContext();
  const admin = await staff.newPage();
  await signIn(admin, ADMIN.username, ADMIN.password);
  await admin.goto(url);
  await poll(admin).getByRole("button", { name: "Close poll" }).click();
  await expect(poll(admin)).toContainText("This poll is closed.");
  await expect(poll(admin).getByRole("button", { name: "Reopen poll" })).toBeVisible();

  // A member who has not voted finds the poll closed, with its results shown to everyone.
  const late = await memberInOwnBrowser(browser, "late");
  await late.page.goto(url);
  await expect(poll(late.page)).toContainText("This poll is closed.");
  await expect(poll(late.page).getByRole("list", { name: "Results" })).toContainText(
    "Abrams1 vote (50%)",
  );
  await expect(poll(late.page).getByRole("button", { name: "Vote", exact: true })).toHaveCount(0);
  await Promise.all([starter.context, second.context, staff, late.context].map((c) => c.close()));
});
