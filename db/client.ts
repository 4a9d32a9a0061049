// The app's database. Imported only by code that runs inside the app (pages, actions, lib), after
// the start script has set DATABASE_URL; scripts build their own with db/connect.
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "@/lib/env";
import { createDatabase, type Database } from "./connect";

export type { Database };

function appDatabase(): Database {
  // `next build` imports pages without a database: give it a pool that never connects.
  if (!env.DATABASE_URL) return drizzle(postgres({ max: 1 }));
  return createDatabase(env.DATABASE_URL, env.DATABASE_POOL_SIZE);
}

// One pool per process; kept on globalThis so dev-mode module reloads do not open new pools.
const globalForDb = globalThis as unknown as { parleyDb?: Database };
export const db: Database = globalForDb.parleyDb ?? (globalForDb.parleyDb = appDatabase());
