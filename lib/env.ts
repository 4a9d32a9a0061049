// Every environment variable Parley reads, parsed with zod into typed values with their defaults, so
// a mistyped value is refused with its name instead of quietly becoming NaN or "off". `npm start`
// checks the environment first (envProblems) and refuses to start on any problem; app code reads
// `env.X`. (AUTH_SECRET and AUTH_TRUST_HOST are Auth.js's own, read by it directly; Parley also reads
// AUTH_SECRET here, for the two-factor keys.)
//
// Server code only, but not `server-only`: scripts/start.ts runs it outside Next.
import { isIP } from "node:net";
import { z } from "zod";

const wholeNumber = (min: number, max?: number) => {
  const expected =
    max === undefined
      ? `must be a whole number ≥ ${min}`
      : `must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .trim()
    .regex(/^\d{1,15}$/, expected)
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, expected)
        .max(max ?? Number.MAX_SAFE_INTEGER, expected),
    );
};

const url = (protocols: string[], example: string) =>
  z
    .string()
    .refine(
      (value) => URL.canParse(value) && protocols.includes(new URL(value).protocol),
      `must be an absolute ${protocols.map((p) => p.slice(0, -1)).join(" or ")} address such as ${example}`,
    );

const text = z.string().min(1, "must not be empty");

/** None (null), the nearest `hops` proxies, or the proxies at these addresses (IPs or CIDR ranges). */
export type ProxyTrust = { hops: number } | { addresses: string[] } | null;

const PROXY_TRUST_EXPECTED =
  "must be a number of proxy hops (0: none; 1: one reverse proxy such as nginx) or the proxies' " +
  "addresses, comma-separated (such as 10.0.0.1, 172.16.0.0/12, ::1)";

function isAddressOrRange(entry: string): boolean {
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return (
    prefix === undefined ||
    (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128))
  );
}

const proxyTrust = z
  .string()
  .trim()
  .transform((value, ctx): ProxyTrust => {
    // true and false were this variable's first spellings (one proxy or none).
    const hops =
      value === "true" ? 1 : value === "false" ? 0 : /^\d{1,2}$/.test(value) ? Number(value) : NaN;
    if (!Number.isNaN(hops)) return hops === 0 ? null : { hops };
    const addresses = value.split(",").map((entry) => entry.trim().toLowerCase());
    if (addresses.every(isAddressOrRange)) return { addresses };
    ctx.addIssue({ code: "custom", message: PROXY_TRUST_EXPECTED });
    return z.NEVER;
  });

const schema = z
  .object({
    PORT: wholeNumber(1, 65_535).default(3000),
    HOSTNAME: text.default("0.0.0.0"),
    /** Embedded Postgres data, generated secrets (uploaded files live in Postgres). */
    DATA_DIR: text.default(".data"),
    /** A Postgres server to use instead of the embedded one; scripts/start.ts sets it to that one. */
    DATABASE_URL: url(
      ["postgres:", "postgresql:"],
      "postgres://user:password@host:5432/parley",
    ).optional(),
    DATABASE_POOL_SIZE: wholeNumber(1).default(10),
    /** The next build's folder (benchmarks build into their own). */
    NEXT_DIST_DIR: text.default(".next"),
    /** The forum's public address, for the absolute links in feeds; unset: the host asked for. */
    SITE_URL: url(["http:", "https:"], "https://forum.example").optional(),
    /** Which reverse proxies in front may say where a request came from and what it asked for
     * (X-Forwarded-For, -Host, -Proto): server/proxy-trust.ts. */
    TRUST_PROXY: proxyTrust.default(null),
    GUEST_PAGE_CACHE: z.enum(["on", "off"], "must be on or off").default("on"),
    POST_RATE_LIMIT_PER_MINUTE: wholeNumber(1).default(10),
    PREVIEW_RATE_LIMIT_PER_MINUTE: wholeNumber(1).default(30),
    SUGGEST_RATE_LIMIT_PER_MINUTE: wholeNumber(1).default(120),
    REACTION_RATE_LIMIT_PER_MINUTE: wholeNumber(1).default(60),
    /** Browsers one instance keeps a live-update stream open to (server/live-updates.ts). */
    LIVE_CONNECTIONS_MAX: wholeNumber(0).default(10_000),
    SIGN_UP_LIMIT_PER_HOUR: wholeNumber(1).default(5),
    /** Attachments (lib/limits/attachments.ts): bytes per file, files per post, uploads per member
     * a day, and the types besides images, by extension. */
    ATTACHMENT_MAX_BYTES: wholeNumber(1024, 1024 * 1024 * 1024).default(8 * 1024 * 1024),
    ATTACHMENTS_PER_POST: wholeNumber(1, 100).default(10),
    ATTACHMENTS_PER_DAY: wholeNumber(1).default(50),
    ATTACHMENT_FILE_TYPES: z
      .string()
      .trim()
      .toLowerCase()
      // "none": images only.
      .transform((value) =>
        value === "none"
          ? []
          : value
              .split(",")
              .map((entry) => entry.trim())
              .filter(Boolean),
      )
      .pipe(
        z.array(
          z.enum(["pdf", "txt", "zip"], "must list pdf, txt or zip, comma-separated (or none)"),
        ),
      )
      .default(["pdf", "txt", "zip"]),
    /** Images in posts from other sites: fetched through the forum's proxy, or shown as links. */
    REMOTE_IMAGES: z.enum(["proxy", "links"], "must be proxy or links").default("proxy"),
    /** Password-reset requests an hour per address and per account (lib/accounts/account-links.ts). */
    PASSWORD_RESET_LIMIT_PER_HOUR: wholeNumber(1).default(5),
    /** Where mail goes (smtp://user:password@host:587, or smtps:// for TLS from the start); unset:
     * into the outbox administrators read at /admin/outbox, each link also printed in the log. */
    SMTP_URL: url(["smtp:", "smtps:"], "smtp://user:password@mail.example:587").optional(),
    /** The sender of every mail Parley sends. */
    MAIL_FROM: text.default("Parley <parley@localhost>"),
    /** Active warning points that ban a member (lib/moderation/warnings.ts), and for how many days. */
    WARNING_BAN_POINTS: wholeNumber(1).default(10),
    WARNING_BAN_DAYS: wholeNumber(1, 3650).default(7),
    /** Auth.js signs sessions with it; the two-factor keys are derived from it (scripts/start.ts
     * generates one when it is unset). */
    AUTH_SECRET: text.optional(),
    AUTH_GITHUB_ID: text.optional(),
    AUTH_GITHUB_SECRET: text.optional(),
    AUTH_GOOGLE_ID: text.optional(),
    AUTH_GOOGLE_SECRET: text.optional(),
    /** The first administrator, created on the first start only. */
    ADMIN_USERNAME: z
      .string()
      .trim()
      .optional()
      .transform((name) => name || "admin"),
    /** Unset or empty: a random password, printed once. */
    ADMIN_PASSWORD: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    // One half of a pair is a typo or a forgotten line, not a wish to hide the button.
    for (const [id, secret] of [
      ["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET"],
      ["AUTH_GOOGLE_ID", "AUTH_GOOGLE_SECRET"],
    ] as const) {
      if (Boolean(env[id]) !== Boolean(env[secret]))
        ctx.addIssue({
          code: "custom",
          path: [env[id] ? secret : id],
          message: `must be set with ${env[id] ? id : secret} (or neither)`,
        });
    }
  });

export type Env = z.output<typeof schema>;
type Name = keyof Env;
const NAMES = Object.keys(schema.shape) as Name[];

type Source = Record<string, string | undefined>;

/** The variables Parley reads, with unset and empty alike meaning "use the default". */
function relevant(source: Source): Partial<Record<Name, string>> {
  const values: Partial<Record<Name, string>> = {};
  for (const name of NAMES) {
    const value = source[name];
    if (value !== undefined && value !== "") values[name] = value;
  }
  return values;
}

function describe(issues: z.core.$ZodIssue[], source: Source): string[] {
  return issues.map((issue) => {
    const name = String(issue.path[0] ?? "environment");
    const value = source[name];
    return value === undefined || value === ""
      ? `${name} ${issue.message}`
      : `${name} ${issue.message}, got '${value}'`;
  });
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`The environment is not valid:\n  ${problems.join("\n  ")}`);
    this.name = "EnvError";
  }
}

/** Every problem with these variables, one sentence each naming the variable; empty when all is well. */
export function envProblems(source: Source = process.env): string[] {
  const parsed = schema.safeParse(relevant(source));
  return parsed.success ? [] : describe(parsed.error.issues, source);
}

/** The parsed environment, or an EnvError listing every problem. */
export function parseEnv(source: Source = process.env): Env {
  const parsed = schema.safeParse(relevant(source));
  if (!parsed.success) throw new EnvError(describe(parsed.error.issues, source));
  return parsed.data;
}

// Parsed at first use rather than at import, and again only if a variable changed: scripts/start.ts
// sets DATA_DIR and DATABASE_URL after importing the modules that read them, and tests set
// variables; Next, running in the same process, bundles its own copy of this module. Parsing happens
// once per distinct environment, which in production means once. Reading a variable compares its raw
// value alone (one process.env lookup): comparing all of them on every read was several percent of a
// reply's CPU (issue 12). A change to another variable is seen when that one is read.
let cached: { raw: Partial<Record<Name, string>>; env: Env } | undefined;

function current(name: Name): Env {
  if (cached && cached.raw[name] === process.env[name]) return cached.env;
  const raw: Partial<Record<Name, string>> = {};
  for (const n of NAMES) raw[n] = process.env[n];
  cached = { raw, env: parseEnv(process.env) };
  return cached.env;
}

/** The environment, typed: `env.POST_RATE_LIMIT_PER_MINUTE` is a number ≥ 1, never NaN. */
export const env: Readonly<Env> = Object.defineProperties(
  {} as Env,
  Object.fromEntries(
    NAMES.map((name) => [name, { enumerable: true, get: () => current(name)[name] }]),
  ) as PropertyDescriptorMap,
);
