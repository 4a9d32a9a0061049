// Vitest global setup: a real, fresh embedded Postgres for the integration tests (never a mock),
// migrated once; test files get its URL through setup-env.ts.
import { rm } from "node:fs/promises";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createDatabase } from "../connect";
import { runMigrations } from "../migrate";
import { loadEmbeddedPostgres } from "./embedded-for-tests";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    /** The same database through its Unix socket, as npm start's app reaches it. */
    databaseSocketUrl: string;
  }
}

export default async function setup(project: TestProject) {
  // Per run, so two test runs on one machine never share a cluster.
  const dataDir = path.resolve(".data", `test-${process.pid}`);
  await rm(dataDir, { recursive: true, force: true });
  const { startEmbeddedPostgres } = await loadEmbeddedPostgres();
  const pg = await startEmbeddedPostgres(dataDir, () => {});
  const db = createDatabase(pg.url, 1);
  await runMigrations(db);
  await db.$client.end();
  project.provide("databaseUrl", pg.url);
  project.provide("databaseSocketUrl", pg.socketUrl);
  return async () => {
    await pg.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
