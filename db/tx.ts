// One name for a transaction, and one for "the database or a transaction", so helpers that must run
// inside the caller's transaction say so in their signature instead of each re-deriving the type.
import type { PgDatabase } from "drizzle-orm/pg-core";
import type { PostgresJsQueryResultHKT } from "drizzle-orm/postgres-js";
import type { TransactionSql } from "postgres";
import type { Database } from "./connect";

/** The `tx` that `db.transaction(async (tx) => …)` hands its callback. */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** What both `db` and a `Tx` are: for helpers that read or write the same way in or out of one. */
export type DbOrTx = PgDatabase<PostgresJsQueryResultHKT>;

/**
 * Runs SQL text as a prepared statement, in the transaction or on the pool: parsed and planned once
 * per connection, with nothing built per call. For the hot writes (a reply), where building each
 * statement with Drizzle cost more Node CPU than Postgres spent on it, and Drizzle's raw `execute`
 * is planned afresh every time. Drizzle's own `.prepare()` cannot serve here: a statement it prepares
 * is bound to the pool it was built on, not to a transaction's connection. Rows come as postgres.js
 * gives them under Drizzle: snake_case columns, times as text. In a transaction the statement is sent
 * at once, not when first awaited: statements called one after another without awaiting (pipelined,
 * one round trip) reach Postgres in the order of the calls, whoever awaits them first.
 */
export function runPrepared<Row extends object>(
  on: DbOrTx,
  text: string,
  /** Arrays go as one parameter each (cast them in the SQL text: `$3::text[]`). */
  params: (string | number | boolean | null | readonly string[])[],
): Promise<Row[]> {
  // Drizzle's postgres-js session keeps its postgres.js client: a transaction's connection, or the
  // pool (db/connect.ts wraps the pool's reads in a retry, which sends them when awaited).
  const client = (on as unknown as { session?: { client?: TransactionSql } }).session?.client;
  if (typeof client?.unsafe !== "function")
    throw new Error("runPrepared: this Drizzle database has no postgres.js client.");
  const query = client.unsafe<Row[]>(text, params, { prepare: true });
  return typeof query.execute === "function" ? query.execute() : query;
}
