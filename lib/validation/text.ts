// Text as members type it, made safe for Postgres before any rule looks at it. Postgres refuses NUL
// in text outright (error 22021, a 500), and no other control character belongs in what a person
// writes: pasted from a terminal or a word processor they are invisible, so they are dropped rather
// than refused with a message about something the member cannot see. Lone UTF-16 surrogates (which
// only a crafted request can send) are dropped too: the driver would store them as U+FFFD.
// Every schema that takes text starts from `plainText`, `singleLine` or `multiLine`.
import { z } from "zod";
import type { TextLimit } from "../limits/sizes";

export type Lines = "single" | "multi";

/** C0 and C1 controls and DEL, except tab, line feed and carriage return (handled per kind). */
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
/** With the u flag a surrogate class matches only surrogates that are not part of a pair. */
const LONE_SURROGATES = /[\uD800-\uDFFF]/gu;
const LINE_BREAKS = /\r\n?/g;

/** `text` without control characters or lone surrogates. A single line turns tabs and line breaks
 * into spaces (words on two pasted lines stay two words); many lines keep tabs and use "\n". */
export function cleanText(text: string, lines: Lines): string {
  const safe = text.replace(LONE_SURROGATES, "").replace(CONTROLS, "");
  return lines === "single" ? safe.replace(/[\t\n\r]/g, " ") : safe.replace(LINE_BREAKS, "\n");
}

/** A string, cleaned (see cleanText); `message` answers anything that is not a string. */
export const plainText = (lines: Lines, message?: string) =>
  z.string(message).transform((text) => cleanText(text, lines));

/** Characters as Postgres counts them (code points), not UTF-16 units. */
export const characterCount = (text: string) => [...text].length;

interface TextOptions {
  /** For anything that is not a string (a file in a crafted form). */
  message?: string;
  /** For an empty required field, instead of the limit's "at least N characters". */
  empty?: string;
}

function within(limit: TextLimit, options: TextOptions) {
  return z
    .string()
    .refine((text) => limit.min === 0 || text.length > 0, options.empty ?? limit.tooShort)
    .refine((text) => text.length === 0 || characterCount(text) >= limit.min, limit.tooShort)
    .refine((text) => characterCount(text) <= limit.max, limit.tooLong);
}

/** One line (a title, a name, a search): NFC, spaces collapsed, trimmed, within `limit`. */
export const singleLine = (limit: TextLimit, options: TextOptions = {}) =>
  plainText("single", options.message)
    .transform((text) => text.normalize("NFC").replace(/\s+/g, " ").trim())
    .pipe(within(limit, options));

/** Several lines (a reason, a signature): NFC, "\n" line breaks, trimmed, within `limit`. */
export const multiLine = (limit: TextLimit, options: TextOptions = {}) =>
  plainText("multi", options.message)
    .transform((text) => text.normalize("NFC").trim())
    .pipe(within(limit, options));
