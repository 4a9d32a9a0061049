// Child processes of the bench (the app server, the ceiling server): started with tsx's loader in
// one Node process each (so /proc/<pid> is the server itself), stopped on exit, Ctrl-C or error. Each
// has an IPC channel: if the bench dies, the child sees the channel close and stops too.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface Child {
  name: string;
  pid: number;
  /** The port the child printed when ready. */
  port: number;
  stop(): Promise<void>;
}

const running = new Set<Child>();

export function runningChildren(): Child[] {
  return [...running];
}

export async function startChild(options: {
  name: string;
  script: string;
  args?: string[];
  /** Node flags before the script (the app server gets the ones `npm start` uses). */
  nodeArgs?: string[];
  env: NodeJS.ProcessEnv;
  ready: RegExp;
  logFile: string;
  timeoutMs?: number;
}): Promise<Child> {
  const log = createWriteStream(options.logFile, { flags: "a" });
  const child: ChildProcess = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), "--import", "tsx", options.script, ...(options.args ?? [])],
    {
      cwd: process.cwd(),
      env: options.env,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    },
  );
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  let tail = "";
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `${options.name} was not ready after ${(options.timeoutMs ?? 120_000) / 1000} s; see ${options.logFile}`,
          ),
        ),
      options.timeoutMs ?? 120_000,
    );
    const onData = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      log.write(text);
      tail = (tail + text).slice(-4000);
      const match = options.ready.exec(tail);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => {
      log.write(chunk);
      tail = (tail + chunk.toString("utf8")).slice(-4000);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited (code ${code}) before it was ready:\n${tail}`));
    });
  }).catch(async (error) => {
    child.kill("SIGKILL");
    throw error;
  });
  const handle: Child = {
    name: options.name,
    pid: child.pid!,
    port,
    async stop() {
      running.delete(handle);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      }
      log.end();
    },
  };
  running.add(handle);
  return handle;
}

/** Resident memory of a process and all its descendants, in bytes (0 when it is gone). */
export function residentBytes(pid: number): number {
  let total = 0;
  for (const p of [pid, ...descendants(pid)]) {
    try {
      const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      if (match) total += Number(match[1]) * 1024;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** Every process started by `pid`, at any depth (from /proc; empty where there is none). */
export function descendants(pid: number): number[] {
  if (!existsSync("/proc")) return [];
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(path.join("/proc", entry, "stat"), "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  const visit = (p: number) => {
    for (const c of children.get(p) ?? []) {
      found.push(c);
      visit(c);
    }
  };
  visit(pid);
  return found;
}

/** Samples a process tree's resident memory every `everyMs` until stopped; returns the peak. */
export function sampleMemory(pid: number, everyMs = 250) {
  let peak = residentBytes(pid);
  let treeCheckedAt = 0;
  let tree: number[] = [];
  const timer = setInterval(() => {
    // The process tree is rescanned every 2 s; the memory of each member every tick.
    const now = Date.now();
    if (now - treeCheckedAt > 2000) {
      tree = [pid, ...descendants(pid)];
      treeCheckedAt = now;
    }
    let total = 0;
    for (const p of tree) {
      try {
        const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${p}/status`, "utf8"));
        if (match) total += Number(match[1]) * 1024;
      } catch {
        // gone
      }
    }
    peak = Math.max(peak, total);
  }, everyMs);
  return {
    stop(): number {
      clearInterval(timer);
      return peak;
    },
  };
}
