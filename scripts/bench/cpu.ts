// Where a scenario's CPU went, measured rather than inferred: the app server, Postgres (the
// postmaster and its backends), this process (the load generator: autocannon runs in it), and the
// rest of the machine (kernel threads, anything else running here; another tenant of a shared host
// shows up only as less CPU for us). Read from /proc before and after each round; Linux counts
// in clock ticks of 10 ms (USER_HZ), so a 5-s round is known to about 1 %.
import { readFileSync } from "node:fs";
import { descendants } from "./processes";

const MS_PER_TICK = 10;

export interface CpuSample {
  /** CPU time used so far, ms. */
  app: number;
  postgres: number;
  /** Of postgres: its helper processes' (isPostgresHelper). */
  postgresHelpers: number;
  bench: number;
  /** The machine's CPU time so far, summed over its cores: busy, and all of it (busy + idle). */
  machineBusy: number;
  machineAll: number;
}

/** Each of a round's units (a page view or a request) cost this much CPU, in ms. */
export interface CpuPerUnit {
  app: number;
  postgres: number;
  /** Of postgres: autovacuum, the WAL writer, the checkpointer and the other helpers. */
  postgresHelpers: number;
  bench: number;
  /** Busy time of the machine that none of the three accounts for. */
  other: number;
  /** The share of the machine's CPU nobody used during the round (0–1). */
  idle: number;
}

/** Postgres's processes that run no client's statements: the postmaster and its helpers (autovacuum,
 * the WAL writer, the checkpointer…). A backend's title names its user, database and client:
 * "postgres: parley parley 127.0.0.1(56032) idle", or "[local]" over a socket. */
export const isPostgresHelper = (title: string) =>
  !/^postgres: \S+ \S+ (\[local\]|\S+\(\d+\))/.test(title);

function title(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "";
  }
}

/** CPU time one process has used so far, ms (0 once it is gone). */
function processMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime: fields 14 and 15 of stat(5), 12 and 13 after the command.
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    return 0;
  }
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** The machine's busy and total time from the first line of /proc/stat (iowait counts as idle). */
export function machineMs(procStat: string): { busy: number; all: number } {
  const [, ...values] = procStat.split("\n", 1)[0]!.trim().split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already within user).
  const counted = values.slice(0, 8);
  const all = counted.reduce((a, b) => a + b, 0);
  const idle = counted[3]! + counted[4]!;
  return { busy: (all - idle) * MS_PER_TICK, all: all * MS_PER_TICK };
}

export function sampleCpu(pids: { app: number; postgres: number }): CpuSample {
  const own = process.cpuUsage();
  const machine = machineMs(readFileSync("/proc/stat", "utf8"));
  const postgres = [pids.postgres, ...descendants(pids.postgres)];
  return {
    app: sum([pids.app, ...descendants(pids.app)].map(processMs)),
    postgres: sum(postgres.map(processMs)),
    postgresHelpers: sum(postgres.filter((pid) => isPostgresHelper(title(pid))).map(processMs)),
    bench: (own.user + own.system) / 1000,
    machineBusy: machine.busy,
    machineAll: machine.all,
  };
}

export function cpuPerUnit(before: CpuSample, after: CpuSample, units: number): CpuPerUnit | null {
  const all = after.machineAll - before.machineAll;
  if (units <= 0 || all <= 0) return null;
  const app = after.app - before.app;
  const postgres = after.postgres - before.postgres;
  const bench = after.bench - before.bench;
  const busy = after.machineBusy - before.machineBusy;
  return {
    app: app / units,
    postgres: postgres / units,
    postgresHelpers: (after.postgresHelpers - before.postgresHelpers) / units,
    bench: bench / units,
    other: Math.max(0, busy - app - postgres - bench) / units,
    idle: Math.max(0, 1 - busy / all),
  };
}
