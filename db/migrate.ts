import path from "node:path";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import type { Database } from "./connect";

export async function runMigrations(db: Database): Promise<void> {
  await migrate(db, { migrationsFolder: path.join(process.cwd(), "db", "migrations") });
}
