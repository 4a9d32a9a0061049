// `npm run bench -- --help`: the sizes of the synthetic forum and how hard and long to load it.
import { parseEnv } from "../../lib/env";

/** The app's default rate limits (lib/env.ts), which the bench's server runs with: its writers take
 * turns so that each stays within them. */
const appDefaults = parseEnv({});
export const DEFAULT_RATE_LIMITS = {
  postsPerMinute: appDefaults.POST_RATE_LIMIT_PER_MINUTE,
  reactionsPerMinute: appDefaults.REACTION_RATE_LIMIT_PER_MINUTE,
};

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
  /** Members who take turns sending the writes, so that each stays within the default rate limits. */
  writers: number;
  /** Rounds of every scenario; the table shows the median of the rounds. */
  rounds: number;
  dataDir: string;
  distDir: string;
  keepData: boolean;
  output: string;
  /** Exit non-zero when any request failed (the smoke run in npm test). */
  strict: boolean;
  /** Scenario keys to load (the ceiling always runs); empty: every scenario. */
  only: string[];
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
  writers: 1_500,
  rounds: 3,
  dataDir: ".data/bench",
  distDir: ".next-bench",
  keepData: false,
  output: "bench/results/latest.md",
  strict: false,
  only: [],
};

/** Where a run of some scenarios reports: never over the full run's report (git ignores *.tmp). */
export const SUBSET_OUTPUT = "bench/results/subset.tmp";

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
  --writers N        members who take turns sending the replies and reactions, so that each stays
                     within the default limits (${DEFAULT_RATE_LIMITS.postsPerMinute} posts, ${DEFAULT_RATE_LIMITS.reactionsPerMinute} reactions a minute) (default ${DEFAULTS.writers})
  --rounds N         rounds of every scenario; medians are shown  (default ${DEFAULTS.rounds})

Other
  --data-dir DIR     the bench Postgres cluster, deleted and recreated each run (default ${DEFAULTS.dataDir})
  --dist-dir DIR     the bench's production build (NEXT_DIST_DIR)  (default ${DEFAULTS.distDir})
  --keep-data        do not delete the data directory at the end
  --only KEY,KEY     load only these scenarios (and the ceiling), e.g. thread-1-member,personal;
                     an unknown key lists the keys. The report goes to ${SUBSET_OUTPUT}
                     unless --output says otherwise
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
  "--writers": "writers",
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
  let outputGiven = false;
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
    const key = flag === "--only" ? "only" : (NUMERIC[flag] ?? TEXT[flag]);
    if (!key) throw new UsageError(`Unknown option ${arg}. See --help.`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`${flag} needs a value.`);
    if (key === "only") {
      options.only = value
        .split(",")
        .map((k) => k.trim())
        .filter(Boolean);
      if (options.only.length === 0)
        throw new UsageError("--only needs at least one scenario key.");
    } else if (NUMERIC[flag]) {
      const n = Number(value.replace(/_/g, ""));
      if (!Number.isSafeInteger(n) || n < 0)
        throw new UsageError(`${flag} takes a whole number, not "${value}".`);
      set[key] = n;
    } else {
      set[key] = value;
      if (key === "output") outputGiven = true;
    }
  }
  // A partial run's report must not replace the full one that is committed.
  if (options.only.length > 0 && !outputGiven) options.output = SUBSET_OUTPUT;
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
  if (o.writers < 1) fail("--writers must be at least 1.");
  if (o.rounds < 1) fail("--rounds must be at least 1.");
}
