// Puts a run's figures together: the Markdown report (bench/results/latest.md), the query plans
// beside it (latest-plans.md), and the table printed at the end of the run.
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { AssetWeight } from "./http";
import type { BenchOptions } from "./options";
import type { PageProbe } from "./probe";
import {
  checksList,
  int,
  kb,
  mb,
  ms,
  plansDocument,
  probeTable,
  scenarioTable,
  summarise,
  targetTable,
  weightTable,
  type ScenarioSummary,
  type Summary,
  type Target,
} from "./report";
import type { Targets } from "./scenarios";
import type { Check } from "./verify";

export interface RunFacts {
  options: BenchOptions;
  date: Date;
  cores: number;
  cpu: string;
  memoryBytes: number;
  node: string;
  buildSeconds: number;
  fillSeconds: number;
  fillSteps: { label: string; seconds: number }[];
  dbSize: string;
  loadSeconds: number;
  targets: Targets;
  scenarios: ScenarioSummary[];
  ceilingKey: string;
  probes: { label: string; who: string; probe: PageProbe }[];
  weight: { html: { bytes: number; gzipBytes: number }; assets: AssetWeight[] };
  peakMemory: number;
  checksAfter: Check[];
  serverErrorLines: number;
  /** Routes of other branches the app answered (see OptionalRoutes). */
  optional: { search: boolean; whatsNew: boolean };
  totalSeconds: number;
  loadAverage: { before: number; after: number };
}

/** Gzip bytes of the first-visit scripts that are Next's and React's runtime: the thread page's
 * rootMainFiles in the build manifest (0 when the manifest is not there). */
function frameworkBytes(facts: RunFacts): number {
  const manifest = path.join(
    facts.options.distDir,
    "server",
    "app",
    "threads",
    "[slug]",
    "page",
    "build-manifest.json",
  );
  if (!existsSync(manifest)) return 0;
  const root =
    (JSON.parse(readFileSync(manifest, "utf8")) as { rootMainFiles?: string[] }).rootMainFiles ??
    [];
  return facts.weight.assets
    .filter((a) => a.kind === "js" && root.some((file) => a.url.endsWith(file)))
    .reduce((sum, a) => sum + a.gzipBytes, 0);
}

/** Why a request rate falls short: how much of a request's share of the machine Postgres took (from
 * the probe of the same page) and how much is left for the app server in Node. At R requests/s on
 * C cores a request has about C × 1000 / R ms of CPU, shared with the load generator and Postgres. */
function perRequestBudget(facts: RunFacts, key: string, rps: number): string {
  const scenario = facts.scenarios.find((s) => s.key === key);
  // Pages are probed under their scenario's label; the two actions under a shorter one.
  const probe =
    scenario &&
    facts.probes.find(
      (p) =>
        p.who === scenario.who &&
        (p.label === scenario.label || scenario.label.startsWith(p.label)),
    )?.probe;
  if (!probe || rps <= 0) return "";
  const share = (facts.cores * 1000) / rps;
  return `; why: Postgres ${probe.dbMs.toFixed(1)} ms over ${probe.statements} statements of the ~${ms(share)} ms of CPU each request gets at this rate, the rest goes to Node (Next rendering the page or running the action)`;
}

function evaluateTargets(facts: RunFacts, get: (key: string) => Summary | null): Target[] {
  const targets: Target[] = [];
  const throughput = (what: string, key: string, goalRps: number, goalP99: number | null) => {
    const s = get(key);
    if (!s) return;
    const rpsOk = s.rps >= goalRps;
    const p99Ok = goalP99 === null || s.p99 < goalP99;
    const short: string[] = [];
    if (!rpsOk) short.push(`${(goalRps / Math.max(s.rps, 0.001)).toFixed(1)}× too few requests/s`);
    if (!p99Ok && goalP99 !== null) short.push(`p99 ${ms(s.p99 - goalP99)} ms over`);
    if (s.errors + s.unexpected + s.failed > 0) short.push("errors");
    const why = rpsOk ? "" : perRequestBudget(facts, key, s.rps).replace(/^; /, "");
    if (why) short.push(why);
    targets.push({
      what,
      goal: `≥ ${int(goalRps)} req/s${goalP99 !== null ? `, p99 < ${goalP99} ms` : ""}`,
      measured: `${int(s.rps)} req/s, p99 ${ms(s.p99)} ms`,
      met: rpsOk && p99Ok && s.errors + s.unexpected + s.failed === 0,
      shortBy: short.join(", "),
    });
  };
  const t = facts.targets.bigThread;
  throughput(`Thread page 1, anonymous`, "thread-1", 1000, 100);
  throughput(`Thread page ${t.midPage}, anonymous`, "thread-mid", 1000, 100);
  throughput(`Thread last page, anonymous`, "thread-last", 1000, 100);
  throughput(`Thread page 1, signed in`, "thread-1-member", 250, 150);
  throughput(`Thread page ${t.midPage}, signed in`, "thread-mid-member", 250, 150);
  throughput(`Thread last page, signed in`, "thread-last-member", 250, 150);
  throughput(
    `Forum page ${facts.targets.forum.deepPage}, signed in`,
    "forum-deep-member",
    250,
    null,
  );
  throughput(`Member profile, signed in`, "member-member", 250, null);
  // The issue sets no throughput for search, only its p99 (< 200 ms).
  for (const [key, who] of [
    ["search", "anonymous"],
    ["search-member", "signed in"],
    ["search-rare", "anonymous"],
    ["search-rare-member", "signed in"],
  ] as const) {
    const s = get(key);
    if (!s) continue;
    const ok = s.p99 < 200 && s.errors + s.unexpected + s.failed === 0;
    targets.push({
      what: `Search (${key.includes("rare") ? "rare" : "common"} word), ${who}`,
      goal: "p99 < 200 ms",
      measured: `${int(s.rps)} req/s, p99 ${ms(s.p99)} ms`,
      met: ok,
      shortBy: ok ? "" : s.p99 >= 200 ? `p99 ${ms(s.p99 - 200)} ms over` : "errors",
    });
  }
  throughput(`Home page, signed in`, "home-member", 250, null);
  const reply = get("reply");
  if (reply) {
    const ok =
      reply.p50 < 30 && reply.rps >= 150 && reply.errors + reply.unexpected + reply.failed === 0;
    const short: string[] = [];
    if (reply.p50 >= 30) short.push(`p50 ${ms(reply.p50 - 30)} ms over`);
    if (reply.rps < 150)
      short.push(`${(150 / Math.max(reply.rps, 0.001)).toFixed(1)}× too few replies/s`);
    if (reply.errors + reply.unexpected + reply.failed > 0) short.push("errors");
    const probe = facts.probes.find((p) => p.label === "Posting a reply")?.probe;
    const inPostgres = probe
      ? `; in Postgres ${probe.dbMs.toFixed(1)} ms over ${probe.statements} statements`
      : "";
    // With every connection always waiting, p50 is about connections ÷ rate: the rate decides both.
    if (!ok && probe && reply.rps > 0) {
      short.push(
        `why: ${facts.options.connections} connections at ${int(reply.rps)}/s queue ~${ms((facts.options.connections * 1000) / reply.rps)} ms each; the transaction takes ${probe.dbMs.toFixed(1)} ms in Postgres, the rest of a reply's ~${ms((facts.cores * 1000) / reply.rps)} ms of CPU is the server action in Node`,
      );
    }
    targets.push({
      what: `Posting a reply (${facts.options.connections} members)`,
      goal: "p50 < 30 ms, ≥ 150 replies/s, counters exact",
      measured: `${int(reply.rps)}/s, p50 ${ms(reply.p50)} ms over HTTP (the whole server action)${inPostgres}`,
      met: ok,
      shortBy: short.join(", "),
    });
  }
  throughput("Reaction toggle", "reaction", 300, null);
  const js = facts.weight.assets
    .filter((a) => a.kind === "js")
    .reduce((a, x) => a + x.gzipBytes, 0);
  const css = facts.weight.assets
    .filter((a) => a.kind === "css")
    .reduce((a, x) => a + x.gzipBytes, 0);
  const runtime = frameworkBytes(facts);
  const runtimeNote =
    runtime > 0
      ? `; why: ${kb(runtime)} of it is Next's and React's own runtime (the build's rootMainFiles), loaded by every page`
      : "";
  targets.push({
    what: "JavaScript of a first visit to a thread page",
    goal: "≤ 100 KB gzip",
    measured: kb(js),
    met: js <= 100 * 1024,
    shortBy: js > 100 * 1024 ? `${kb(js - 100 * 1024)} over${runtimeNote}` : undefined,
  });
  targets.push({
    what: "CSS of a first visit to a thread page",
    goal: "≤ 25 KB gzip",
    measured: kb(css),
    met: css <= 25 * 1024,
    shortBy: css > 25 * 1024 ? `${kb(css - 25 * 1024)} over` : undefined,
  });
  const peak = facts.peakMemory;
  targets.push({
    what: "Server memory under load (peak RSS)",
    goal: "≤ 350 MB",
    measured: mb(peak),
    met: peak <= 350 * 1024 * 1024,
    shortBy: peak > 350 * 1024 * 1024 ? `${mb(peak - 350 * 1024 * 1024)} over` : undefined,
  });
  const full = facts.options.posts >= 1_000_000;
  targets.push({
    what: `Fill of the synthetic forum`,
    goal: "1,000,000 posts in < 5 min",
    measured: `${int(facts.options.posts)} posts in ${facts.fillSeconds.toFixed(0)} s`,
    met: full ? facts.fillSeconds < 300 : null,
    shortBy:
      full && facts.fillSeconds >= 300
        ? `${(facts.fillSeconds - 300).toFixed(0)} s over`
        : undefined,
  });
  const exact = facts.checksAfter.every((c) => c.bad === 0);
  targets.push({
    what: "Counters exact after the writes",
    goal: "all exact",
    measured: exact ? "all exact" : "some differ (see below)",
    met: exact,
  });
  return targets;
}

export async function writeReport(
  facts: RunFacts,
  file: string,
): Promise<{ table: string; file: string }> {
  const o = facts.options;
  const byKey = new Map(facts.scenarios.map((s) => [s.key, s]));
  const get = (key: string) => {
    const s = byKey.get(key);
    return s && s.rounds.length ? summarise(s.rounds) : null;
  };
  const ceilingSummary = get(facts.ceilingKey)!;
  const table = scenarioTable(facts.scenarios, ceilingSummary);
  const ext = path.extname(file);
  const plansFile = `${file.slice(0, file.length - ext.length)}-plans${ext || ".md"}`;
  const t = facts.targets;
  const js = facts.weight.assets
    .filter((a) => a.kind === "js")
    .reduce((a, x) => a + x.gzipBytes, 0);
  const sizes = `${int(o.posts)} posts in ${int(o.threads)} threads across ${o.forums} forums, ${int(o.members)} members (+${o.connections} bench members), ${int(o.reactions)} reactions, a ${int(t.bigThread.posts)}-post thread`;

  const md = [
    "# Parley benchmark: latest run",
    "",
    `Run with \`npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}\` on ${facts.date.toISOString().replace("T", " ").slice(0, 16)} UTC.`,
    "",
    `- **Machine**: ${facts.cores} cores (${facts.cpu}), ${(facts.memoryBytes / 1024 ** 3).toFixed(0)} GB of memory, Node ${facts.node}. Load generator, app and Postgres share these cores.`,
    `- **Sizes**: ${sizes}; database ${facts.dbSize} after the fill.`,
    `- **Fill**: ${facts.fillSeconds.toFixed(1)} s in all (Postgres start and migrations included; steps below). Build: ${facts.buildSeconds.toFixed(1)} s (skipped when the sources did not change). Whole run: ${(facts.totalSeconds / 60).toFixed(1)} min.`,
    `- **Load**: autocannon, ${o.connections} connections over loopback, ${o.duration} s per scenario, ${o.rounds} round(s); each figure is the **median of the rounds** (errors are summed). Requests send browser headers (gzip accepted; bytes/response are bytes on the wire, headers included); the two server actions go without accept-encoding so the bench can read every answer and count refusals. Between scenarios the bench waits until Postgres is idle. Signed-in scenarios: each connection is its own member, signed in over HTTP through Auth.js.`,
    `- **Other load on the machine**: load average ${facts.loadAverage.before.toFixed(1)} when the load runs began, ${facts.loadAverage.after.toFixed(1)} when they ended (1-minute averages over ${facts.cores} cores; anything well above what the bench itself causes means other work shared the CPU and the figures are lower than this machine can do).`,
    `- **Server**: the production build served by server/serve.ts (as \`npm start\` does) against the bench database, DATABASE_POOL_SIZE default, POST_RATE_LIMIT_PER_MINUTE raised so the posting scenario is not throttled. Server log lines mentioning "error": ${facts.serverErrorLines}.`,
    "",
    "## Results",
    "",
    table,
    "",
    `The ceiling is a plain Node \`http\` server answering every request with the bytes of the anonymous thread page (${int(ceilingSummary.bytes)} bytes on the wire, as the app sent them) from memory, loaded with the same tool and settings: what this machine can do at all. “× ceiling” is requests/s divided by the ceiling's.`,
    "",
    "Where they point: " +
      [
        `the big thread \`${t.bigThread.url}\` (${int(t.bigThread.posts)} posts, ${t.bigThread.lastPage} pages)`,
        `forum \`${t.forum.url}\` (${int(t.forum.threads)} threads, ${t.forum.pages} pages)`,
        `member \`${t.member.url}\``,
        `permalink \`/posts/${t.permalink.postId}\` (post #${t.permalink.position} of the big thread)`,
        `replies go to ${int(t.replyThreads.length)} random open threads (from their last page), reactions to ${int(t.reactionPosts.length)} random posts (from the page showing them)`,
      ].join("; ") +
      ".",
    facts.optional.search
      ? ""
      : "\nSearch: `/search` answers 404 in this build (the route is not there yet), so there is no search scenario.",
    facts.optional.whatsNew
      ? ""
      : "\nWhat's new: `/whats-new/posts` answers 404 in this build (the route is not there yet), so there is no What's new scenario.",
    "",
    "## Targets",
    "",
    targetTable(evaluateTargets(facts, get)),
    "",
    "## Database work per page",
    "",
    "One request of each page after the load, with Postgres logging every statement (`log_statement = all`) and its",
    "`EXPLAIN (ANALYZE, BUFFERS)` with the real parameters (`auto_explain`, preloaded in the bench cluster and switched on",
    "only for this probe). The queries are the app's own, not copies. The health check of server/serve.ts",
    `(\`select 1\` every second) is left out. Full plans: [${path.basename(plansFile)}](${path.basename(plansFile)}).`,
    "",
    probeTable(facts.probes),
    "",
    "## First visit to a thread page",
    "",
    `Every \`<script src>\` (but \`nomodule\` ones: legacy polyfills modern browsers skip), script preload and stylesheet under \`/_next/static\` in the HTML of \`${t.bigThread.url}\` (anonymous), each gzipped (level 6):`,
    "",
    weightTable(facts.weight.assets, facts.weight.html),
    "",
    `Files: ${facts.weight.assets.map((a) => `\`${a.url.replace("/_next/static/", "")}\` ${kb(a.gzipBytes)}`).join(", ")}.`,
    "",
    "## Server memory",
    "",
    `Peak resident memory of the app server process (VmRSS of it and any children, sampled every 250 ms through the whole load): **${mb(facts.peakMemory)}**.`,
    "",
    "## Fill steps",
    "",
    "| step | seconds |",
    "| --- | ---: |",
    ...facts.fillSteps.map((s) => `| ${s.label} | ${s.seconds.toFixed(1)} |`),
    "",
    "## Counters after the load (recounted from the rows)",
    "",
    checksList(facts.checksAfter),
    "",
  ].join("\n");

  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, md);
  await writeFile(plansFile, plansDocument(facts.probes));
  // Every figure of the run, for comparing runs with a script.
  const jsonFile = `${file.slice(0, file.length - ext.length)}${ext === ".md" || !ext ? ".json" : `-json${ext}`}`;
  await writeFile(
    jsonFile,
    JSON.stringify(
      {
        ...facts,
        targets: {
          ...facts.targets,
          replyThreads: facts.targets.replyThreads.length,
          reactionPosts: facts.targets.reactionPosts.length,
        },
        probes: facts.probes.map(({ label, who, probe }) => ({
          label,
          who,
          statements: probe.statements,
          dbMs: probe.dbMs,
          statementTexts: probe.statementTexts,
        })),
        summaries: Object.fromEntries(facts.scenarios.map((s) => [s.key, summarise(s.rounds)])),
      },
      null,
      1,
    ),
  );
  const printed = [
    `${facts.cores} cores, ${facts.date.toISOString().slice(0, 10)}; ${sizes}; fill ${facts.fillSeconds.toFixed(0)} s.`,
    "",
    table,
    "",
    `JavaScript of a first thread-page visit: ${kb(js)} gzip; server peak memory ${mb(facts.peakMemory)}.`,
  ].join("\n");
  return { table: printed, file };
}
