import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "../lib/env";
import * as schema from "./schema";

export type Database = ReturnType<typeof createDatabase>;

/** A Drizzle database over its own postgres.js pool. Scripts make their own; the app uses db/client. */
export function createDatabase(url = env.DATABASE_URL, max = 10) {
  if (!url)
    throw new Error("DATABASE_URL is not set (npm start sets it to the embedded Postgres).");
  const client = postgres(url, { max, idle_timeout: 20, connect_timeout: 5, onnotice: () => {} });
  return drizzle(client, { schema });
}
