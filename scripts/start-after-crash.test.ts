// Issue 13: a Parley that crashed (out of memory) or was SIGKILLed left its embedded Postgres running,
// and the next `npm start` refused to start. These run the real start script (in --dev mode, so no
// production build is needed), kill it, and start it again.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { processInfo } from "../db/postmaster";

const dataDir = path.resolve(".data", `start-crash-test-${process.pid}`);
const pidFile = path.join(dataDir, "pg", "postmaster.pid");
const started: ChildProcess[] = [];

afterAll(async () => {
  for (const child of started) if (child.exitCode === null) child.kill("SIGKILL");
  const postmaster = readPostmasterPid();
  if (postmaster !== null && processInfo(postmaster)) process.kill(postmaster, "SIGINT");
  await until(() => postmaster === null || !processInfo(postmaster), 30_000);
  await rm(dataDir, { recursive: true, force: true });
}, 60_000);

function readPostmasterPid(): number | null {
  return existsSync(pidFile) ? Number(readFileSync(pidFile, "utf8").split("\n", 1)[0]) : null;
}

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline;) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Run {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

/** The start script in one process: `npx tsx` would run it in a child of its own, and SIGKILL must
 * reach the process that started Postgres (the one the heap running out would end). */
async function launch(): Promise<Run> {
  const { DATABASE_URL: _own, ...inherited } = process.env;
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--dev"], {
    env: {
      ...inherited,
      // Vitest's NODE_ENV=test would make Next's dev server build elsewhere and rewrite tsconfig.json.
      NODE_ENV: "development",
      DATA_DIR: dataDir,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(child);
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { child, port, output: () => output, exited };
}

/** Started, and answering over HTTP from its database. */
async function startParley(): Promise<Run> {
  const run = await launch();
  const ready = await Promise.race([
    until(() => run.output().includes("Parley is ready on"), 120_000),
    run.exited.then(() => false),
  ]);
  if (!ready) throw new Error(`Parley did not start:\n${run.output()}`);
  const answer = await fetch(`http://127.0.0.1:${run.port}/api/personal?thread=1&posts=1`);
  expect(answer.status).toBe(200);
  return run;
}

async function kill(run: Run) {
  run.child.kill("SIGKILL");
  await run.exited;
}

/** The watchdog is the app's one `sh` child (db/postmaster.ts). */
function watchdogOf(pid: number): number {
  const children = readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((child) => {
      const info = processInfo(child);
      return info?.ppid === pid && path.basename(info.argv[0] ?? "") === "sh";
    });
  expect(children).toHaveLength(1);
  return children[0]!;
}

it("SIGKILLed, the app's Postgres stops by itself, and the next start comes back", async () => {
  const first = await startParley();
  const postmaster = readPostmasterPid()!;
  expect(processInfo(postmaster)).not.toBeNull();

  await kill(first);
  // Gone, and its pid file removed: a fast shutdown of its own, asked for by the watchdog.
  expect(await until(() => !processInfo(postmaster) && !existsSync(pidFile), 30_000)).toBe(true);

  const second = await startParley();
  expect(second.output()).not.toContain("Stopping the Postgres a previous start left running");
  expect(readPostmasterPid()).not.toBe(postmaster);
  second.child.kill("SIGINT");
  expect(await second.exited).toBe(0);
  expect(await until(() => !existsSync(pidFile), 10_000)).toBe(true);
}, 300_000);

it.runIf(process.platform === "linux")(
  "a Postgres left running with its watchdog killed too is stopped by the next start, and a running Parley's is not",
  async () => {
    const first = await startParley();
    const postmaster = readPostmasterPid()!;
    process.kill(watchdogOf(first.child.pid!), "SIGKILL");
    await kill(first);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(processInfo(postmaster)).not.toBeNull();

    const second = await startParley();
    expect(second.output()).toContain(
      `Stopping the Postgres a previous start left running (process ${postmaster})`,
    );
    expect(processInfo(postmaster)).toBeNull();
    const current = readPostmasterPid()!;
    expect(current).not.toBe(postmaster);

    // The same DATA_DIR while that one runs: refused, and the running one's Postgres is left alone.
    const third = await launch();
    expect(await third.exited).not.toBe(0);
    expect(third.output()).toContain(
      `Another Parley (process ${second.child.pid}) is running with this DATA_DIR`,
    );
    expect(processInfo(current)).not.toBeNull();
    expect((await fetch(`http://127.0.0.1:${second.port}/api/personal?thread=1`)).status).toBe(200);

    second.child.kill("SIGINT");
    expect(await second.exited).toBe(0);
  },
  300_000,
);
