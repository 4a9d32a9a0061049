// What an instance hears on Postgres's "parley_live" channel and passes on to browsers (server/
// live-updates.ts). New approved posts and new alerts are announced by triggers (migration
// 0008_live_updates); a post approved later is announced by postNotice() in the approving transaction.
// A notice carries ids only: a browser that hears of one asks the usual routes, which check who asks.
import { sql } from "drizzle-orm";
import { z } from "zod";

export const LIVE_CHANNEL = "parley_live";

const notice = z.union([
  // The author lets their own browser skip the notice: their reply is already on their screen.
  z.object({ thread: z.number().int(), post: z.number().int(), author: z.string().nullable() }),
  // The members a statement alerted, up to 100 per notice (migration 0025_live_alert_batches).
  z.object({ members: z.array(z.string()).max(100) }),
]);
export type LiveNotice = z.infer<typeof notice>;

export function parseNotice(payload: string): LiveNotice | null {
  try {
    const parsed = notice.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The statement announcing that a thread shows a new post; NOTIFY waits for the commit. */
export const postNotice = (post: { threadId: number; id: number; authorId: string | null }) =>
  sql`select pg_notify(${LIVE_CHANNEL}, json_build_object('thread', ${post.threadId}::int, 'post', ${post.id}::int, 'author', ${post.authorId}::text)::text)`;
