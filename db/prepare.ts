// Everything a start does to the database before serving: migrations, the seed import on first start
// and the first administrator. Several instances may start at once on one fresh database (issue 14:
// two racing `CREATE TYPE`s crashed one of them), so the whole step runs under one Postgres advisory
// lock: the first instance does the work, the others wait for it and then find nothing to do.
import { runMigrations } from "./migrate";
import type { Database } from "./connect";
import { ensureFirstAdmin } from "./seed/first-admin";
import { importSeedsIfEmpty } from "./seed/import-seeds";
import { rerenderOversizedPosts } from "@/lib/forum/bounded-html";
import { fillUsernameSkeletons } from "./seed/username-skeletons";

/** Any fixed 64-bit number unique to Parley's start-up; "parley-start" in ASCII, read as hex. */
export const START_LOCK_KEY = 0x7061726c6579n;

export async function prepareDatabase(
  db: Database,
  log: (message: string) => void = (message) => console.log(message),
): Promise<{ adminNotice: string | null }> {
  let adminNotice: string | null = null;
  // A session-level lock lives on one connection: reserve it for the whole step, while the work
  // itself runs on the pool's other connections.
  const lockHolder = await db.$client.reserve();
  try {
    await lockHolder`select pg_advisory_lock(${START_LOCK_KEY.toString()}::bigint)`;
    try {
      await runMigrations(db);
      await fillUsernameSkeletons(db, log);
      await importSeedsIfEmpty(db, log);
      adminNotice = await ensureFirstAdmin(db, log);
      const rerendered = await rerenderOversizedPosts(db);
      if (rerendered) log(`Rendered ${rerendered} oversized posts again within today's caps.`);
    } finally {
      await lockHolder`select pg_advisory_unlock(${START_LOCK_KEY.toString()}::bigint)`;
    }
  } finally {
    lockHolder.release();
  }
  return { adminNotice };
}
