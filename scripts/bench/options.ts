// `npm run bench -- --help`: the sizes of the synthetic forum and how hard and long to load it.

export interface BenchOptions {
  posts: number;
  threads: number;
  forums: number;
  members: number;
  reactions: number;
  bigThread: number;
  /** Seconds of load per scenario and round. */
  duration: number;
  connections: number;
  /** Rounds of every scenario; the table shows the median of the rounds. */
  rounds: number;
  dataDir: string;
  distDir: string;
  keepData: boolean;
  output: string;
  /** Exit non-zero when any request failed (the smoke run in npm test). */
  strict: boolean;
}

export const DEFAULTS: BenchOptions = {
  posts: 1_000_000,
  threads: 20_000,
  forums: 30,
  members: 50_000,
  reactions: 2_000_000,
  bigThread: 10_000,
  duration: 5,
  connections: 20,
  rounds: 3,
  dataDir: ".data/bench",
  distDir: ".next-bench",
  keepData: false,
  output: "bench/results/latest.md",
  strict: false,
};

export const HELP = `npm run bench -- [options]

Fills a separate Postgres (never the app's own data) with a synthetic forum, builds and serves the
production app against it, loads it over loopback with autocannon, and writes bench/results/latest.md.

Sizes of the synthetic forum
  --posts N          posts in total                               (default ${DEFAULTS.posts})
  --threads N        threads (one of them is the big thread)      (default ${DEFAULTS.threads})
  --forums N         forums                                       (default ${DEFAULTS.forums})
  --members N        members who write the posts                  (default ${DEFAULTS.members})
  --reactions N      reactions (one per post and member, never on one's own post) (default ${DEFAULTS.reactions})
  --big-thread N     posts in the one big thread                  (default ${DEFAULTS.bigThread})

Load
  --duration S       seconds of load per scenario and round       (default ${DEFAULTS.duration})
  --connections N    concurrent connections (and signed-in members, and moderators) (default ${DEFAULTS.connections})
  --rounds N         rounds of every scenario; medians are shown  (default ${DEFAULTS.rounds})

Other
  --data-dir DIR     the bench Postgres cluster, deleted and recreated each run (default ${DEFAULTS.dataDir})
  --dist-dir DIR     the bench's production build (NEXT_DIST_DIR)  (default ${DEFAULTS.distDir})
  --keep-data        do not delete the data directory at the end
  --output FILE      where the report goes                        (default ${DEFAULTS.output})
  --strict           exit with an error when any request failed or answered unexpectedly
  --help             this text
`;

const NUMERIC: Record<string, keyof BenchOptions> = {
  "--posts": "posts",
  "--threads": "threads",
  "--forums": "forums",
  "--members": "members",
  "--reactions": "reactions",
  "--big-thread": "bigThread",
  "--duration": "duration",
  "--connections": "connections",
  "--rounds": "rounds",
};
const TEXT: Record<string, keyof BenchOptions> = {
  "--data-dir": "dataDir",
  "--dist-dir": "distDir",
  "--output": "output",
};

export class UsageError extends Error {}

export function parseOptions(argv: string[]): BenchOptions | "help" {
  const options: BenchOptions = { ...DEFAULTS };
  const set = options as unknown as Record<string, unknown>;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") return "help";
    if (arg === "--keep-data" || arg === "--strict") {
      options[arg === "--strict" ? "strict" : "keepData"] = true;
      continue;
    }
    const [flag, inline] = arg.includes("=")
      ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
      : [arg, undefined];
    const key = NUMERIC[flag] ?? TEXT[flag];
    if (!key) throw new UsageError(`Unknown option ${arg}. See --help.`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`${flag} needs a value.`);
    if (NUMERIC[flag]) {
      const n = Number(value.replace(/_/g, ""));
      if (!Number.isSafeInteger(n) || n < 0)
        throw new UsageError(`${flag} takes a whole number, not "${value}".`);
      set[key] = n;
    } else {
      set[key] = value;
    }
  }
  validate(options);
  return options;
}

function validate(o: BenchOptions): void {
  const fail = (message: string) => {
    throw new UsageError(message);
  };
  if (o.forums < 1) fail("--forums must be at least 1.");
  if (o.threads < 2) fail("--threads must be at least 2 (the big thread and at least one other).");
  if (o.members < 2) fail("--members must be at least 2.");
  if (o.bigThread < 1) fail("--big-thread must be at least 1.");
  if (o.posts < o.bigThread + o.threads - 1)
    fail(
      `--posts must be at least --big-thread + --threads - 1 = ${o.bigThread + o.threads - 1}: every thread has a first post.`,
    );
  if (o.reactions > o.posts * (o.members - 1) * 0.5)
    fail(
      "--reactions is too large for that many posts and members (at most half of all possible pairs).",
    );
  if (o.duration < 1) fail("--duration must be at least 1 second.");
  if (o.connections < 1) fail("--connections must be at least 1.");
  if (o.rounds < 1) fail("--rounds must be at least 1.");
}
