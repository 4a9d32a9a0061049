// What one request of a page asks of Postgres: the statements the app really sends (counted from the
// server log with log_statement=all) and each one's EXPLAIN (ANALYZE, BUFFERS), logged by
// auto_explain with the real parameters. Nothing is replicated by hand, so the figures follow the app
// as its queries change. The health check of server/serve.ts ("select 1" every second) is left out.
import type { Sql } from "postgres";
import type { BenchPostgres } from "./postgres";

export interface StatementPlan {
  /** Executor time as auto_explain measured it (ms). */
  ms: number;
  query: string;
  plan: string;
}

export interface PageProbe {
  /** Statements sent (BEGIN/COMMIT included), the health check excluded. */
  statements: number;
  statementTexts: string[];
  plans: StatementPlan[];
  /** Sum of the plans' executor times (ms). */
  dbMs: number;
}

const SETTINGS: [string, string][] = [
  ["log_statement", "all"],
  ["auto_explain.log_min_duration", "0"],
  ["auto_explain.log_analyze", "on"],
  ["auto_explain.log_buffers", "on"],
  ["auto_explain.log_timing", "on"],
  ["auto_explain.log_nested_statements", "on"],
];

export async function setProbeLogging(sql: Sql, on: boolean): Promise<void> {
  for (const [name, value] of SETTINGS) {
    await sql.unsafe(on ? `alter system set ${name} = '${value}'` : `alter system reset ${name}`);
  }
  await sql.unsafe(`select pg_reload_conf()`);
  // Backends pick the new settings up before their next statement; give the postmaster a moment.
  await new Promise((resolve) => setTimeout(resolve, 500));
}

const isHealthCheck = (text: string) => /^select 1;?$/i.test(text.trim());

export function parseLog(text: string): PageProbe {
  const entries = text.split(/^@@\d+@@ /m).filter((e) => e.trim());
  const statementTexts: string[] = [];
  const plans: StatementPlan[] = [];
  for (const entry of entries) {
    const statement = /^LOG:\s+(?:statement|execute [^:]*):\s*([\s\S]*)$/.exec(entry);
    if (statement) {
      const sqlText = statement[1]!.trim();
      if (!isHealthCheck(sqlText)) statementTexts.push(sqlText);
      continue;
    }
    const plan = /^LOG:\s+duration: ([\d.]+) ms\s+plan:\n([\s\S]*)$/.exec(entry);
    if (plan) {
      const body = plan[2]!.replace(/^\t/gm, "").trimEnd();
      const query =
        /^Query Text: ([\s\S]*?)\n(?=Query Parameters:|\S)/m.exec(body)?.[1]?.trim() ?? "";
      if (isHealthCheck(query)) continue;
      plans.push({ ms: Number(plan[1]), query, plan: body });
    }
  }
  return {
    statements: statementTexts.length,
    statementTexts,
    plans,
    dbMs: plans.reduce((a, p) => a + p.ms, 0),
  };
}

/** Runs `request` once with the probe's logging on, and reads what Postgres logged meanwhile. */
export async function probeRequest(
  pg: BenchPostgres,
  request: () => Promise<void>,
): Promise<PageProbe> {
  const start = pg.log.length();
  await request();
  // The log arrives through a pipe: wait until it has been quiet for a moment.
  let seen = pg.log.length();
  for (let i = 0; i < 20; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = pg.log.length();
    if (now === seen && i >= 2) break;
    seen = now;
  }
  return parseLog(pg.log.text().slice(start));
}
