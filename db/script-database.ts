// The forum's database for a maintenance script (backup, restore): DATABASE_URL when set; else the
// embedded Postgres under DATA_DIR, reached where a running `npm start` serves it, or started for
// the script's run and stopped after.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { env } from "../lib/env";
import { startEmbeddedPostgres } from "./embedded";
import { runningPostmasterPort } from "./postmaster";

export interface ScriptDatabase {
  url: string;
  /** Stops the Postgres this script started (nothing when it used one already running). */
  release(): Promise<void>;
}

export async function scriptDatabase(log: (message: string) => void): Promise<ScriptDatabase> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, release: async () => {} };
  const dataDir = path.resolve(env.DATA_DIR);
  const port = await runningPostmasterPort(path.join(dataDir, "pg"));
  if (port !== null) {
    const password = (await readFile(path.join(dataDir, "pg-password"), "utf8")).trim();
    return {
      url: `postgres://parley:${encodeURIComponent(password)}@127.0.0.1:${port}/parley`,
      release: async () => {},
    };
  }
  const embedded = await startEmbeddedPostgres(dataDir, log);
  return { url: embedded.url, release: () => embedded.stop() };
}
