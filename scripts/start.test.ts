import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, expect, it } from "vitest";

const dataDir = path.resolve(".data", `start-env-test-${process.pid}`);
afterAll(() => rm(dataDir, { recursive: true, force: true }));

it("refuses to start on a bad variable, saying which and why, before starting Postgres", () => {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const started = performance.now();
  const run = spawnSync("npx", ["tsx", "scripts/start.ts"], {
    env: { ...inherited, DATA_DIR: dataDir, POST_RATE_LIMIT_PER_MINUTE: "ten" },
    encoding: "utf8",
    timeout: 30_000,
  });
  expect(run.status).not.toBe(0);
  expect(run.status).not.toBeNull();
  expect(run.stderr).toContain("POST_RATE_LIMIT_PER_MINUTE must be a whole number ≥ 1, got 'ten'");
  // Without DATABASE_URL the start script would otherwise have made its embedded cluster here.
  expect(existsSync(path.join(dataDir, "pg"))).toBe(false);
  expect(run.stdout).not.toContain("Embedded Postgres is running");
  expect(performance.now() - started).toBeLessThan(20_000);
}, 40_000);

it("with DATABASE_URL set, refuses to invent an AUTH_SECRET other instances would not share", () => {
  const { AUTH_SECRET: _unset, ...inherited } = process.env;
  const fresh = path.join(dataDir, "shared-database");
  const run = spawnSync("npx", ["tsx", "scripts/start.ts"], {
    env: { ...inherited, DATA_DIR: fresh, DATABASE_URL: process.env.DATABASE_URL },
    encoding: "utf8",
    timeout: 30_000,
  });
  expect(run.status).not.toBe(0);
  expect(run.status).not.toBeNull();
  expect(run.stderr).toContain("AUTH_SECRET is not set. With DATABASE_URL set");
  expect(existsSync(path.join(fresh, "auth-secret"))).toBe(false);
}, 40_000);
