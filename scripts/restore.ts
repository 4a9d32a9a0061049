// `npm run restore -- <file>`: loads a backup (scripts/backup.ts) into an empty database: a new
// DATA_DIR's embedded Postgres, or DATABASE_URL. The schema is migrated first; a database that already
// holds a forum, or a backup of another schema version, is refused with the reason.
import { createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";
import { drizzle } from "drizzle-orm/postgres-js";
import { connectPostgres } from "../db/postgres-url";
import { BackupRefused, restoreBackup } from "../db/backup";
import { runMigrations } from "../db/migrate";
import { scriptDatabase } from "../db/script-database";

async function main() {
  const file = process.argv[2];
  if (!file) throw new BackupRefused("Usage: npm run restore -- <backup file>");
  const database = await scriptDatabase((message) => console.log(message));
  const sql = connectPostgres(database.url, { max: 1, onnotice: () => {} });
  try {
    await runMigrations(drizzle(sql));
    const loaded = await restoreBackup(sql, createReadStream(file).pipe(createGunzip()));
    const rows = Object.values(loaded).reduce((sum, n) => sum + n, 0);
    console.log(`Restored ${rows} rows of ${Object.keys(loaded).length} tables from ${file}`);
  } finally {
    await sql.end();
    await database.release();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
