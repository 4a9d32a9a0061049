// One load run: autocannon against one server for a bounded time, over loopback, with a fixed number
// of connections. Each connection cycles through its own sequence of requests: one request (a
// guest's page, a write), or a page followed by its personal JSON, as a member's browser loads a
// page view. Signed-in scenarios give each connection its own account's cookies.
import autocannon from "autocannon";
import type { CpuPerUnit } from "./cpu";

/** What every browser sends for a page; Next compresses its answers when asked to. */
export const BROWSER_HEADERS: Record<string, string> = {
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  "accept-encoding": "gzip, deflate, br",
  "accept-language": "en-US,en;q=0.9",
  "user-agent": "parley-bench (autocannon)",
};

/** What a browser's `fetch()` from one of the forum's pages sends (no cookie, no Origin: a GET);
 * `cache: "no-store"` adds the two no-cache headers (Fetch standard, HTTP-network-or-cache fetch). */
export const FETCH_HEADERS: Record<string, string> = {
  accept: "*/*",
  "accept-encoding": "gzip, deflate, br",
  "accept-language": "en-US,en;q=0.9",
  "user-agent": "parley-bench (autocannon)",
  "cache-control": "no-cache",
  pragma: "no-cache",
  "sec-fetch-dest": "empty",
  "sec-fetch-mode": "cors",
  "sec-fetch-site": "same-origin",
};

export interface LoadRequest {
  method?: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Called for every request to build it anew (writes: a new idempotency key, another target). */
  build?: () => { path: string; headers?: Record<string, string>; body?: string | Buffer };
  /** Returns an error text when an answer with an expected status still reports a failure. */
  check?: (status: number, body: string) => string | null;
}

/** A request per unit (one request), or a page view (the connection's whole sequence). */
export type Unit = "request" | "view";

export interface LoadResult {
  seconds: number;
  unit: Unit;
  /** Responses of every kind. */
  responses: number;
  /** Units completed: responses, or page views whose every request was answered. */
  units: number;
  /** Units per second. */
  rate: number;
  /** Latency of a unit (ms): one request's, or the sum of a view's requests' (see viewLatencies). */
  p50: number;
  p99: number;
  /** Views only: each request of the sequence on its own (ms), in sequence order. */
  steps: { p50: number; p99: number }[];
  /** Socket errors and timeouts. */
  errors: number;
  /** Answers with a status other than the expected ones. */
  unexpected: number;
  /** Expected status, but the body reports a failure (check()). */
  failed: number;
  statusCodes: Record<string, number>;
  /** Bytes on the wire (headers included) per unit. */
  bytesPerUnit: number;
  firstFailure: string | null;
  /** Where the round's CPU went, per unit (scripts/bench/cpu.ts); null where /proc cannot tell. */
  cpu?: CpuPerUnit | null;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Per connection, the requests of the view in progress. A view counts only when each request of the
 * sequence was answered in order: after a timeout autocannon moves on to the next request, and the
 * broken view is dropped rather than counted short. */
export class ViewTracker {
  private next = 0;
  private sum = 0;
  /** Index in the sequence of the request whose response is being reported (set by onResponse,
   * which autocannon calls just before the client's "response" event for the same answer). */
  answered = -1;

  constructor(
    private readonly length: number,
    private readonly views: number[],
    private readonly steps: number[][],
  ) {}

  onResponse(ms: number) {
    const index = this.answered;
    if (index < 0) return;
    this.steps[index]!.push(ms);
    if (index === 0) this.sum = 0;
    else if (index !== this.next) {
      this.next = 0;
      return;
    }
    this.sum += ms;
    this.next = index + 1;
    if (this.next === this.length) {
      this.views.push(this.sum);
      this.next = 0;
    }
  }
}

export async function runLoad(options: {
  url: string;
  connections: number;
  duration: number;
  /** Requests (or page views' requests) a second, all connections together; unset: no pause. */
  rate?: number;
  expect: number[];
  /** The request sequence of each connection (index: the connection's number). */
  requestsFor: (connection: number) => LoadRequest[];
}): Promise<LoadResult> {
  let failed = 0;
  let firstFailure: string | null = null;
  const length = options.requestsFor(0).length;
  const unit: Unit = length > 1 ? "view" : "request";
  const views: number[] = [];
  const steps: number[][] = Array.from({ length }, () => []);

  const toAutocannon = (
    request: LoadRequest,
    index: number,
    tracker: ViewTracker | null,
  ): autocannon.Request => {
    const { build, check } = request;
    return {
      method: request.method ?? "GET",
      path: request.path,
      headers: request.headers,
      body: request.body,
      ...(build
        ? {
            setupRequest: (req: autocannon.Request) => {
              const next = build();
              return {
                ...req,
                path: next.path,
                headers: { ...req.headers, ...next.headers },
                body: next.body ?? req.body,
              };
            },
          }
        : {}),
      ...(check || tracker
        ? {
            onResponse: (status: number, body: string) => {
              if (tracker) tracker.answered = index;
              const problem = check && options.expect.includes(status) ? check(status, body) : null;
              if (problem) {
                failed += 1;
                firstFailure ??= problem;
              }
            },
          }
        : {}),
    };
  };
  const sequenceFor = (connection: number, tracker: ViewTracker | null) =>
    options.requestsFor(connection).map((r, i) => toAutocannon(r, i, tracker));

  let next = 0;
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.duration,
    ...(options.rate ? { overallRate: options.rate } : {}),
    timeout: 30,
    requests: sequenceFor(0, null),
    setupClient: (client) => {
      const tracker = unit === "view" ? new ViewTracker(length, views, steps) : null;
      client.setRequests(sequenceFor(next++, tracker));
      if (tracker) client.on("response", (_status, _bytes, ms) => tracker.onResponse(ms));
    },
  });
  const result = await instance;
  const statusCodes: Record<string, number> = {};
  let expected = 0;
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
    const count = stat.count ?? 0;
    statusCodes[code] = count;
    if (options.expect.includes(Number(code))) expected += count;
  }
  const responses = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  const sortedViews = [...views].sort((a, b) => a - b);
  const units = unit === "view" ? views.length : responses;
  return {
    seconds: result.duration,
    unit,
    responses,
    units,
    rate: units / result.duration,
    // Requests: autocannon's own histogram (whole milliseconds), as every earlier run reported. It
    // says 0 when nothing completed (every request outlasted the run): no latency is known then.
    p50: unit === "view" ? percentile(sortedViews, 50) : responses ? result.latency.p50 : NaN,
    p99: unit === "view" ? percentile(sortedViews, 99) : responses ? result.latency.p99 : NaN,
    steps:
      unit === "view"
        ? steps.map((list) => {
            const sorted = [...list].sort((a, b) => a - b);
            return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
          })
        : [],
    errors: result.errors,
    unexpected: responses - expected,
    failed,
    statusCodes,
    bytesPerUnit: units ? result.throughput.total / units : 0,
    firstFailure,
  };
}
