// Thread view counts without a write per view: each process counts page views in memory and adds
// them to threads.view_count in one statement every few seconds, and once more when it shuts down.
// A crash loses at most the last few seconds of views, which a view count can afford; a popular
// thread read a thousand times a second costs one row update per flush instead of a thousand.
import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { threads } from "@/db/schema";

/** How often the counted views are written. */
export const VIEW_FLUSH_MS = 5_000;
/** Different threads counted between flushes, at most: a flood of made-up thread ids cannot grow
 * the map without bound (views past it are dropped until the next flush). */
const MAX_PENDING_THREADS = 50_000;

let pending = new Map<number, number>();

export function countThreadView(threadId: number): void {
  const count = pending.get(threadId);
  if (count === undefined && pending.size >= MAX_PENDING_THREADS) return;
  pending.set(threadId, (count ?? 0) + 1);
}

/** Adds the views counted so far to their threads (ids of threads that do not exist match nothing).
 * On failure (the database away) the views are kept for the next flush. */
export async function flushThreadViews(): Promise<void> {
  if (pending.size === 0) return;
  const batch = pending;
  pending = new Map();
  // Array literals ("{1,2}") bound as text: whole numbers only, so nothing needs quoting.
  const ids = `{${[...batch.keys()].join(",")}}`;
  const counts = `{${[...batch.values()].join(",")}}`;
  try {
    await db.execute(sql`update ${threads} set view_count = ${threads.viewCount} + v.n
      from (select unnest(${ids}::int[]) as id, unnest(${counts}::int[]) as n) v
      where ${threads.id} = v.id`);
  } catch (error) {
    for (const [id, n] of batch) pending.set(id, (pending.get(id) ?? 0) + n);
    throw error;
  }
}

/** Starts the periodic flush; `stop` flushes what is left (the server calls it on shutdown). */
export function startFlushingThreadViews(everyMs = VIEW_FLUSH_MS): { stop(): Promise<void> } {
  const timer = setInterval(() => {
    flushThreadViews().catch((error: unknown) => {
      console.error("thread views: flush failed, kept for the next one", error);
    });
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await flushThreadViews().catch((error: unknown) => {
        console.error("thread views: the last flush failed", error);
      });
    },
  };
}
