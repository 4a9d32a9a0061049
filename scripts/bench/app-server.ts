// Child process: the production app as `npm start` serves it (server/serve.ts: the same Node server
// in front of Next), against the bench database. The bench sets every variable start.ts would have
// set (DATABASE_URL, AUTH_SECRET, AUTH_TRUST_HOST, DATA_DIR, NEXT_DIST_DIR) and the port.
import { serve } from "../../server/serve";

async function main() {
  const port = Number(process.env.PORT);
  const databaseUrl = process.env.DATABASE_URL;
  if (!port || !databaseUrl) throw new Error("app-server needs PORT and DATABASE_URL");
  const server = await serve({
    dev: false,
    port,
    hostname: process.env.HOSTNAME ?? "127.0.0.1",
    databaseUrl,
  });
  console.log(`bench-app-ready ${port}`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // serve()'s close waits for open connections; the bench does not wait more than a few seconds.
    setTimeout(() => process.exit(0), 3000).unref();
    await server.close().catch(() => {});
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
  // Never outlive the bench: when the parent goes away, so does this server.
  process.on("disconnect", () => void stop());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
