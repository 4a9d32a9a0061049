// What members post: titles and messages (their sizes are lib/limits/sizes.ts's), and how often.
import { z } from "zod";
import { env } from "../env";
import { MESSAGE, TITLE } from "../limits/sizes";
import { plainText, singleLine } from "../validation/text";

export const POSTING = {
  /** Posts one member may make in a minute (POST_RATE_LIMIT_PER_MINUTE; raised for benchmarks). */
  get perMinute() {
    return env.POST_RATE_LIMIT_PER_MINUTE;
  },
};

export const titleSchema = singleLine(TITLE);

// Leading spaces stay: they may indent the first line of code or a list.
export const messageSchema = plainText("multi")
  .transform((m) => m.replace(/\s+$/u, ""))
  .pipe(
    z
      .string()
      .refine((m) => m.trim().length > 0, "Please enter a message.")
      .refine((m) => m.length <= MESSAGE.max, MESSAGE.tooLong),
  );

export const idempotencyKeySchema = z.uuid(
  "This form is out of date: reload the page and try again.",
);
