import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { cpuPerUnit, isPostgresHelper, machineMs, sampleCpu } from "./cpu";

describe("machineMs", () => {
  it("reads the machine's busy and total time from /proc/stat, iowait counted as idle", () => {
    const stat = "cpu  100 5 45 800 50 0 0 0 0 0\ncpu0 50 2 20 400 25 0 0 0 0 0\n";
    expect(machineMs(stat)).toEqual({ busy: 1500, all: 10000 });
  });
});

describe("isPostgresHelper", () => {
  it("tells Postgres's own processes from the backends running the app's statements", () => {
    for (const helper of [
      "/x/native/bin/postgres -D /x/.data/bench/pg -p 5432",
      "postgres: checkpointer ",
      "postgres: walwriter ",
      "postgres: autovacuum worker parley",
      "postgres: logical replication launcher ",
    ])
      expect(isPostgresHelper(helper)).toBe(true);
    for (const backend of [
      "postgres: parley parley 127.0.0.1(56032) idle",
      "postgres: forum forumdb [local] SELECT",
    ])
      expect(isPostgresHelper(backend)).toBe(false);
  });
});

describe("cpuPerUnit", () => {
  const sample = (app: number, postgres: number, bench: number, busy: number, all: number) => ({
    app,
    postgres,
    postgresHelpers: postgres / 3,
    bench,
    machineBusy: busy,
    machineAll: all,
  });

  it("splits a round's CPU per unit between the processes and the rest of the machine", () => {
    const split = cpuPerUnit(sample(0, 0, 0, 0, 0), sample(900, 600, 300, 2000, 10000), 1000);
    expect(split).toEqual({
      app: 0.9,
      postgres: 0.6,
      postgresHelpers: 0.2,
      bench: 0.3,
      other: 0.2,
      idle: 0.8,
    });
  });

  it("measures nothing when nothing completed", () => {
    expect(cpuPerUnit(sample(0, 0, 0, 0, 0), sample(10, 0, 0, 10, 100), 0)).toBeNull();
  });
});

describe("sampleCpu", () => {
  // Spinning until a process has used so much CPU, not so much wall time: a busy machine may lend
  // it less than the wall time.
  const spinCpuMs = `(ms) => { const start = process.cpuUsage(); while (process.cpuUsage(start).user < ms * 1000); }`;

  it("counts the CPU a process tree and this process use", async () => {
    // A child that uses 300 ms of CPU stands in for the app server.
    const child = spawn(process.execPath, [
      "-e",
      `(${spinCpuMs})(300); process.stdout.write("done"); setTimeout(() => {}, 5000)`,
    ]);
    const before = sampleCpu({ app: child.pid!, postgres: process.pid });
    (new Function(`return ${spinCpuMs}`)() as (ms: number) => void)(200);
    await new Promise((resolve) => child.stdout.once("data", resolve));
    const after = sampleCpu({ app: child.pid!, postgres: process.pid });
    child.kill();
    expect(after.bench - before.bench).toBeGreaterThanOrEqual(200);
    // Ticks of 10 ms, and the child's start-up before the first sample is not counted.
    expect(after.app - before.app).toBeGreaterThanOrEqual(250);
    expect(after.machineBusy - before.machineBusy).toBeGreaterThanOrEqual(400);
  });
});
