// Serves the Next.js app behind a small Node server that knows whether Postgres answers: while it
// does not, every page gets a 503 that says so, and service resumes by itself once it is back.
import http from "node:http";
import next from "next";
import { connectPostgres } from "../db/postgres-url";
import { env } from "../lib/env";
import { allowServerOnlyImports } from "./allow-server-only";
import { refuseOversizedBody } from "./body-limit";
import { WROTE_COOKIE } from "./cookies";
import { createGuestPageCache } from "./guest-page-cache";
import { proxyTrust } from "./proxy-trust";
import { dropRoleHeader, startRoleRenders } from "../lib/session/role-render";
import {
  applySecurityHeaders,
  CSP_REPORT_PATH,
  nonceOf,
  oauthFormTargets,
} from "./security-headers";

// Styled by attributes: the Content-Security-Policy (security-headers.ts) allows no inline <style>.
const UNAVAILABLE_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Parley is temporarily unavailable</title><meta http-equiv="refresh" content="10"></head>
<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:15vh auto;padding:0 1rem;color:#1f2937;line-height:1.5"><main><h1 style="font-size:1.5rem">The forum is temporarily unavailable</h1><p>Parley cannot reach its database right now. Nothing you posted is lost; this page tries again every few seconds.</p><p>Error 503: service unavailable.</p></main></body></html>`;

function watchDatabase(url: string, everyMs = 1000) {
  const sql = connectPostgres(url, {
    max: 1,
    connect_timeout: 2,
    idle_timeout: 0,
    onnotice: () => {},
  });
  const state = { up: true };
  let checking = false;
  const check = async () => {
    if (checking) return;
    checking = true;
    try {
      await Promise.race([
        sql`select 1`,
        new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 2000)),
      ]);
      state.up = true;
    } catch {
      state.up = false;
    } finally {
      checking = false;
    }
  };
  const timer = setInterval(() => void check(), everyMs);
  timer.unref();
  return {
    state,
    stop: async () => {
      clearInterval(timer);
      await sql.end({ timeout: 1 });
    },
  };
}

/** Every POST (a server action, the reply or reaction route) may have written: its answer sets
 * WROTE_COOKIE for two seconds, so the pages the writer loads next skip the one-second cache (see
 * guest-page-cache.ts). Appended to whatever cookies the answer sets itself (a sign-in's session). */
function markWrite(res: http.ServerResponse) {
  const cookie = `${WROTE_COOKIE}=1; Max-Age=2; Path=/; SameSite=Lax; HttpOnly`;
  const writeHead = res.writeHead;
  res.writeHead = function (this: http.ServerResponse, ...args: unknown[]) {
    const existing = this.getHeader("set-cookie");
    const list =
      existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
    this.setHeader("set-cookie", [...list, cookie]);
    return (writeHead as (...a: unknown[]) => http.ServerResponse).apply(this, args);
  } as typeof res.writeHead;
}

function sourceMapsRequested(): boolean {
  const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)];
  return flags.includes("--enable-source-maps");
}

export async function serve(options: {
  dev: boolean;
  port: number;
  hostname: string;
  databaseUrl: string;
}) {
  // tsx turns Node's source maps on. Then Node keeps the map of every Next chunk it loads, and
  // Next's error printing decodes whole maps into objects it caches: together about half of the
  // 256 MB heap by the end of the e2e run, which the worst-case page then ran out of. Like `next
  // start`, production stack traces then point into the built chunks; --enable-source-maps (in
  // NODE_OPTIONS) keeps the maps for debugging.
  if (!options.dev && !sourceMapsRequested()) process.setSourceMapsEnabled(false);
  const app = next({
    dev: options.dev,
    dir: process.cwd(),
    port: options.port,
    hostname: options.hostname,
  });
  await app.prepare();
  const handle = app.getRequestHandler();
  const database = watchDatabase(options.databaseUrl);
  const proxies = proxyTrust(env.TRUST_PROXY);
  const render = (req: http.IncomingMessage, res: http.ServerResponse) => void handle(req, res);
  // Loaded once DATABASE_URL is set (db/client reads it on import), through the server-only hook.
  allowServerOnlyImports();
  const { handlePersonal, PERSONAL_PATH } = await import("./personal-route");
  const { handleWrite, isWriteRoute } = await import("./write-routes");
  const { handleCspReport } = await import("./csp-report-route");
  const { ATTACHMENT_UPLOAD_PATH, handleAttachment, isAttachmentRoute, uploadBodyMaxBytes } =
    await import("./attachment-routes");
  const { attachmentLimits } = await import("../lib/limits/attachments");
  const { handleImageProxy, IMAGE_PROXY_PATH } = await import("./image-proxy-route");
  const { createLiveHub, LIVE_PATH } = await import("./live-updates");
  const { needsViewerRender } = await import("../lib/forum/restricted-paths");
  const { staffRoleOf } = await import("../lib/session/request-viewer");
  // Guests' reading pages, at most one second old (see guest-page-cache.ts for why that is correct).
  const guestCache =
    options.dev || env.GUEST_PAGE_CACHE === "off"
      ? null
      : createGuestPageCache({ nonceOf, needsViewer: needsViewerRender, staffRoleOf });
  const { startFlushingThreadViews } = await import("../lib/reading/view-counts");
  const threadViews = startFlushingThreadViews();
  const live = createLiveHub(options.databaseUrl, { maxStreams: env.LIVE_CONNECTIONS_MAX });
  const policy = { dev: options.dev, formTargets: oauthFormTargets(env) };
  startRoleRenders();
  const server = http.createServer((req, res) => {
    // Only this server names a staff role to Next (guest-page-cache.ts), never a request.
    dropRoleHeader(req);
    // Limits count per address: only a trusted proxy may say where a request came from, or which
    // host and scheme it asked for.
    const trustProxy = proxies.apply(req);
    applySecurityHeaders(req, res, { ...policy, trustProxy });
    if (req.url === CSP_REPORT_PATH) return void handleCspReport(req, res);
    if (!database.state.up && !req.url?.startsWith("/_next/static/")) {
      res.writeHead(503, {
        "content-type": "text/html; charset=utf-8",
        "retry-after": "10",
        "cache-control": "no-store",
      });
      res.end(UNAVAILABLE_PAGE);
      return;
    }
    const path = req.url?.split("?", 1)[0] ?? "/";
    // Attachments are the one body allowed past the usual cap: a file at the attachment limit.
    const oversized =
      path === ATTACHMENT_UPLOAD_PATH
        ? refuseOversizedBody(req, res, uploadBodyMaxBytes(), attachmentLimits().tooLarge)
        : refuseOversizedBody(req, res);
    if (oversized) return;
    if (req.method === "POST") markWrite(res);
    if (path === PERSONAL_PATH) void handlePersonal(req, res, { trustProxy });
    else if (isAttachmentRoute(path)) void handleAttachment(req, res, { path, trustProxy });
    else if (path === IMAGE_PROXY_PATH) void handleImageProxy(req, res);
    else if (path === LIVE_PATH) live.handle(req, res);
    else if (isWriteRoute(path)) void handleWrite(req, res, { path, trustProxy });
    else if (guestCache) guestCache.handle(req, res, render);
    else render(req, res);
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.hostname, resolve));
  return {
    async close() {
      await live.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      // The views counted since the last flush, before the database watcher lets go.
      await threadViews.stop();
      await database.stop();
      await app.close();
    },
  };
}
