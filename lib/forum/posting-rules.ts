// Limits on what members post, in one place (the rate limit can be raised for benchmarks).
import { z } from "zod";

export const POSTING = {
  titleMin: 3,
  titleMax: 150,
  messageMax: 50_000,
  /** Posts one member may make in a minute. */
  perMinute: Number(process.env.POST_RATE_LIMIT_PER_MINUTE ?? 10),
} as const;

export const titleSchema = z
  .string()
  .transform((t) => t.replace(/\s+/g, " ").trim())
  .pipe(
    z
      .string()
      .min(POSTING.titleMin, `Titles are at least ${POSTING.titleMin} characters long.`)
      .max(POSTING.titleMax, `Titles are at most ${POSTING.titleMax} characters long.`),
  );

export const messageSchema = z
  .string()
  .transform((m) => m.replace(/\r\n?/g, "\n").replace(/\s+$/u, ""))
  .pipe(
    z
      .string()
      .refine((m) => m.trim().length > 0, "Please enter a message.")
      .refine(
        (m) => m.length <= POSTING.messageMax,
        `Messages are at most ${POSTING.messageMax.toLocaleString("en-US")} characters long.`,
      ),
  );

export const idempotencyKeySchema = z.uuid(
  "This form is out of date: reload the page and try again.",
);
