// The multi-instance test (README, "More than one instance"): e2e/instances/cluster.ts starts one
// Postgres, two instances of the production build and nginx in front; the spec checks what must be
// shared between them. `npm test` runs it after the main e2e suite, reusing that suite's build.
import { defineConfig } from "@playwright/test";
import base from "./playwright.config";
import { NGINX_PORT } from "./e2e/instances/ports";

export default defineConfig({
  testDir: "e2e/instances",
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  timeout: 60_000,
  // Two production servers, nginx and the browser share the machine: a form's answer may take longer
  // than the main suite's 5 s.
  expect: { timeout: 10_000 },
  globalSetup: "./e2e/instances/cluster.ts",
  use: { ...base.use, baseURL: `http://127.0.0.1:${NGINX_PORT}` },
});
