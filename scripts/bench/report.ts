// The bench's report: one table of every scenario (medians over the rounds, ratios to the ceiling,
// and the run before issue 12 beside them), the targets against what was measured, each page's
// database work, the weight of a first visit, peak memory and the counter checks. Printed and
// written as Markdown.
import type { CpuPerUnit } from "./cpu";
import type { LoadResult, Unit } from "./load";
import type { PageProbe } from "./probe";
import type { AssetWeight } from "./http";
import type { Who } from "./scenarios";
import type { Check } from "./verify";

export interface ScenarioSummary {
  key: string;
  label: string;
  who: Who;
  rounds: LoadResult[];
}

export interface Summary {
  unit: Unit;
  /** Units (requests or page views) per second. */
  rate: number;
  p50: number;
  p99: number;
  /** Page views: each request of the view on its own. */
  steps: { p50: number; p99: number }[];
  errors: number;
  unexpected: number;
  failed: number;
  bytes: number;
  statusCodes: Record<string, number>;
  firstFailure: string | null;
  /** Where the CPU went per unit, each part the median of the rounds'; null when not measured. */
  cpu: CpuPerUnit | null;
}

/** The median of the known values (a round where nothing completed has no latency: NaN). */
export function median(values: number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function summarise(rounds: LoadResult[]): Summary {
  const statusCodes: Record<string, number> = {};
  for (const r of rounds)
    for (const [code, n] of Object.entries(r.statusCodes))
      statusCodes[code] = (statusCodes[code] ?? 0) + n;
  const steps = rounds[0]?.steps ?? [];
  return {
    unit: rounds[0]?.unit ?? "request",
    rate: median(rounds.map((r) => r.rate)),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    steps: steps.map((_, i) => ({
      p50: median(rounds.map((r) => r.steps[i]!.p50)),
      p99: median(rounds.map((r) => r.steps[i]!.p99)),
    })),
    errors: rounds.reduce((a, r) => a + r.errors, 0),
    unexpected: rounds.reduce((a, r) => a + r.unexpected, 0),
    failed: rounds.reduce((a, r) => a + r.failed, 0),
    bytes: median(rounds.map((r) => r.bytesPerUnit)),
    statusCodes,
    firstFailure: rounds.find((r) => r.firstFailure)?.firstFailure ?? null,
    cpu: medianCpu(rounds.flatMap((r) => (r.cpu ? [r.cpu] : []))),
  };
}

function medianCpu(rounds: CpuPerUnit[]): CpuPerUnit | null {
  if (rounds.length === 0) return null;
  const of = (part: keyof CpuPerUnit) => median(rounds.map((r) => r[part]));
  return {
    app: of("app"),
    postgres: of("postgres"),
    postgresHelpers: of("postgresHelpers"),
    bench: of("bench"),
    other: of("other"),
    idle: of("idle"),
  };
}

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "—");
const ms = (n: number) =>
  Number.isFinite(n) ? (n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString("en-US")) : "—";
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

export function ratio(value: number, ceiling: number): string {
  if (!Number.isFinite(value) || !Number.isFinite(ceiling) || ceiling <= 0) return "—";
  const r = value / ceiling;
  return r >= 0.1 ? `${r.toFixed(2)}×` : r >= 0.001 ? `${r.toFixed(4)}×` : `${r.toExponential(1)}×`;
}

function problems(s: Summary): string {
  const parts: string[] = [];
  // Not an error (nothing failed), but nothing was measured either: say so rather than "0".
  if (s.rate === 0) parts.push("none completed within the run");
  if (s.errors) parts.push(`${int(s.errors)} socket errors/timeouts`);
  if (s.unexpected) {
    const codes = Object.entries(s.statusCodes)
      .map(([c, n]) => `${c}×${n}`)
      .join(" ");
    parts.push(`${int(s.unexpected)} unexpected status (${codes})`);
  }
  if (s.failed) parts.push(`${int(s.failed)} refused in the body`);
  return parts.length ? parts.join("; ") : "0";
}

/** A scenario's figures in the run before issue 12 (bench/results/before-issue-12.json). */
export interface Before {
  rps: number;
  p99: number;
}

/** "4,004 req" or "1,234 views": a member's page view is two requests (page + personal JSON). */
export function rateText(s: Summary): string {
  return `${int(s.rate)} ${s.unit === "view" ? "views" : "req"}`;
}

export function scenarioTable(
  scenarios: ScenarioSummary[],
  ceiling: Summary,
  before: Map<string, Before>,
): string {
  const header =
    "| scenario | who | per second | × ceiling | p50 ms | p99 ms | p99 × ceiling | before req/s | before p99 ms | errors / non-2xx | bytes per request or view |";
  const rule = "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |";
  const rows = scenarios.map((sc) => {
    const s = summarise(sc.rounds);
    const was = before.get(sc.key);
    return `| ${sc.label} | ${sc.who} | ${rateText(s)} | ${ratio(s.rate, ceiling.rate)} | ${ms(s.p50)} | ${ms(s.p99)} | ${ceiling.p99 >= 1 ? ratio(s.p99, ceiling.p99) : "—"} | ${was ? int(was.rps) : ""} | ${was ? ms(was.p99) : ""} | ${problems(s)} | ${int(s.bytes)} |`;
  });
  return [header, rule, ...rows].join("\n");
}

/** Page views request by request: where a view's time goes. */
export function viewStepsTable(scenarios: ScenarioSummary[]): string {
  const rows = scenarios.flatMap((sc) => {
    const s = summarise(sc.rounds);
    if (s.unit !== "view" || s.steps.length < 2) return [];
    const [page, personal] = s.steps;
    return [
      `| ${sc.label} | ${sc.who} | ${ms(page!.p50)} | ${ms(page!.p99)} | ${ms(personal!.p50)} | ${ms(personal!.p99)} | ${ms(s.p50)} | ${ms(s.p99)} |`,
    ];
  });
  return [
    "| page | who | page p50 ms | page p99 ms | personal JSON p50 ms | personal JSON p99 ms | view p50 ms | view p99 ms |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows,
  ].join("\n");
}

/** Each scenario's CPU per unit by process (medians of the rounds), and how idle the machine was. */
export function cpuTable(scenarios: ScenarioSummary[]): string {
  const rows = scenarios.flatMap((sc) => {
    const { cpu, unit } = summarise(sc.rounds);
    if (!cpu) return [];
    const total = cpu.app + cpu.postgres + cpu.bench + cpu.other;
    return [
      `| ${sc.label} | ${sc.who} | ${unit} | ${cpuMs(cpu.app)} | ${cpuMs(cpu.postgres)} | ${cpuMs(cpu.postgresHelpers)} | ${cpuMs(cpu.bench)} | ${cpuMs(cpu.other)} | ${cpuMs(total)} | ${Math.round(cpu.idle * 100)} % |`,
    ];
  });
  return [
    "| scenario | who | per | app server ms | Postgres ms | of it, its helpers ms | load generator ms | rest of the machine ms | all ms | machine idle |",
    "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows,
  ].join("\n");
}

/** CPU time: to the hundredth below 1 ms (a page view's parts are fractions of one). */
export const cpuMs = (n: number) => (n < 1 ? n.toFixed(2) : n.toFixed(1));

export interface Target {
  what: string;
  /** The issue that set it. */
  issue: number;
  goal: string;
  measured: string;
  /** Measured rate over the ceiling's, for throughput targets. */
  ceiling?: string;
  met: boolean | null;
  shortBy?: string;
}

export function targetTable(targets: Target[]): string {
  const rows = targets.map(
    (t) =>
      `| ${t.what} | ${t.issue} | ${t.goal} | ${t.measured} | ${t.ceiling ?? "—"} | ${t.met === null ? "n/a" : t.met ? "met" : `**not met**${t.shortBy ? `: ${t.shortBy}` : ""}`} |`,
  );
  return [
    "| target | issue | goal | measured | × ceiling | |",
    "| --- | ---: | --- | --- | ---: | --- |",
    ...rows,
  ].join("\n");
}

/** Whole-table reads in a page's plans: "posts (1,000,043 rows read)". Small tables (categories,
 * forums) are left out: a sequential scan is the right plan for them. */
export function seqScans(probe: PageProbe): string[] {
  const found: string[] = [];
  for (const plan of probe.plans) {
    const lines = plan.plan.split("\n");
    lines.forEach((line, i) => {
      const scan =
        /Seq Scan on (\w+)(?: (\w+))?\s+\(.*actual time=[\d.]+\.\.[\d.]+ rows=([\d.]+) loops=(\d+)/.exec(
          line,
        );
      if (!scan || ["categories", "forums", "settings"].includes(scan[1]!)) return;
      const removed = /Rows Removed by Filter: (\d+)/.exec(lines.slice(i + 1, i + 4).join("\n"));
      // Both figures are averages per loop (per worker, for a parallel scan).
      const rows = Math.round(
        (Number(scan[3]) + (removed ? Number(removed[1]) : 0)) * Number(scan[4]),
      );
      found.push(
        `${scan[1]}${scan[2] && scan[2] !== scan[1] ? ` as ${scan[2]}` : ""} (${int(rows)} rows read)`,
      );
    });
  }
  return found;
}

export function probeTable(probes: { label: string; who: string; probe: PageProbe }[]): string {
  const rows = probes.map(({ label, who, probe }) => {
    const slowest = [...probe.plans].sort((a, b) => b.ms - a.ms)[0];
    const top = slowest
      ? `${ms(slowest.ms)} ms: \`${slowest.query.replace(/\s+/g, " ").replace(/\|/g, "\\|").slice(0, 90)}…\``
      : "—";
    const seen = new Map<string, number>();
    for (const text of probe.statementTexts) seen.set(text, (seen.get(text) ?? 0) + 1);
    const repeated = [...seen.values()].reduce((a, n) => a + (n - 1), 0);
    const counted = new Map<string, number>();
    for (const scan of seqScans(probe)) counted.set(scan, (counted.get(scan) ?? 0) + 1);
    const scans = [...counted].map(([scan, n]) => (n > 1 ? `${scan} ×${n}` : scan));
    return `| ${label} | ${who} | ${probe.statements} | ${repeated} | ${probe.dbMs.toFixed(2)} | ${scans.length ? scans.join(", ") : "—"} | ${top} |`;
  });
  return [
    "| page | who | statements sent | of them repeats | database time ms (sum of executor times) | whole-table scans | slowest statement |",
    "| --- | --- | ---: | ---: | ---: | --- | --- |",
    ...rows,
  ].join("\n");
}

export function plansDocument(probes: { label: string; who: string; probe: PageProbe }[]): string {
  const parts: string[] = [
    "# Query plans of one request per page",
    "",
    "Written by `npm run bench`. Each statement the app sent while serving one request of the page, as",
    "auto_explain logged it: `EXPLAIN (ANALYZE, BUFFERS)` with the real parameters.",
  ];
  for (const { label, who, probe } of probes) {
    parts.push(
      "",
      `## ${label} (${who})`,
      "",
      `${probe.statements} statements sent, ${probe.dbMs.toFixed(2)} ms of executor time.`,
      "",
    );
    parts.push(
      "Statements in order:",
      "",
      ...probe.statementTexts.map(
        (s, i) => `${i + 1}. \`${s.replace(/\s+/g, " ").slice(0, 400)}\``,
      ),
    );
    for (const plan of probe.plans)
      parts.push("", `### ${plan.ms.toFixed(3)} ms`, "", "```", plan.plan, "```");
  }
  return parts.join("\n") + "\n";
}

export function weightTable(
  assets: AssetWeight[],
  html: { bytes: number; gzipBytes: number },
): string {
  const js = assets.filter((a) => a.kind === "js");
  const css = assets.filter((a) => a.kind === "css");
  const sum = (list: AssetWeight[], key: "bytes" | "gzipBytes") =>
    list.reduce((a, x) => a + x[key], 0);
  return [
    "| what | files | bytes | gzip bytes |",
    "| --- | ---: | ---: | ---: |",
    `| JavaScript | ${js.length} | ${kb(sum(js, "bytes"))} | **${kb(sum(js, "gzipBytes"))}** |`,
    `| CSS | ${css.length} | ${kb(sum(css, "bytes"))} | **${kb(sum(css, "gzipBytes"))}** |`,
    `| the HTML itself (for reference) | 1 | ${kb(html.bytes)} | ${kb(html.gzipBytes)} |`,
  ].join("\n");
}

/** JavaScript of a first visit to each kind of page, and how much of it is Next's and React's. */
export function pageJsTable(
  rows: { page: string; path: string; jsGzip: number; files: number; runtimeGzip: number }[],
): string {
  return [
    "| page | files | JS gzip | of which Next/React runtime |",
    "| --- | ---: | ---: | ---: |",
    ...rows.map(
      (r) =>
        `| ${r.page} (\`${r.path}\`) | ${r.files} | **${kb(r.jsGzip)}** | ${r.runtimeGzip > 0 ? kb(r.runtimeGzip) : "—"} |`,
    ),
  ].join("\n");
}

export function checksList(checks: Check[]): string {
  return checks
    .map((c) =>
      c.bad === 0
        ? `- ok: ${c.name}`
        : `- **WRONG**: ${c.name}: ${c.bad} rows differ, e.g. \`${JSON.stringify(c.sample.slice(0, 3))}\`${c.hint ? `. ${c.hint}` : ""}`,
    )
    .join("\n");
}

export { int, kb, mb, ms };
