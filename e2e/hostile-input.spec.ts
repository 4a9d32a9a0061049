// Issue 13, findings 6 and 8, over HTTP against the production server: NUL in a query and server
// actions called with the wrong shapes or a 10 MB body get an answer, never a 500.
import { expect, test } from "@playwright/test";
import { ADMIN, signIn, signUp } from "./fixtures";
import { actionId } from "./server-actions";

const ACTION_HEADERS = { accept: "text/x-component", "content-type": "text/plain;charset=UTF-8" };

test("NUL in the @mention lookup and the admin member search is left out, not a 500", async ({
  page,
}) => {
  const suggest = await page.request.get("/api/members/suggest?q=e2e%00-adm");
  expect(suggest.status()).toBe(200);
  expect(await suggest.json()).toMatchObject({ members: [{ name: ADMIN.username }] });

  await signIn(page, ADMIN.username, ADMIN.password);
  const search = await page.goto("/admin/members?q=e2e%00-adm");
  expect(search?.status()).toBe(200);
  const members = page.getByRole("region", { name: "Members" });
  await expect(members.getByRole("link", { name: ADMIN.username, exact: true })).toBeVisible();
});

test("server actions called with the wrong shapes answer without a 500", async ({ page }) => {
  await signUp(page);
  const call = (file: string, name: string, args: unknown) =>
    page.request.post("/alerts", {
      headers: { ...ACTION_HEADERS, "next-action": actionId(file, name) },
      data: JSON.stringify(args),
    });
  for (const [file, name, args] of [
    ["app/alerts/actions.ts", "markAlertReadAction", ["__proto__"]],
    ["app/watched/actions.ts", "unwatchAction", [{ threadId: "1" }]],
    ["app/forums/[slug]/new/actions.ts", "newThreadAction", [{}, { forumId: "99999999999" }]],
    ["app/moderation/reports/actions.ts", "decideReportAction", ["$undefined", "__proto__"]],
  ] as const) {
    const response = await call(file, name, args);
    expect(response.status(), `${name}(${JSON.stringify(args)})`).toBeLessThan(500);
  }
});

test("a 10 MB server action body is refused with 413 before it is read", async ({ page }) => {
  const response = await page.request.post("/alerts", {
    headers: {
      ...ACTION_HEADERS,
      "next-action": actionId("app/alerts/actions.ts", "markAlertReadAction"),
    },
    data: JSON.stringify(["x".repeat(10 * 1024 * 1024)]),
  });
  expect(response.status()).toBe(413);
  expect(await response.text()).toContain("too large");
});
