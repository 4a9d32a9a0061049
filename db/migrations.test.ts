// Integration: the tables the migrations build in a real Postgres are the ones db/schema.ts declares,
// column for column, so a column dropped from the schema without its migration (or the reverse) is
// caught here rather than by a query failing in production.
import { afterAll, describe, expect, it } from "vitest";
import { getTableColumns, getTableName, is, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { db } from "./client";
import * as schema from "./schema";

afterAll(async () => {
  await db.$client.end();
});

const tables = (Object.values(schema) as unknown[]).filter((value): value is PgTable =>
  is(value, PgTable),
);

async function columnsInDatabase(table: string): Promise<string[]> {
  const rows = await db.execute<{ column_name: string }>(sql`
    select column_name from information_schema.columns
    where table_schema = 'public' and table_name = ${table}`);
  return rows.map((row) => row.column_name).sort();
}

describe("the migrated database", () => {
  it("has exactly the columns the schema declares", async () => {
    expect(tables.length).toBeGreaterThan(10);
    for (const table of tables) {
      const declared = Object.values(getTableColumns(table))
        .map((column) => column.name)
        .sort();
      expect(await columnsInDatabase(getTableName(table)), getTableName(table)).toEqual(declared);
    }
  });
});
