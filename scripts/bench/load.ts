// One load run: autocannon against one URL (or a request generator) for a bounded time, over
// loopback, with a fixed number of connections. Signed-in scenarios give each connection its own
// member's session cookie.
import autocannon from "autocannon";

/** What every browser sends; Next compresses its answers when asked to. */
export const BROWSER_HEADERS: Record<string, string> = {
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  "accept-encoding": "gzip, deflate, br",
  "accept-language": "en-US,en;q=0.9",
  "user-agent": "parley-bench (autocannon)",
};

export interface LoadRequest {
  method?: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Called for every request to build it anew (writes: a new idempotency key, another target). */
  build?: () => { path: string; headers?: Record<string, string>; body?: string | Buffer };
  /** Returns an error text when a 2xx answer still reports a failure (server actions answer 200). */
  check?: (status: number, body: string) => string | null;
}

export interface LoadResult {
  seconds: number;
  responses: number;
  rps: number;
  p50: number;
  p99: number;
  /** Socket errors and timeouts. */
  errors: number;
  /** Answers with a status other than the expected ones. */
  unexpected: number;
  /** Expected status, but the body reports a failure (check()). */
  failed: number;
  statusCodes: Record<string, number>;
  bytesPerResponse: number;
  firstFailure: string | null;
}

export async function runLoad(options: {
  url: string;
  connections: number;
  duration: number;
  expect: number[];
  /** The request of each connection (index: the connection's number). */
  requestFor: (connection: number) => LoadRequest;
}): Promise<LoadResult> {
  let failed = 0;
  let firstFailure: string | null = null;
  const toAutocannon = (request: LoadRequest): autocannon.Request => {
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
      ...(check
        ? {
            onResponse: (status: number, body: string) => {
              const problem = options.expect.includes(status) ? check(status, body) : null;
              if (problem) {
                failed += 1;
                firstFailure ??= problem;
              }
            },
          }
        : {}),
    };
  };
  let next = 0;
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.duration,
    timeout: 30,
    requests: [toAutocannon(options.requestFor(0))],
    setupClient: (client) => {
      const index = next++;
      if (index > 0) client.setRequests([toAutocannon(options.requestFor(index))]);
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
  return {
    seconds: result.duration,
    responses,
    rps: responses / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    unexpected: responses - expected,
    failed,
    statusCodes,
    bytesPerResponse: responses ? result.throughput.total / responses : 0,
    firstFailure,
  };
}
