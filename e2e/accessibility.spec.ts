// axe-core's WCAG 2.x A and AA rules on every kind of page, in both colour schemes and at desktop and
// phone widths: no serious or critical failure. Each scheme is swept at one width (light on a desktop,
// dark on a phone): the colours do not change with the width, nor the layout with the scheme, and the
// whole sweep takes a minute per run. Signed in once as the administrator (whose pages are the
// fullest: staff links, queues, admin pages).
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type BrowserContextOptions } from "@playwright/test";
import { ADMIN, openThread, signIn } from "./fixtures";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const SWEEPS = [
  { scheme: "light", name: "1280 px", viewport: { width: 1280, height: 800 } },
  {
    scheme: "dark",
    name: "360 px",
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
  },
] as const;

let signedIn: BrowserContextOptions["storageState"];
let pages: [string, string][] = [];

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, ADMIN.username, ADMIN.password);
  await openThread(page, "Japan-Russia Relations: Toward a Peace Treaty and Beyond");
  const thread = new URL(page.url()).pathname;
  const profile = await page
    .locator("article[id^=post-] aside a[href^='/members/']")
    .first()
    .getAttribute("href");
  await page.goto("/");
  const forum = await page.locator("main a[href^='/forums/']").first().getAttribute("href");
  pages = [
    ["home", "/"],
    ["forum", forum!],
    ["thread", thread],
    ["profile", profile!],
    ["search", "/search?q=russia"],
    ["What's new", "/whats-new"],
    ["account", "/account"],
    ["admin", "/admin/members"],
    ["moderation", "/moderation/reports"],
  ];
  signedIn = await context.storageState();
  await context.close();
});

for (const { scheme, name, ...size } of SWEEPS) {
  test(`every page type, ${scheme}, ${name}: no serious or critical WCAG A/AA failure`, async ({
    browser,
  }) => {
    test.setTimeout(90_000);
    const context = await browser.newContext({
      ...size,
      colorScheme: scheme,
      storageState: signedIn,
    });
    const page = await context.newPage();
    const failures: string[] = [];
    for (const [kind, url] of pages) {
      await page.goto(url);
      // The scheme follows the device's preference before anything is drawn.
      await expect(page.locator("html")).toHaveAttribute("data-theme", scheme);
      await expect(page.locator("html")).toHaveAttribute("data-personal", "loaded");
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      if (overflow > 0) failures.push(`${kind} (${url}): scrolls sideways by ${overflow} px`);
      if (kind === "home" || kind === "thread")
        await page.screenshot({
          path: `test-results/screens/${kind}-${scheme}-${size.viewport.width}.png`,
        });
      const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      for (const v of violations) {
        if (v.impact !== "serious" && v.impact !== "critical") continue;
        const where = v.nodes
          .slice(0, 3)
          .map((n) => `${n.target.join(" ")}: ${n.failureSummary?.split("\n")[1]?.trim()}`);
        failures.push(`${kind} (${url}): ${v.id} ×${v.nodes.length}\n    ${where.join("\n    ")}`);
      }
    }
    await context.close();
    expect(failures, failures.join("\n")).toEqual([]);
  });
}
