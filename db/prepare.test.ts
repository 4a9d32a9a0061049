// Integration: instances starting at once on one fresh database all come up, and the migrations, the
// seed import and the first administrator happen once (issue 14: without the start lock, racing
// `CREATE TYPE`s crashed one instance in 3 of 4 trials).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "./client";
import { createDatabase, type Database } from "./connect";
import { prepareDatabase } from "./prepare";

const name = `start_race_${process.pid}`;
const instances: Database[] = [];

beforeAll(async () => {
  await db.execute(sql.raw(`create database "${name}"`));
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  for (let i = 0; i < 4; i++) instances.push(createDatabase(url.toString(), 2));
});
afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.$client.end()));
  await db.execute(sql.raw(`drop database "${name}"`));
  await db.$client.end();
});

describe("four instances started at once on a fresh database", () => {
  it("all come up, with one migration run, one seed import and one administrator", async () => {
    const quiet = () => {};
    const results = await Promise.allSettled(instances.map((i) => prepareDatabase(i, quiet)));
    expect(results.map((r) => (r.status === "rejected" ? String(r.reason) : "ok"))).toEqual([
      "ok",
      "ok",
      "ok",
      "ok",
    ]);

    const [one] = instances;
    const counts = await one!.execute<{ migrations: number; admins: number; forums: number }>(sql`
      select (select count(*)::int from drizzle.__drizzle_migrations) as migrations,
             (select count(*)::int from users where role = 'admin') as admins,
             (select count(*)::int from forums) as forums`);
    const journal = (await import("./migrations/meta/_journal.json")).default;
    expect(counts[0]).toEqual({
      migrations: journal.entries.length,
      admins: 1,
      forums: expect.any(Number) as number,
    });

    // A second import would have doubled the forums; one start's worth is what a single start makes.
    const [again] = await one!.execute<{ forums: number }>(
      sql`select count(*)::int as forums from forums`,
    );
    await prepareDatabase(one!, quiet);
    const [after] = await one!.execute<{ forums: number }>(
      sql`select count(*)::int as forums from forums`,
    );
    expect(after!.forums).toBe(again!.forums);
    expect(again!.forums).toBeGreaterThan(0);
  }, 120_000);
});
