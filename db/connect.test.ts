// Integration: pooled connections that Postgres ended (a restart, a failover, an operator's
// pg_terminate_backend) do not fail the reads that meet them.
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase } from "./connect";
import { users } from "./schema";

const url = process.env.DATABASE_URL!;
const admin = postgres(url, { max: 1, onnotice: () => {} });
const pooled = createDatabase(url, 4, { applicationName: "parley-dead-connections" });

afterAll(async () => {
  await pooled.$client.end();
  await admin.end();
});

/** Opens every connection of the pool, then has Postgres end them all, as a restart does. */
async function killThePool() {
  await Promise.all(Array.from({ length: 4 }, () => pooled.execute(sql`select pg_sleep(0.05)`)));
  const ended = await admin`
    select pg_terminate_backend(pid) from pg_stat_activity
    where application_name = 'parley-dead-connections'`;
  expect(ended.length).toBe(4);
  // No wait: Postgres has closed them, and the pool has not noticed yet.
}

describe("dead pooled connections", () => {
  it("retries a read once on a fresh connection, for each of the pool's dead connections", async () => {
    await killThePool();
    const reads = await Promise.all(
      Array.from({ length: 8 }, () => pooled.select({ id: users.id }).from(users).limit(1)),
    );
    expect(reads).toHaveLength(8);
  });
});
