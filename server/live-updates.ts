// GET /api/live: a Server-Sent Events stream that tells an open thread page of new replies and a
// member's header of new alerts, from any instance. Each instance holds one LISTEN connection to
// Postgres (postgres.js re-listens by itself after a reconnect) and fans the notices out to its own
// browsers. An idle browser costs an open socket and a comment line every HEARTBEAT_MS, no requests.
// Notices carry ids only; what the browser then loads goes through the usual routes and checks.
import type { IncomingMessage, ServerResponse } from "node:http";
import { connectPostgres } from "../db/postgres-url";
import { LIVE_CHANNEL, parseNotice, type LiveNotice } from "../lib/live/notices";
import { rowId } from "../lib/row-id";
import { sessionOf } from "../lib/session/request-viewer";

export const LIVE_PATH = "/api/live";
/** Proxies close a silent stream after a minute or so (nginx: proxy_read_timeout 60 s). */
const HEARTBEAT_MS = 25_000;

interface Stream {
  res: ServerResponse;
  thread: number | null;
  member: string | null;
}

export interface LiveHub {
  handle(req: IncomingMessage, res: ServerResponse): void;
  close(): Promise<void>;
}

function follow<K>(index: Map<K, Set<Stream>>, key: K, stream: Stream) {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(stream);
}

function unfollow<K>(index: Map<K, Set<Stream>>, key: K, stream: Stream) {
  const set = index.get(key);
  set?.delete(stream);
  if (set?.size === 0) index.delete(key);
}

export function createLiveHub(databaseUrl: string, options: { maxStreams: number }): LiveHub {
  const sql = connectPostgres(databaseUrl, { max: 1, onnotice: () => {} });
  const byThread = new Map<number, Set<Stream>>();
  const byMember = new Map<string, Set<Stream>>();
  const all = new Set<Stream>();
  let listening = false;

  const deliver = (notice: LiveNotice | null) => {
    if (!notice) return;
    if ("thread" in notice) {
      const data = `event: post\ndata: ${JSON.stringify(notice)}\n\n`;
      for (const stream of byThread.get(notice.thread) ?? []) stream.res.write(data);
    } else {
      for (const member of notice.members)
        for (const stream of byMember.get(member) ?? [])
          stream.res.write("event: alert\ndata: {}\n\n");
    }
  };
  if (options.maxStreams > 0)
    sql
      .listen(
        LIVE_CHANNEL,
        (payload) => deliver(parseNotice(payload)),
        () => {
          listening = true;
        },
      )
      .catch((error: unknown) => {
        // No live updates on this instance; pages work as before (reload to see new posts).
        console.error("live updates: cannot LISTEN", error);
      });

  const heartbeat = setInterval(() => {
    for (const stream of all) stream.res.write(":\n\n");
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    handle(req, res) {
      const url = new URL(req.url ?? "/", "http://localhost");
      const threadParam = url.searchParams.get("thread");
      const parsed = threadParam === null ? null : rowId().safeParse(threadParam);
      if (req.method !== "GET" || parsed?.success === false) {
        res.writeHead(400, { "content-type": "text/plain; charset=utf-8" }).end("Bad request.");
        return;
      }
      // The cookie's member, without a database read: all an alert notice says is "ask again", and
      // the personal answer that follows re-checks the member (ban, sign-out) as always.
      const thread = parsed?.data ?? null;
      const member = sessionOf(req.headers.cookie)?.uid ?? null;
      // 204 tells EventSource to stop for good: nothing to follow, or no live updates here now.
      if ((thread === null && member === null) || !listening || all.size >= options.maxStreams) {
        res.writeHead(204, { "cache-control": "no-store" }).end();
        return;
      }
      res.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store",
        // nginx would otherwise buffer the stream.
        "x-accel-buffering": "no",
      });
      // Reconnect after 3 s when the connection drops (a restart, a deploy).
      res.write("retry: 3000\n\n");
      const stream: Stream = { res, thread, member };
      all.add(stream);
      if (thread !== null) follow(byThread, thread, stream);
      if (member !== null) follow(byMember, member, stream);
      req.on("close", () => {
        all.delete(stream);
        if (thread !== null) unfollow(byThread, thread, stream);
        if (member !== null) unfollow(byMember, member, stream);
      });
    },
    async close() {
      clearInterval(heartbeat);
      for (const stream of all) stream.res.end();
      await sql.end({ timeout: 1 });
    },
  };
}
