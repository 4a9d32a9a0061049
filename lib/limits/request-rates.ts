// How often one member or address may use the helpers the post editor calls while someone types
// (each preview renders Markdown and looks up quoted posts and mentions, each suggestion queries the
// member list), and how often a member may toggle reactions. Posting itself has its own limit, kept in Postgres (lib/forum/posting.ts). These are
// per process, in memory: one server runs Parley, and a restart forgetting them costs nothing.
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "../env";

export const REQUEST_RATES = {
  /** Previews a minute per member: a preview is a click, so this is far above a person's pace. */
  previewsPerMinute: env.PREVIEW_RATE_LIMIT_PER_MINUTE,
  /** @mention lookups a minute per address (many members may share one behind a NAT). */
  suggestionsPerMinute: env.SUGGEST_RATE_LIMIT_PER_MINUTE,
  /** Reaction toggles a minute per member: a click each, so a person never meets it; a script does. */
  reactionsPerMinute: env.REACTION_RATE_LIMIT_PER_MINUTE,
  /** Content-Security-Policy reports logged a minute per address: a page breaking the policy sends
   * one per blocked thing, and nobody reads the log faster than this anyway. */
  cspReportsPerMinute: 20,
} as const;

export type RateCheck = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RequestRate {
  take(key: string): Promise<RateCheck>;
}

export function requestRate(perMinute: number): RequestRate {
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
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

export const previewRate = requestRate(REQUEST_RATES.previewsPerMinute);
export const suggestionRate = requestRate(REQUEST_RATES.suggestionsPerMinute);
export const reactionRate = requestRate(REQUEST_RATES.reactionsPerMinute);
export const cspReportRate = requestRate(REQUEST_RATES.cspReportsPerMinute);
