// One name for a transaction, and one for "the database or a transaction", so helpers that must run
// inside the caller's transaction say so in their signature instead of each re-deriving the type.
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase } from "drizzle-orm/pg-core";
import type { PostgresJsQueryResultHKT } from "drizzle-orm/postgres-js";
import type { Database } from "./connect";
import type * as schema from "./schema";

/** The `tx` that `db.transaction(async (tx) => …)` hands its callback. */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** What both `db` and a `Tx` are: for helpers that read or write the same way in or out of one. */
export type DbOrTx = PgDatabase<
  PostgresJsQueryResultHKT,
  typeof schema,
  ExtractTablesWithRelations<typeof schema>
>;
