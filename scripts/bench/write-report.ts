// Puts a run's figures together: the Markdown report (bench/results/latest.md), the query plans
// beside it (latest-plans.md), every figure as JSON (latest.json), and the table printed at the end
// of the run.
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { AssetWeight } from "./http";
import { DEFAULT_RATE_LIMITS, type BenchOptions } from "./options";
import type { PageProbe } from "./probe";
import {
  checksList,
  cpuMs,
  cpuTable,
  int,
  kb,
  mb,
  ms,
  pageJsTable,
  plansDocument,
  probeTable,
  ratio,
  rateText,
  scenarioTable,
  summarise,
  targetTable,
  viewStepsTable,
  weightTable,
  type Before,
  type ScenarioSummary,
  type Summary,
  type Target,
} from "./report";
import { REPLY_TARGET_RATE, type Targets } from "./scenarios";
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
  weights: PageWeight[];
  peakMemory: number;
  checksAfter: Check[];
  serverErrorLines: number;
  /** Routes of other branches the app answered (see OptionalRoutes). */
  optional: { search: boolean; whatsNew: boolean };
  totalSeconds: number;
  loadAverage: { before: number; after: number };
}

export interface PageWeight {
  page: string;
  path: string;
  /** The page's route under app/ ("" for the home page), to find its build manifest. */
  route: string;
  weight: { html: { bytes: number; gzipBytes: number }; assets: AssetWeight[] };
}

/** The run the "before" columns come from: the last one before issue 12 made the reading pages one
 * rendering for everyone. Kept as it was written then. */
const BEFORE_FILE = "bench/results/before-issue-12.json";

interface BeforeRun {
  date: string;
  /** Sizes and load settings of that run, to say when they differ from this one's. */
  options: Pick<BenchOptions, "posts" | "connections" | "duration" | "rounds">;
  byKey: Map<string, Before>;
}

function readBefore(): BeforeRun | null {
  if (!existsSync(BEFORE_FILE)) return null;
  const run = JSON.parse(readFileSync(BEFORE_FILE, "utf8")) as {
    date: string;
    options: BeforeRun["options"];
    summaries: Record<string, Before>;
  };
  return { date: run.date, options: run.options, byKey: new Map(Object.entries(run.summaries)) };
}

function beforeNote(before: BeforeRun | null, o: BenchOptions): string {
  if (!before) return `\`${BEFORE_FILE}\` is missing: no “before” figures.`;
  const b = before.options;
  const same =
    b.posts === o.posts &&
    b.connections === o.connections &&
    b.duration === o.duration &&
    b.rounds === o.rounds;
  return [
    `the “before” columns are the run of ${before.date.slice(0, 10)} (\`${BEFORE_FILE}\`), the last before issue 12, by scenario key; every row then was one request (req/s), and a member's page was rendered for them on every request. Blank: the scenario is new.`,
    same
      ? ""
      : ` That run had other sizes or settings (${int(b.posts)} posts, ${b.connections} connections, ${b.duration} s × ${b.rounds} rounds): compare with care.`,
  ].join("");
}

const jsBytes = (w: PageWeight) =>
  w.weight.assets.filter((a) => a.kind === "js").reduce((sum, a) => sum + a.gzipBytes, 0);

/** Gzip bytes of a page's first-visit scripts that are Next's and React's runtime: the rootMainFiles
 * of the page's build manifest (when it is there), which every page served by Next's runtime loads,
 * and every file holding React or ReactDOM (scripts/bench/http.ts), which is how the islands bundle's
 * React is found (a page served with islands loads none of Next's). A file counts whole. */
function frameworkBytes(distDir: string, w: PageWeight): number {
  const manifest = path.join(distDir, "server", "app", w.route, "page", "build-manifest.json");
  const root = existsSync(manifest)
    ? ((JSON.parse(readFileSync(manifest, "utf8")) as { rootMainFiles?: string[] }).rootMainFiles ??
      [])
    : [];
  return w.weight.assets
    .filter((a) => a.kind === "js" && (a.react || root.some((file) => a.url.endsWith(file))))
    .reduce((sum, a) => sum + a.gzipBytes, 0);
}

/** The thread page's weight: the first-visit targets are about it. */
function threadWeight(facts: RunFacts): PageWeight {
  return facts.weights.find((w) => w.route === "threads/[slug]")!;
}

/** Why a rate falls short: the CPU each unit took of the app server, Postgres and the load generator,
 * as measured during the rounds (scripts/bench/cpu.ts), and how idle the machine stayed. Without that
 * measure: how much of a unit's share of the machine Postgres took in the probe of the same page
 * view or write; at R units/s on C cores a unit has about C × 1000 / R ms of CPU. */
function perUnitBudget(facts: RunFacts, key: string, s: Summary): string {
  const scenario = facts.scenarios.find((sc) => sc.key === key);
  // Pages are probed under their scenario's label; the two writes under a shorter one.
  const probe =
    scenario &&
    facts.probes.find(
      (p) =>
        p.who === scenario.who &&
        (p.label === scenario.label || scenario.label.startsWith(p.label)),
    )?.probe;
  if (!probe || s.rate <= 0) return "";
  const unit = s.unit === "view" ? "page view (page + personal JSON)" : "request";
  if (s.cpu) {
    const { app, postgres, bench, idle } = s.cpu;
    return `why: each ${unit} took ${cpuMs(app)} ms of the app server's CPU, ${cpuMs(postgres)} ms of Postgres's (${probe.statements} statements) and ${cpuMs(bench)} ms of the load generator's, with ${Math.round(idle * 100)} % of the machine idle`;
  }
  const share = (facts.cores * 1000) / s.rate;
  return `why: Postgres ${probe.dbMs.toFixed(1)} ms over ${probe.statements} statements of the ~${ms(share)} ms of CPU each ${unit} gets at this rate, the rest goes to Node (the app server and the load generator)`;
}

const failures = (s: Summary) => s.errors + s.unexpected + s.failed;

function evaluateTargets(
  facts: RunFacts,
  get: (key: string) => Summary | null,
  ceiling: Summary,
): Target[] {
  const targets: Target[] = [];
  /** A rate (and latency) target. `paced`: the scenario is sent at `goal.rate` (Scenario.rate), so
   * the server keeps up when it answers at least 95 % of that pace, and the latencies are then a
   * unit's time at that rate rather than the length of a queue. */
  const throughput = (
    what: string,
    issue: number,
    key: string,
    goal: { rate: number; p99?: number; p50?: number; paced?: boolean },
  ) => {
    const s = get(key);
    if (!s) return;
    const unit = s.unit === "view" ? "page views/s" : "req/s";
    const floor = goal.paced ? 0.95 * goal.rate : goal.rate;
    const short: string[] = [];
    if (s.rate === 0) short.push("none completed within the run");
    else if (s.rate < floor)
      short.push(
        goal.paced
          ? `the server kept ${rateText(s)}/s of the ${int(goal.rate)} sent`
          : `${(goal.rate / s.rate).toFixed(1)}× too few ${unit}`,
      );
    if (goal.p99 !== undefined && s.p99 >= goal.p99)
      short.push(`p99 ${ms(s.p99 - goal.p99)} ms over`);
    if (goal.p50 !== undefined && s.p50 >= goal.p50)
      short.push(`p50 ${ms(s.p50 - goal.p50)} ms over`);
    if (failures(s) > 0) short.push("errors");
    const met = short.length === 0;
    if (s.rate < floor) short.push(perUnitBudget(facts, key, s));
    const latency = [
      goal.p50 !== undefined ? `p50 < ${goal.p50} ms` : "",
      goal.p99 !== undefined ? `p99 < ${goal.p99} ms` : "",
    ].filter(Boolean);
    targets.push({
      what,
      issue,
      goal: goal.paced
        ? `${latency.join(", ")} at ${int(goal.rate)} ${unit}`
        : [`≥ ${int(goal.rate)} ${unit}`, ...latency].join(", "),
      measured: `${rateText(s)}/s, p50 ${ms(s.p50)} ms, p99 ${ms(s.p99)} ms`,
      ceiling: ratio(s.rate, ceiling.rate),
      met,
      shortBy: short.filter(Boolean).join(", "),
    });
  };
  const t = facts.targets.bigThread;
  const forumDeep = facts.targets.forum.deepPage;
  for (const [page, key] of [
    ["Thread page 1", "thread-1"],
    [`Thread page ${t.midPage}`, "thread-mid"],
    ["Thread last page", "thread-last"],
  ] as const)
    throughput(`${page}, anonymous`, 6, key, { rate: 1000, p99: 100 });
  // Issue 12: a member's page view (the shared page and the personal JSON) at guest speed.
  for (const [page, key] of [
    ["Thread page 1", "thread-1-member"],
    [`Thread page ${t.midPage}`, "thread-mid-member"],
    ["Thread last page", "thread-last-member"],
    ["Forum page 1", "forum-1-member"],
    [`Forum page ${forumDeep}`, "forum-deep-member"],
    ["Home page", "home-member"],
    ["Member profile", "member-member"],
  ] as const)
    throughput(`${page}, member (page + personal JSON)`, 12, key, { rate: 1000, p99: 100 });
  throughput("Thread page 1, moderator (role copy + personal JSON)", 12, "thread-1-moderator", {
    rate: 250,
  });

  // Issue 6 set no throughput for search, only its p99.
  for (const [key, who] of [
    ["search", "anonymous"],
    ["search-member", "member"],
    ["search-rare", "anonymous"],
    ["search-rare-member", "member"],
  ] as const) {
    const s = get(key);
    if (!s) continue;
    const ok = s.p99 < 200 && failures(s) === 0;
    targets.push({
      what: `Search (${key.includes("rare") ? "rare" : "common"} word), ${who}${s.unit === "view" ? " (page + personal JSON)" : ""}`,
      issue: 6,
      goal: "p99 < 200 ms",
      measured: `${rateText(s)}/s, p99 ${ms(s.p99)} ms`,
      met: ok,
      shortBy: ok
        ? ""
        : s.rate === 0
          ? "none completed within the run"
          : s.p99 >= 200
            ? `p99 ${ms(s.p99 - 200)} ms over`
            : "errors",
    });
  }
  const reply = { rate: REPLY_TARGET_RATE, p50: 30 };
  throughput(`Posting a reply (${facts.options.connections} connections)`, 12, "reply", reply);
  // The same target read at its own pace: replies sent at that rate, the median their time.
  throughput(
    `Posting a reply, ${REPLY_TARGET_RATE} a second arriving (${facts.options.connections} connections)`,
    12,
    "reply-at-300",
    { ...reply, paced: true },
  );
  throughput("Reaction toggle", 12, "reaction", { rate: 600 });
  targets.push(...weightTargets(facts), ...machineTargets(facts));
  return targets;
}

function weightTargets(facts: RunFacts): Target[] {
  const thread = threadWeight(facts);
  const js = jsBytes(thread);
  const css = thread.weight.assets
    .filter((a) => a.kind === "css")
    .reduce((a, x) => a + x.gzipBytes, 0);
  const runtime = frameworkBytes(facts.options.distDir, thread);
  const runtimeNote =
    runtime > 0
      ? `; why: ${kb(runtime)} of it is Next's and React's own runtime (the build's rootMainFiles and the files holding React), loaded by every page`
      : "";
  return [
    {
      what: "JavaScript of a first visit to a thread page",
      issue: 12,
      goal: "≤ 100 KB gzip",
      measured: kb(js),
      met: js <= 100 * 1024,
      shortBy: js > 100 * 1024 ? `${kb(js - 100 * 1024)} over${runtimeNote}` : undefined,
    },
    {
      what: "CSS of a first visit to a thread page",
      issue: 6,
      goal: "≤ 25 KB gzip",
      measured: kb(css),
      met: css <= 25 * 1024,
      shortBy: css > 25 * 1024 ? `${kb(css - 25 * 1024)} over` : undefined,
    },
  ];
}

function machineTargets(facts: RunFacts): Target[] {
  const peak = facts.peakMemory;
  const full = facts.options.posts >= 1_000_000;
  const exact = facts.checksAfter.every((c) => c.bad === 0);
  return [
    {
      what: "Server memory under load (peak RSS)",
      issue: 12,
      goal: "≤ 350 MB",
      measured: mb(peak),
      met: peak <= 350 * 1024 * 1024,
      shortBy: peak > 350 * 1024 * 1024 ? `${mb(peak - 350 * 1024 * 1024)} over` : undefined,
    },
    {
      what: `Fill of the synthetic forum`,
      issue: 6,
      goal: "1,000,000 posts in < 5 min",
      measured: `${int(facts.options.posts)} posts in ${facts.fillSeconds.toFixed(0)} s`,
      met: full ? facts.fillSeconds < 300 : null,
      shortBy:
        full && facts.fillSeconds >= 300
          ? `${(facts.fillSeconds - 300).toFixed(0)} s over`
          : undefined,
    },
    {
      what: "Counters exact after the writes",
      issue: 12,
      goal: "all exact",
      measured: exact ? "all exact" : "some differ (see below)",
      met: exact,
    },
  ];
}

function pageJsRows(facts: RunFacts) {
  return facts.weights.map((w) => ({
    page: w.page,
    path: w.path,
    jsGzip: jsBytes(w),
    files: w.weight.assets.filter((a) => a.kind === "js").length,
    runtimeGzip: frameworkBytes(facts.options.distDir, w),
  }));
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
  const before = readBefore();
  const table = scenarioTable(facts.scenarios, ceilingSummary, before?.byKey ?? new Map());
  const ext = path.extname(file);
  const plansFile = `${file.slice(0, file.length - ext.length)}-plans${ext || ".md"}`;
  const t = facts.targets;
  const thread = threadWeight(facts);
  const sizes = `${int(o.posts)} posts in ${int(o.threads)} threads across ${o.forums} forums, ${int(o.members)} members (+${o.connections} bench members, ${o.connections} bench moderators and ${int(o.writers)} bench writers), ${int(o.reactions)} reactions, a ${int(t.bigThread.posts)}-post thread`;

  const md = [
    "# Parley benchmark: latest run",
    "",
    `Run with \`npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}\` on ${facts.date.toISOString().replace("T", " ").slice(0, 16)} UTC.`,
    "",
    `- **Machine**: ${facts.cores} cores (${facts.cpu}), ${(facts.memoryBytes / 1024 ** 3).toFixed(0)} GB of memory, Node ${facts.node}. Load generator, app and Postgres share these cores.`,
    `- **Sizes**: ${sizes}; database ${facts.dbSize} after the fill.`,
    `- **Fill**: ${facts.fillSeconds.toFixed(1)} s in all (Postgres start and migrations included; steps below). Build: ${facts.buildSeconds.toFixed(1)} s (skipped when the sources did not change). Whole run: ${(facts.totalSeconds / 60).toFixed(1)} min.`,
    `- **Load**: autocannon, ${o.connections} connections over loopback, ${o.duration} s per scenario, ${o.rounds} round(s); each figure is the **median of the rounds** (errors are summed). Page requests send a browser's headers (gzip accepted; bytes are bytes on the wire, headers included); the personal JSON and the two writes send what the page's \`fetch()\` sends, and the bench reads each of their answers to count refusals (a personal answer that sees no member counts as one). Between scenarios the bench waits until Postgres is idle. Signed-in scenarios: each connection is its own member (or moderator), signed in over HTTP through Auth.js, holding the hint cookies the personal answer sets. Replies and reactions are sent by the ${int(o.writers)} bench writers in turn (whichever connection sends), signed in the same way, so each member stays within the default rate limits (${DEFAULT_RATE_LIMITS.postsPerMinute} posts and ${DEFAULT_RATE_LIMITS.reactionsPerMinute} reactions a minute) as people posting by hand do.`,
    `- **Page views**: a member's browser loads a reading page, then asks \`GET /api/personal?…\` for the scope the page embeds (\`<script id="personal-scope">\`, read once per page at setup and turned into the query with the app's own \`scopeQuery\`; the home page and profiles embed none and ask \`/api/personal?\`). Each member connection does just that, page then personal JSON, over and over, and these rows count **page views per second** (pairs that completed). A view's latency is the page's latency **plus** the personal JSON's on the same connection, as the browser waits for one and then the other (the time a browser spends parsing and running scripts in between is not counted); p50 and p99 are taken over those sums, to the microsecond. Rows of single requests keep autocannon's own percentiles (whole milliseconds), as earlier runs reported them. The permalink is a redirect, not a page: it stays one request for members too. The client-side navigation row is the same pair with the page asked for as Next's router asks when a member clicks through from the home page (its React Server Component answer, kept in the same one-second cache). The moderator's page view is the same pair, the page being their role's shared copy (server/guest-page-cache.ts); the moderator row rendered for them loads the page alone with the cookie a write sets, so it measures the per-request render staff get in the two seconds after one of their writes (and every staff page got before the role copies).`,
    `- **Before**: ${beforeNote(before, o)}`,
    `- **Other load on the machine**: load average ${facts.loadAverage.before.toFixed(1)} when the load runs began, ${facts.loadAverage.after.toFixed(1)} when they ended (1-minute averages over ${facts.cores} cores; anything well above what the bench itself causes means other work shared the CPU and the figures are lower than this machine can do).`,
    `- **Server**: the production build served by server/serve.ts (as \`npm start\` does) against the bench database, every setting at its default (DATABASE_POOL_SIZE and the rate limits included). Server log lines mentioning "error": ${facts.serverErrorLines}.`,
    "",
    "## Results",
    "",
    table,
    "",
    `The ceiling is a plain Node \`http\` server answering every request with the bytes of the anonymous thread page (${int(ceilingSummary.bytes)} bytes on the wire, as the app sent them) from memory, loaded with the same tool and settings: what this machine can do at all. “× ceiling” is the rate (requests or page views per second) divided by the ceiling's requests per second.`,
    "",
    "Where they point: " +
      [
        `the big thread \`${t.bigThread.url}\` (${int(t.bigThread.posts)} posts, ${t.bigThread.lastPage} pages)`,
        `forum \`${t.forum.url}\` (${int(t.forum.threads)} threads, ${t.forum.pages} pages)`,
        `member \`${t.member.url}\``,
        `permalink \`/posts/${t.permalink.postId}\` (post #${t.permalink.position} of the big thread)`,
        `replies go to ${int(t.replyThreads.length)} random open threads, reactions to ${int(t.reactionPosts.length)} random posts, each as a JSON POST to the write routes (a new idempotency key per reply)`,
      ].join("; ") +
      ".",
    facts.optional.search
      ? ""
      : "\nSearch: `/search` answers 404 in this build (the route is not there yet), so there is no search scenario.",
    facts.optional.whatsNew
      ? ""
      : "\nWhat's new: `/whats-new/posts` answers 404 in this build (the route is not there yet), so there is no What's new scenario.",
    "",
    "### Page views, request by request",
    "",
    "Each request of a member's page view on its own (medians of the rounds' percentiles). The view's percentiles are of the sums, so they are not the sums of these.",
    "",
    viewStepsTable(facts.scenarios),
    "",
    "### CPU per page view or request",
    "",
    "Where each scenario's CPU went, per page view (page + personal JSON) or request: read from `/proc` before and after each round (the medians of the rounds). The app server is server/serve.ts's process (the ceiling server's in the ceiling row), Postgres the postmaster and its backends (its helpers, autovacuum, the WAL writer, the checkpointer and the rest, also apart), the load generator this bench's process (autocannon runs in it), the rest of the machine whatever else was busy (kernel threads, other processes); idle is the share of all cores nobody used. A figure short of a target with little idle time says the machine was full: then the sum is what one unit costs, and the largest part is where to save.",
    "",
    cpuTable(facts.scenarios),
    "",
    "## Targets",
    "",
    "Issue 12's targets, and issue 6's where issue 12 did not replace them (the “issue” column).",
    "",
    targetTable(evaluateTargets(facts, get, ceilingSummary)),
    "",
    "## Database work per page view",
    "",
    "One page view (or write) of each scenario after the load, with Postgres logging every statement (`log_statement = all`) and its",
    "`EXPLAIN (ANALYZE, BUFFERS)` with the real parameters (`auto_explain`, preloaded in the bench cluster and switched on",
    "only for this probe). The queries are the app's own, not copies. The health check of server/serve.ts",
    `(\`select 1\` every second) is left out. Full plans: [${path.basename(plansFile)}](${path.basename(plansFile)}).`,
    "",
    "A guest's row is a render of the page (the probe waits for the one-second copy to expire). A member's row is a page view as under load: the page is the shared copy the view before it left (its render is the guest's row), then the personal JSON; a moderator's the same with their role's copy; the moderator's page rendered for them (after a write) is rendered per request.",
    "",
    probeTable(facts.probes),
    "",
    "## First-visit JavaScript per page",
    "",
    "Every `<script src>` (but `nomodule` ones: legacy polyfills modern browsers skip), script preload and modulepreload under `/_next/static` in the HTML of each page (anonymous; members get the same page), and what the ES modules among them import statically (the islands bundle's chunks, `/_next/static/islands/`, on pages served without Next's runtime), each file counted once and gzipped (level 6). What a page loads only on demand (dynamic imports: the editor, staff tools) is not counted. “Next/React runtime” is the build's rootMainFiles (the page's build manifest), loaded by every page Next's runtime serves, plus every file holding React or ReactDOM (recognised by the property through which they share internals): on an islands page, React's chunks. A file counts whole, so if the islands build puts React in a chunk with other code, that code counts as runtime too.",
    "",
    pageJsTable(pageJsRows(facts)),
    "",
    "## First visit to a thread page",
    "",
    `Scripts as above, and every stylesheet, in the HTML of \`${thread.path}\` (anonymous):`,
    "",
    weightTable(thread.weight.assets, thread.weight.html),
    "",
    `Files: ${thread.weight.assets.map((a) => `\`${a.url.replace("/_next/static/", "")}\` ${kb(a.gzipBytes)}${a.react ? " (holds React)" : ""}`).join(", ")}.`,
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
    `JavaScript of a first visit, gzip: ${pageJsRows(facts)
      .map((r) => `${r.page} ${kb(r.jsGzip)}`)
      .join(", ")}; server peak memory ${mb(facts.peakMemory)}.`,
  ].join("\n");
  return { table: printed, file };
}
