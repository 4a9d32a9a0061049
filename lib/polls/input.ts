// A poll as the new-thread form sends it, checked before the thread is written. Pure: no server
// imports, so its types reach the form.
import { z } from "zod";
import { POLL_ANSWER, POLL_ANSWERS, POLL_DAYS, POLL_QUESTION } from "../limits/sizes";
import { singleLine } from "../validation/text";
import { textField } from "../validation/form";

export interface PollInput {
  question: string;
  answers: string[];
  multipleChoice: boolean;
  allowVoteChange: boolean;
  resultsBeforeVoting: boolean;
  /** Days until it closes by itself; null: open until staff close it. */
  closeAfterDays: number | null;
}

/** What the form sends back on a refusal, so the member's poll is kept as they typed it. */
export interface PollFormValues {
  question: string;
  answers: string[];
  multipleChoice: boolean;
  allowVoteChange: boolean;
  resultsBeforeVoting: boolean;
  closeAfterDays: string;
}

const answerSchema = singleLine(POLL_ANSWER);

const pollSchema = z.object({
  question: singleLine(POLL_QUESTION, { empty: "Enter the poll's question." }),
  answers: z
    .array(z.string())
    .transform((list) => list.map((a) => a.trim()).filter((a) => a.length > 0))
    .pipe(
      z
        .array(answerSchema)
        .min(POLL_ANSWERS.min, POLL_ANSWERS.tooFew)
        .max(POLL_ANSWERS.max, POLL_ANSWERS.tooMany),
    )
    .refine(
      (list) => new Set(list.map((a) => a.toLowerCase())).size === list.length,
      "Each answer must be different.",
    ),
  multipleChoice: z.boolean(),
  allowVoteChange: z.boolean(),
  resultsBeforeVoting: z.boolean(),
  closeAfterDays: z
    .string()
    .trim()
    .transform((text) => (text === "" ? null : Number(text)))
    .pipe(
      z
        .number("Enter a whole number of days.")
        .int("Enter a whole number of days.")
        .min(1, "A poll stays open at least 1 day.")
        .max(POLL_DAYS.max, POLL_DAYS.tooMany)
        .nullable(),
    ),
});

/** The poll fields of a form, as typed (kept on a refusal). At most a few more answer fields than
 * allowed are read, so a crafted form cannot make the server echo thousands back. */
export function pollFormValues(form: FormData): PollFormValues {
  return {
    question: textField(form, "pollQuestion") ?? "",
    answers: form
      .getAll("pollAnswer")
      .slice(0, POLL_ANSWERS.max + 5)
      .map((a) => (typeof a === "string" ? a.slice(0, POLL_ANSWER.max * 2) : "")),
    multipleChoice: textField(form, "pollMultiple") === "on",
    allowVoteChange: textField(form, "pollChangeVote") === "on",
    resultsBeforeVoting: textField(form, "pollResults") !== "after",
    closeAfterDays: textField(form, "pollCloseDays") ?? "",
  };
}

/** No poll when the question and every answer are left empty; otherwise a checked poll or the first
 * problem with it. */
export function parsePoll(
  values: PollFormValues,
): { ok: true; poll: PollInput | null } | { ok: false; error: string } {
  if (values.question.trim() === "" && values.answers.every((a) => a.trim() === ""))
    return { ok: true, poll: null };
  const parsed = pollSchema.safeParse(values);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]!.message };
  return { ok: true, poll: parsed.data };
}
