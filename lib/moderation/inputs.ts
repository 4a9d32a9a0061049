// What the thread and post tools accept, parsed with zod in one place: the server actions and the
// library functions (which never trust their callers) use the same schemas and messages.
import { z } from "zod";
import { ROW_ID_MAX as INT_MAX, rowId as id } from "../row-id";
import { BULK_POSTS_MAX, BULK_POSTS_TOO_MANY, REASON } from "../limits/sizes";
import { plainText } from "../validation/text";

/** Optional everywhere: missing, null or blank means no reason. Trimmed; at most REASON.max long. */
export const reasonSchema = plainText("multi", "Reasons are text.")
  .nullish()
  .transform((reason) => (reason ?? "").trim())
  .pipe(z.string().max(REASON.max, REASON.tooLong))
  .transform((reason) => reason || null);

export const threadIdSchema = id("This thread does not exist any more.");
export const forumIdSchema = id("This forum does not exist.");
export const postIdsSchema = z
  .array(id("Some of those posts do not exist any more."), "Choose posts first.")
  .min(1, "Choose posts first.")
  .max(BULK_POSTS_MAX, BULK_POSTS_TOO_MANY)
  .transform((ids) => [...new Set(ids)]);

const THREAD_REF_MESSAGE =
  "Enter the other thread's number or its address (for example /threads/123-its-title).";

/** Another thread, as a moderator types it: its number ("123"), its path ("/threads/123-title") or
 * its full address, with or without a page or post anchor. */
export const threadRefSchema = z
  .union([z.string(THREAD_REF_MESSAGE), z.number(THREAD_REF_MESSAGE)], THREAD_REF_MESSAGE)
  .transform((value, ctx) => {
    const text = String(value).trim();
    const match =
      /^#?(\d{1,10})$/.exec(text) ?? /(?:^|\/)threads\/(\d{1,10})(?:[-/?#]|$)/.exec(text);
    const parsed = match ? Number(match[1]) : NaN;
    if (!Number.isSafeInteger(parsed) || parsed < 1 || parsed > INT_MAX) {
      ctx.addIssue({ code: "custom", message: THREAD_REF_MESSAGE });
      return z.NEVER;
    }
    return parsed;
  });

/** The first problem zod found, as the message for the form. */
export function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? "That request was not understood.";
}
