// How often one member or address may use the helpers the post editor calls while someone types
// (each preview renders Markdown and looks up quoted posts and mentions, each suggestion queries the
// member list), and how often a member may toggle reactions. Posting itself has its own limit, kept
// with the posts (lib/forum/posting.ts); a reaction toggle counts its rate in the same table inside
// its own round trip (lib/forum/reactions.ts). The others are counted in Postgres
// (rate-limiter-flexible's Drizzle store, one upsert per request), so a limit holds however many
// instances serve the forum; while Postgres cannot count, each process counts in memory instead.
import "server-only";
import { sql } from "drizzle-orm";
import { RateLimiterDrizzle, RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { db } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { env } from "../env";

export const REQUEST_RATES = {
  /** Previews a minute per member: a preview is a click, so this is far above a person's pace. */
  previewsPerMinute: env.PREVIEW_RATE_LIMIT_PER_MINUTE,
  /** @mention lookups a minute per address (many members may share one behind a NAT). */
  suggestionsPerMinute: env.SUGGEST_RATE_LIMIT_PER_MINUTE,
  /** Reaction toggles a minute per member: a click each, so a person never meets it; a script does. */
  reactionsPerMinute: env.REACTION_RATE_LIMIT_PER_MINUTE,
  /** Sign-ups an hour per address, counted in Postgres (lib/accounts/sign-up-limit.ts) so that every
   * instance and a restart see the same count: a family or an office signs up a few people, a script
   * dozens. */
  signUpsPerHour: env.SIGN_UP_LIMIT_PER_HOUR,
  /** Content-Security-Policy reports logged a minute per address: a page breaking the policy sends
   * one per blocked thing, and nobody reads the log faster than this anyway. */
  cspReportsPerMinute: 20,
  /** Poll votes (and staff closing or reopening polls) a minute per member: a person votes in a few
   * polls a minute at most; changing a vote back and forth faster is a script. */
  pollVotesPerMinute: 20,
  /** "Forgot your password?" requests an hour, per address and per account asked about: a person
   * asks once or twice; more is someone filling a member's inbox. */
  passwordResetsPerHour: env.PASSWORD_RESET_LIMIT_PER_HOUR,
  /** Verification mails a member may have sent again an hour. */
  verificationMailsPerHour: 5,
  /** Unsubscribe requests (the link's button, a mail client's one-click POST) a minute per address:
   * a person sends one; a mail provider relays its users' one-click requests from a few addresses,
   * so this is generous, and a script trying tokens meets it at once. */
  unsubscribesPerMinute: 60,
} as const;

export type RateCheck = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RequestRate {
  take(key: string): Promise<RateCheck>;
}

function buildConsumeStatement() {
  // Times as ISO text: outside `values` no column encodes a Date for the driver.
  const now = sql.placeholder("now");
  const points = sql.placeholder("points");
  const expire = sql.placeholder("expire");
  const expired = sql`${rateLimits.expire} <= ${now}`;
  return db
    .insert(rateLimits)
    .values({ key: sql.placeholder("key"), points, expire: sql`${expire}` })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        points: sql`case when ${expired} then ${points} else ${rateLimits.points} + ${points} end`,
        expire: sql`case when ${expired} then ${expire} else ${rateLimits.expire} end`,
      },
    })
    .returning()
    .prepare("consume_request_rate");
}
let consumeStatement: ReturnType<typeof buildConsumeStatement> | undefined;

type Upsert = (
  key: string,
  points: number,
  msDuration: number,
  forceExpire?: boolean,
  ...rest: unknown[]
) => Promise<unknown>;
const libraryUpsert = (RateLimiterDrizzle.prototype as unknown as { _upsert: Upsert })._upsert;

/**
 * rate-limiter-flexible's Drizzle store, with a consume run as one prepared statement. The library
 * builds its upsert with Drizzle on each request, which cost more Node CPU than the rest of a
 * reaction toggle (issue 12). This is the same statement (the library's own `_upsert`: table, key,
 * arithmetic, returned row), built once; everything else stays the library's (the answers, the
 * in-memory insurance while Postgres cannot count, the cleanup of expired rows, set and delete).
 */
class PreparedDrizzleLimiter extends RateLimiterDrizzle {
  _upsert(
    key: string,
    points: number,
    msDuration: number,
    forceExpire = false,
    ...rest: unknown[]
  ) {
    if (forceExpire || msDuration <= 0)
      return libraryUpsert.call(this, key, points, msDuration, forceExpire, ...rest);
    const now = new Date();
    const expire = new Date(now.getTime() + msDuration);
    return (consumeStatement ??= buildConsumeStatement())
      .execute({ key, points, now: now.toISOString(), expire: expire.toISOString() })
      .then(([row]) => row);
  }
}

/** `name` keeps each rate's counters apart in the shared table; `points` per `seconds` (a minute). */
export function requestRate(name: string, points: number, seconds = 60): RequestRate {
  const limiter = new PreparedDrizzleLimiter({
    storeClient: db,
    schema: rateLimits,
    keyPrefix: name,
    points,
    duration: seconds,
    insuranceLimiter: new RateLimiterMemory({ keyPrefix: name, points, duration: seconds }),
  });
  return {
    async take(key) {
      try {
        await limiter.consume(key);
        return { ok: true };
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        return {
          ok: false,
          retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)),
        };
      }
    },
  };
}

export const previewRate = requestRate("preview", REQUEST_RATES.previewsPerMinute);
export const suggestionRate = requestRate("suggest", REQUEST_RATES.suggestionsPerMinute);
export const pollVoteRate = requestRate("poll-vote", REQUEST_RATES.pollVotesPerMinute);
export const cspReportRate = requestRate("csp-report", REQUEST_RATES.cspReportsPerMinute);
export const passwordResetRate = requestRate(
  "password-reset",
  REQUEST_RATES.passwordResetsPerHour,
  3600,
);
export const verificationMailRate = requestRate(
  "verification-mail",
  REQUEST_RATES.verificationMailsPerHour,
  3600,
);
export const unsubscribeRate = requestRate("unsubscribe", REQUEST_RATES.unsubscribesPerMinute);
