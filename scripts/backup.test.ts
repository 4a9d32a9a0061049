// `npm run backup` and `npm run restore` as an operator runs them: a seeded forum backed up from
// Postgres, restored onto a brand-new DATA_DIR's embedded Postgres (started and stopped by the
// script), backed up again from there: the same forum, and its member's password still signs in.
import { spawnSync } from "node:child_process";
import { createReadStream, existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createGunzip } from "node:zlib";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { createDatabase } from "@/db/connect";
import { runMigrations } from "@/db/migrate";
import { users } from "@/db/schema";
import { importSeedsIfEmpty } from "@/db/seed/import-seeds";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { startEmbeddedPostgres } from "@/db/embedded";

const source = `cli_backup_${process.pid}`;
let work: string;
let sourceUrl: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "parley-backup-"));
  await db.execute(sql.raw(`create database "${source}"`));
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${source}`;
  sourceUrl = url.toString();
  const from = createDatabase(sourceUrl, 2);
  await runMigrations(from);
  await importSeedsIfEmpty(from, () => {});
  await from.insert(users).values({
    name: "backed-up",
    passwordHash: await hashPassword("still my password 42"),
  });
  await from.$client.end();
});
afterAll(async () => {
  await db.execute(sql.raw(`drop database "${source}"`));
  await db.$client.end();
  await rm(work, { recursive: true, force: true });
});

function run(script: string, args: string[], env: Record<string, string | undefined>) {
  const { DATABASE_URL: _unset, ...inherited } = process.env;
  const result = spawnSync("npx", ["tsx", script, ...args], {
    env: { ...inherited, ...env },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: result.status, out: result.stdout + result.stderr };
}

/** Each table's line in a backup file, and how many rows follow it. */
async function tableRows(file: string) {
  const counts: Record<string, number> = {};
  let table: string | null = null;
  for await (const line of createInterface({
    input: createReadStream(file).pipe(createGunzip()),
  })) {
    if (line.startsWith("@table ")) table = (JSON.parse(line.slice(7)) as { name: string }).name;
    else if (line === "\\.") table = null;
    else if (table) counts[table] = (counts[table] ?? 0) + 1;
  }
  return counts;
}

it("backs up, restores onto a new DATA_DIR, and the restored forum backs up the same", async () => {
  const first = path.join(work, "first.jsonl.gz");
  const backup = run("scripts/backup.ts", [first], { DATABASE_URL: sourceUrl });
  expect(backup.out).toContain("Backed up");
  expect(backup.status).toBe(0);

  const dataDir = path.join(work, "new-machine");
  const restore = run("scripts/restore.ts", [first], { DATA_DIR: dataDir });
  expect(restore.out).toContain("Restored");
  expect(restore.status).toBe(0);
  // A second restore onto the same forum is refused: nothing is overwritten.
  const again = run("scripts/restore.ts", [first], { DATA_DIR: dataDir });
  expect(again.status).not.toBe(0);
  expect(again.out).toContain("restore into an empty one");

  const second = path.join(work, "second.jsonl.gz");
  expect(run("scripts/backup.ts", [second], { DATA_DIR: dataDir }).status).toBe(0);
  const before = await tableRows(first);
  expect(before.posts).toBeGreaterThan(20);
  expect(await tableRows(second)).toEqual(before);
  expect(existsSync(`${second}.partial`)).toBe(false);

  // The member's password still verifies against the restored forum's stored hash.
  const restored = await startEmbeddedPostgres(dataDir, () => {});
  const to = createDatabase(restored.url, 1);
  try {
    const [member] = await to
      .select({ hash: users.passwordHash })
      .from(users)
      .where(sql`${users.name} = 'backed-up'`);
    expect(await verifyPassword(member!.hash!, "still my password 42")).toBe(true);
  } finally {
    await to.$client.end();
    await restored.stop();
  }
}, 240_000);
