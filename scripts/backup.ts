// `npm run backup [-- <file>]`: writes a consistent, gzipped copy of the whole forum (db/backup.ts),
// by default to DATA_DIR/backups/parley-<time>.jsonl.gz, while the forum keeps running.
import { createWriteStream } from "node:fs";
import { mkdir, rename } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { PassThrough } from "node:stream";
import { createGzip } from "node:zlib";
import { connectPostgres } from "../db/postgres-url";
import { env } from "../lib/env";
import { writeBackup } from "../db/backup";
import { scriptDatabase } from "../db/script-database";

async function main() {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const file = path.resolve(
    process.argv[2] ?? path.join(env.DATA_DIR, "backups", `parley-${stamp}.jsonl.gz`),
  );
  await mkdir(path.dirname(file), { recursive: true });
  const database = await scriptDatabase((message) => console.log(message));
  const sql = connectPostgres(database.url, { max: 1, onnotice: () => {} });
  try {
    const text = new PassThrough();
    // Written beside the target, then renamed: a failed backup never looks like a finished one.
    const partial = `${file}.partial`;
    const written = pipeline(text, createGzip(), createWriteStream(partial, { mode: 0o600 }));
    const copied = await writeBackup(sql, text);
    text.end();
    await written;
    await rename(partial, file);
    const rows = Object.values(copied).reduce((sum, n) => sum + n, 0);
    console.log(`Backed up ${rows} rows of ${Object.keys(copied).length} tables to ${file}`);
  } finally {
    await sql.end();
    await database.release();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
