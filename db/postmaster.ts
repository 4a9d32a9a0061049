// A Postgres left running by a Parley that died without stopping it (a crash, the heap running out,
// SIGKILL) holds the data directory, and the next start could not take it. Two guards: a watchdog
// makes Postgres stop when the app that started it dies, and, should the watchdog have died too, the
// next start finds the old postmaster through its pid file and stops it before starting its own.
import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { Socket } from "node:net";
import path from "node:path";

interface ProcessInfo {
  ppid: number;
  argv: string[];
}

/** A process that is running (a zombie is not), with its parent and arguments; null otherwise. */
export function processInfo(pid: number): ProcessInfo | null {
  if (process.platform === "linux") {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // The command name in parentheses may hold spaces or parentheses itself: fields follow the last ")".
      const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (state === "Z" || state === "X") return null;
      const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
      return { ppid: Number(ppid), argv };
    } catch {
      return null;
    }
  }
  // macOS and the BSDs have no /proc; ps tells the same, with the arguments joined by spaces (a data
  // directory with a space in its path then never matches, and Postgres refuses to start as before).
  try {
    const line = execFileSync("ps", ["-o", "stat=,ppid=,command=", "-p", String(pid)], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    const match = /^(\S+)\s+(\d+)\s+(.*)$/.exec(line);
    if (!match || match[1]!.startsWith("Z")) return null;
    return { ppid: Number(match[2]), argv: match[3]!.split(" ") };
  } catch {
    return null;
  }
}

/** Whether this process is a postmaster serving this very data directory (a pid in a stale pid file
 * may since have been given to some other program). */
function isPostmasterOf(info: ProcessInfo | null, clusterDir: string): boolean {
  if (!info || path.basename(info.argv[0] ?? "") !== "postgres") return false;
  const dir = info.argv[info.argv.indexOf("-D") + 1];
  return info.argv.includes("-D") && dir !== undefined && path.resolve(dir) === clusterDir;
}

async function readPid(file: string): Promise<number | null> {
  try {
    const pid = Number((await readFile(file, "utf8")).split("\n", 1)[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export const postmasterPidFile = (clusterDir: string) => path.join(clusterDir, "postmaster.pid");

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Fast shutdown first (SIGINT: sessions are ended, a checkpoint is written); if it lingers, an
 * immediate shutdown (SIGQUIT: WAL replay on the next start), then SIGKILL. */
async function stopPostmaster(pid: number, clusterDir: string, log: (m: string) => void) {
  const steps = [
    ["SIGINT", 30_000],
    ["SIGQUIT", 5_000],
    ["SIGKILL", 5_000],
  ] as const;
  for (const [signal, waitMs] of steps) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    for (const deadline = Date.now() + waitMs; Date.now() < deadline; await sleep(100))
      if (!isPostmasterOf(processInfo(pid), clusterDir)) return;
    log(`Postgres (process ${pid}) did not stop on ${signal}.`);
  }
  throw new Error(`The Postgres left running in ${clusterDir} (process ${pid}) does not stop.`);
}

/** Before starting Postgres on `clusterDir`: stop the postmaster a previous start left behind, if its
 * pid file names one. One whose parent is still the live process that started it (the pid in
 * `ownerFile`) belongs to a Parley that is running: that is refused, not stopped. */
export async function stopLeftoverPostmaster(
  clusterDir: string,
  ownerFile: string,
  log: (m: string) => void,
): Promise<void> {
  const pid = await readPid(postmasterPidFile(clusterDir));
  if (pid === null) return;
  const owner = await readPid(ownerFile);
  const info = processInfo(pid);
  if (!info || !isPostmasterOf(info, clusterDir)) return;
  if (owner !== null && info.ppid === owner && processInfo(owner))
    throw new Error(
      `Another Parley (process ${owner}) is running with this DATA_DIR; stop it first, or give this one another DATA_DIR.`,
    );
  log(`Stopping the Postgres a previous start left running (process ${pid})…`);
  await stopPostmaster(pid, clusterDir, log);
}

/** Node has no PR_SET_PDEATHSIG, so Postgres cannot be told directly when the app dies; a pipe can
 * tell it. A tiny shell holds the read end and waits: however the app ends (a crash, the heap running
 * out, SIGKILL), the kernel closes the write end, `read` returns, and the shell asks the postmaster for
 * a fast shutdown, if the pid file still names it. A clean stop writes "stop" first, so the shell
 * leaves without signalling. It ignores the terminal's signals: Ctrl-C is for the app to handle. */
const WATCHDOG = `trap '' INT TERM HUP; read -r word; [ "$word" = stop ] && exit 0
[ "$(head -n 1 "$1" 2>/dev/null)" = "$0" ] && kill -INT "$0"`;

export function watchOverPostmaster(
  pid: number,
  clusterDir: string,
  log: (m: string) => void,
): { release(): void } {
  // Windows has neither sh nor ps: neither guard runs there.
  if (process.platform === "win32") return { release() {} };
  const watchdog = spawn("sh", ["-c", WATCHDOG, String(pid), postmasterPidFile(clusterDir)], {
    stdio: ["pipe", "ignore", "ignore"],
  });
  watchdog.on("error", (error) =>
    log(`No watchdog for Postgres (${error.message}): it will outlive a crash of this process.`),
  );
  // Neither the shell nor its pipe may keep the app's event loop alive.
  watchdog.unref();
  (watchdog.stdin as Socket).unref();
  watchdog.stdin.on("error", () => {});
  return { release: () => watchdog.stdin.end("stop\n") };
}

/** The port of the postmaster running on `clusterDir` (its pid file's fourth line), or null when
 * none runs: scripts such as `npm run backup` reach a running forum's embedded Postgres this way. */
export async function runningPostmasterPort(clusterDir: string): Promise<number | null> {
  try {
    const lines = (await readFile(postmasterPidFile(clusterDir), "utf8")).split("\n");
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (!Number.isInteger(pid) || !Number.isInteger(port)) return null;
    return isPostmasterOf(processInfo(pid), clusterDir) ? port : null;
  } catch {
    return null;
  }
}
