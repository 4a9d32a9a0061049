// Integration: a seeded forum backed up and restored into a fresh database is the same forum: every
// row, the search index, the member who can sign in, and ids that carry on where they stopped.
import { PassThrough, Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "./client";
import { createDatabase, type Database } from "./connect";
import { runMigrations } from "./migrate";
import { BackupRefused, restoreBackup, writeBackup } from "./backup";
import { importSeedsIfEmpty } from "./seed/import-seeds";
import { forums, users } from "./schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password";

const names = [`backup_from_${process.pid}`, `backup_to_${process.pid}`];
let from: Database;
let to: Database;

function urlOf(name: string) {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

beforeAll(async () => {
  for (const name of names) await db.execute(sql.raw(`create database "${name}"`));
  from = createDatabase(urlOf(names[0]!), 2);
  to = createDatabase(urlOf(names[1]!), 2);
  await runMigrations(from);
  await importSeedsIfEmpty(from, () => {});
  await from.insert(users).values({
    name: "restored-member",
    email: "restored@example.test",
    passwordHash: await hashPassword("a password to sign in with"),
  });
  await runMigrations(to);
});
afterAll(async () => {
  await from.$client.end();
  await to.$client.end();
  for (const name of names) await db.execute(sql.raw(`drop database "${name}"`));
  await db.$client.end();
});

async function backupText(source: Database) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (chunk: Buffer) => chunks.push(chunk));
  const copied = await writeBackup(source.$client, out);
  out.end();
  return { text: Buffer.concat(chunks).toString("utf8"), copied };
}

/** One fingerprint per table: its rows, in a stable order, hashed in Postgres. */
async function fingerprints(database: Database) {
  const tables = await database.execute<{ name: string }>(sql`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await database.execute<{ hash: string }>(
      sql.raw(
        `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as hash from "${name}" t`,
      ),
    );
    out[name] = row!.hash;
  }
  return out;
}

describe("backup and restore", () => {
  it("round-trips a seeded forum: every row, search, a member's password, ids carrying on", async () => {
    const { text, copied } = await backupText(from);
    expect(copied.posts).toBeGreaterThan(20);
    expect(copied.users).toBeGreaterThan(5);

    const loaded = await restoreBackup(to.$client, Readable.from([text]));
    expect(loaded).toEqual(copied);
    expect(await fingerprints(to)).toEqual(await fingerprints(from));

    // The generated search column was computed again: search finds the same posts.
    const search = (database: Database) =>
      database.execute<{ n: number }>(
        sql`select count(*)::int as n from posts where search @@ plainto_tsquery('english', 'missile')`,
      );
    expect((await search(to))[0]!.n).toBeGreaterThan(0);
    expect(await search(to)).toEqual(await search(from));

    const [member] = await to
      .select({ hash: users.passwordHash })
      .from(users)
      .where(sql`${users.name} = 'restored-member'`);
    expect(await verifyPassword(member!.hash!, "a password to sign in with")).toBe(true);

    // Sequences continue past the restored ids: a new forum gets a fresh one.
    const [{ max } = { max: 0 }] = await to.execute<{ max: number }>(
      sql`select max(id)::int as max from forums`,
    );
    const [created] = await to
      .insert(forums)
      .values({
        categoryId: sql`(select min(id) from categories)`,
        slug: "after-restore",
        title: "After the restore",
      })
      .returning({ id: forums.id });
    expect(created!.id).toBeGreaterThan(max);
  });

  it("refuses a database that already holds a forum, another schema version, and other files", async () => {
    const { text } = await backupText(from);
    await expect(restoreBackup(from.$client, Readable.from([text]))).rejects.toThrow(
      "restore into an empty one",
    );
    const older = text.replace(/"migrations":\d+/, '"migrations":3');
    await expect(restoreBackup(to.$client, Readable.from([older]))).rejects.toThrow(
      "This backup is of schema version 3",
    );
    await expect(restoreBackup(to.$client, Readable.from(["hello\n"]))).rejects.toThrow(
      BackupRefused,
    );
  });
});
