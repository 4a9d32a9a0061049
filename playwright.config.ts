import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? ".data/e2e";
export const ADMIN = { username: "e2e-admin", password: "e2e-admin-password-1" };
/** Sign-ups an hour from one address: every spec signs up from 127.0.0.1 (a few hundred in a run, far
 * below this); sign-up-abuse.spec fills the rest in Postgres to meet it, then frees it again. */
export const SIGN_UP_LIMIT_PER_HOUR = 2000;
/** mail.spec listens here with an in-process SMTP server (smtp-server); while it does not (the other
 * specs), a mail fails to send and is kept in the outbox, as on a forum whose mail server is down. */
export const E2E_SMTP_PORT = port + 1000;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  // One spec at a time: several stop Postgres or change site-wide settings while they run, and two
  // workers on a 2-core runner took as long as one (13 min either way in a trial).
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  // Several specs walk a whole feature (20–30 s on a quiet runner); on a busy one 30 s was too tight.
  timeout: 60_000,
  // A server action's answer took over 5 s now and then in full runs on 2 cores (Chromium, the server
  // and Postgres share them): each full run failed one different "click, then see the answer" step.
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    {
      name: "desktop",
      use: { ...devices["Desktop Chrome"], channel: undefined },
      // e2e/instances runs on its own cluster: playwright.instances.config.ts.
      testIgnore: [/mobile\.spec\.ts/, /instances\//],
    },
    {
      name: "phone",
      use: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true },
      testMatch: /mobile\.spec\.ts/,
    },
  ],
  webServer: {
    // The real start command, on a fresh data directory (scripts/test.sh empties it).
    // With npm start's heap, so e2e/worst-case-page.spec.ts measures what production has.
    command: "npx tsx --max-old-space-size=256 scripts/start.ts",
    url: `http://127.0.0.1:${port}/`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATA_DIR: E2E_DATA_DIR,
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      // Low, so posting.spec can reach the preview limit in a few clicks (each test's members are new).
      PREVIEW_RATE_LIMIT_PER_MINUTE: "5",
      SIGN_UP_LIMIT_PER_HOUR: String(SIGN_UP_LIMIT_PER_HOUR),
      SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
      MAIL_FROM: "Parley e2e <forum@example.test>",
    },
  },
});
