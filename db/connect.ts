import { drizzle } from "drizzle-orm/postgres-js";
import type postgres from "postgres";
import { env } from "../lib/env";
import { isDeadConnection } from "../lib/faults/database-fault";
import { connectPostgres } from "./postgres-url";

export type Database = ReturnType<typeof createDatabase>;

/** A Drizzle database over its own postgres.js pool. Scripts make their own; the app uses db/client. */
export function createDatabase(
  url = env.DATABASE_URL,
  max = 10,
  options: { applicationName?: string } = {},
) {
  if (!url)
    throw new Error("DATABASE_URL is not set (npm start sets it to the embedded Postgres).");
  const client = connectPostgres(url, {
    max,
    idle_timeout: 20,
    connect_timeout: 5,
    onnotice: () => {},
    connection: { application_name: options.applicationName ?? "parley" },
  });
  // No relational schema: nothing uses Drizzle's `db.query` API, and with one every transaction
  // built a query builder per table, about 2 % of a reply's CPU (issue 12).
  return drizzle(retryingReads(client));
}

const READ = /^\s*select\b/i;

/**
 * The pool with its reads (statements outside a transaction that start with `select`) tried once
 * more when the connection they met had died: after a Postgres restart or failover, the pool still
 * holds sockets the server closed, and the first statement on each fails though the database is
 * back. A read is safe to send twice; writes and transactions are never retried here, since the
 * first attempt may have committed.
 */
function retryingReads(client: postgres.Sql): postgres.Sql {
  const unsafe = ((
    query: string,
    ...rest: Parameters<postgres.Sql["unsafe"]> extends [string, ...infer R] ? R : never
  ) => {
    if (!READ.test(query)) return client.unsafe(query, ...rest);
    let asValues = false;
    const attempt = () => {
      const pending = client.unsafe(query, ...rest);
      return asValues ? pending.values() : pending;
    };
    // Drizzle calls `.values()` (rows as arrays) or awaits the query itself; postgres.js sends a
    // query only once awaited, so each attempt is a fresh query object.
    const retried = {
      values() {
        asValues = true;
        return retried;
      },
      then<A, B>(onDone?: (rows: unknown) => A, onFailed?: (error: unknown) => B) {
        return (attempt() as Promise<unknown>)
          .catch((error: unknown) => (isDeadConnection(error) ? attempt() : Promise.reject(error)))
          .then(onDone, onFailed);
      },
    };
    return retried;
  }) as unknown as postgres.Sql["unsafe"];
  return new Proxy(client, {
    get: (target, property, receiver) =>
      property === "unsafe" ? unsafe : (Reflect.get(target, property, receiver) as unknown),
  });
}
