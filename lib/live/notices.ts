// What an instance hears on Postgres's "parley_live" channel and passes on to browsers (server/
// live-updates.ts). New approved posts and new alerts are announced by triggers (migration
// 0008_live_updates); a reply by the statement that writes its alerts once it has committed (0028);
// a post approved later by announcePost() in the approving transaction.
// A notice carries ids only: a browser that hears of one asks the usual routes, which check who asks.
import { runPrepared, type Tx } from "@/db/tx";
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

/** The call announcing that a thread shows a new post, for SQL text whose parameters (or values)
 * `thread`, `post` and `author` name them; NOTIFY waits for the commit. */
export const postNoticeCall = (thread: string, post: string, author: string) =>
  `pg_notify('${LIVE_CHANNEL}', json_build_object('thread', ${thread}::int, 'post', ${post}::int, 'author', ${author}::text)::text)`;

const POST_NOTICE = `select ${postNoticeCall("$1", "$2", "$3")}`;

/** Announces, in the transaction, that a thread shows a new post. */
export async function announcePost(
  tx: Tx,
  post: { threadId: number; id: number; authorId: string | null },
): Promise<void> {
  await runPrepared(tx, POST_NOTICE, [post.threadId, post.id, post.authorId]);
}
