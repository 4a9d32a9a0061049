// `npm run backup` / `npm run restore`: a consistent copy of the whole forum. The embedded Postgres
// ships no pg_dump, and Debian's (15) refuses a newer server, so Parley writes its own: every public
// table read inside one repeatable-read transaction (one snapshot: a post and its thread
// counters always agree), gzipped, one JSON line per row:
//   {"format":"parley-backup",...}   a header: the schema version (migration count) and the time
//   @table {"name":…,"columns":[…]}  then the table's rows (row_to_json), ended by `\.`
// Restore runs the migrations on an empty database, refuses a backup of another schema version,
// loads every table in one transaction with triggers and foreign keys held off (the rows were
// consistent when copied), and moves each sequence past the highest id.
import { once } from "node:events";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Sql, TransactionSql } from "postgres";

type Queryable = Sql | TransactionSql;

export const BACKUP_FORMAT = "parley-backup";
const END_OF_TABLE = "\\.";
/** Rows read or written per statement: small enough for memory, large enough for speed. */
const BATCH_ROWS = 500;

interface Header {
  format: typeof BACKUP_FORMAT;
  version: 1;
  /** How many migrations had run: a backup restores only into the same schema. */
  migrations: number;
  createdAt: string;
}

interface TableShape {
  name: string;
  columns: string[];
}

/** Public tables and their stored columns (generated ones are computed again on restore). */
async function tables(sql: Queryable): Promise<TableShape[]> {
  const rows = await sql<{ name: string; columns: string[] }[]>`
    select c.table_name as name, array_agg(c.column_name::text order by c.ordinal_position) as columns
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE' and c.is_generated = 'NEVER'
    group by c.table_name order by c.table_name`;
  return rows.map((row) => ({ name: row.name, columns: row.columns }));
}

async function migrationCount(sql: Queryable): Promise<number> {
  const [row] = await sql<
    { n: number }[]
  >`select count(*)::int as n from drizzle.__drizzle_migrations`;
  return row!.n;
}

/** Writes the backup to `out` (plain text: pipe it through gzip). Answers the rows copied per table. */
export async function writeBackup(sql: Sql, out: Writable): Promise<Record<string, number>> {
  const copied: Record<string, number> = {};
  await sql.begin("isolation level repeatable read read only", async (tx) => {
    const header: Header = {
      format: BACKUP_FORMAT,
      version: 1,
      migrations: await migrationCount(tx),
      createdAt: new Date().toISOString(),
    };
    await write(out, JSON.stringify(header) + "\n");
    for (const table of await tables(tx)) {
      await write(out, `@table ${JSON.stringify(table)}\n`);
      let count = 0;
      const rows = tx<
        { row: string }[]
      >`select row_to_json(t)::text as row from ${tx(table.name)} t`;
      for await (const batch of rows.cursor(BATCH_ROWS)) {
        await write(out, batch.map((r) => r.row).join("\n") + "\n");
        count += batch.length;
      }
      await write(out, END_OF_TABLE + "\n");
      copied[table.name] = count;
    }
  });
  return copied;
}

async function write(out: Writable, data: string | Buffer) {
  if (!out.write(data)) await once(out, "drain");
}

export class BackupRefused extends Error {}

/** Loads a backup (plain text, as writeBackup wrote it) into an empty, migrated database. */
export async function restoreBackup(sql: Sql, input: Readable): Promise<Record<string, number>> {
  const lines = createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
  const first = await lines.next();
  let header: Header;
  try {
    header = JSON.parse(first.done ? "" : first.value) as Header;
  } catch {
    throw new BackupRefused("This file is not a Parley backup.");
  }
  if (header.format !== BACKUP_FORMAT || header.version !== 1)
    throw new BackupRefused("This file is not a Parley backup.");
  const migrations = await migrationCount(sql);
  if (header.migrations !== migrations)
    throw new BackupRefused(
      `This backup is of schema version ${header.migrations}; this Parley is at ${migrations}. ` +
        "Restore it with the Parley version that made it.",
    );
  const known = new Map((await tables(sql)).map((table) => [table.name, table]));
  const [{ members } = { members: 0 }] = await sql<{ members: number }[]>`
    select count(*)::int as members from users`;
  if (members > 0)
    throw new BackupRefused("The database already holds a forum: restore into an empty one.");

  const loaded: Record<string, number> = {};
  await sql.begin(async (tx) => {
    // Foreign keys and triggers (live-update notices) wait: threads and posts point at each other.
    await tx`set local session_replication_role = replica`;
    for (let next = await lines.next(); !next.done; next = await lines.next()) {
      if (!next.value.startsWith("@table ")) continue;
      const shape = JSON.parse(next.value.slice("@table ".length)) as TableShape;
      const target = known.get(shape.name);
      if (!target || shape.columns.some((column) => !target.columns.includes(column)))
        throw new BackupRefused(`The backup's table ${shape.name} does not fit this schema.`);
      let count = 0;
      let batch: string[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        // Generated columns are left out and computed again; an identity column keeps its value.
        await tx`insert into ${tx(shape.name)} (${tx(shape.columns)}) overriding system value
          select ${tx(shape.columns)} from json_populate_recordset(null::${tx(shape.name)}, ${`[${batch.join(",")}]`}::json)`;
        count += batch.length;
        batch = [];
      };
      for (
        next = await lines.next();
        !next.done && next.value !== END_OF_TABLE;
        next = await lines.next()
      ) {
        batch.push(next.value);
        if (batch.length === BATCH_ROWS) await flush();
      }
      await flush();
      loaded[shape.name] = count;
    }
    // Each serial or identity column's sequence continues after the highest restored value.
    for (const table of known.values())
      for (const column of table.columns) {
        const [sequence] = await tx<{ name: string | null }[]>`
          select pg_get_serial_sequence(${`public.${quoteIdent(table.name)}`}, ${column}) as name`;
        if (sequence?.name)
          await tx`select setval(${sequence.name}::regclass,
            coalesce((select max(${tx(column)}) from ${tx(table.name)}), 0) + 1, false)`;
      }
  });
  return loaded;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
