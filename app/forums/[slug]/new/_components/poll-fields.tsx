"use client";

import { useState } from "react";
import { controlClass } from "@/app/_components/form-controls";
import { Field } from "@/app/_components/form";
import { POLL_ANSWER, POLL_ANSWERS, POLL_DAYS, POLL_QUESTION } from "@/lib/limits/sizes";
import type { PollFormValues } from "@/lib/polls/input";

const EMPTY: PollFormValues = {
  question: "",
  answers: ["", ""],
  multipleChoice: false,
  allowVoteChange: false,
  resultsBeforeVoting: true,
  closeAfterDays: "",
};

/** The new-thread form's optional poll: left empty, the thread has none. */
export function PollFields({ values, error }: { values?: PollFormValues; error?: string }) {
  const start = values ?? EMPTY;
  const [answers, setAnswers] = useState(() =>
    start.answers.length >= POLL_ANSWERS.min ? start.answers : EMPTY.answers,
  );
  const hasPoll = start.question !== "" || start.answers.some((a) => a !== "");
  const check = "h-4 w-4 rounded border-slate-300";
  return (
    <details open={hasPoll || undefined} className="rounded border border-slate-300 p-3">
      <summary className="cursor-pointer font-semibold">Add a poll</summary>
      <fieldset className="mt-3 space-y-3">
        <legend className="sr-only">Poll</legend>
        {error && (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        )}
        <Field
          label="Poll question"
          name="pollQuestion"
          defaultValue={start.question}
          maxLength={POLL_QUESTION.max}
        />
        <ol className="space-y-2">
          {answers.map((answer, i) => (
            <li key={i}>
              <label
                htmlFor={`poll-answer-${i}`}
                className="block text-sm font-semibold text-slate-800"
              >
                Answer {i + 1}
              </label>
              <input
                id={`poll-answer-${i}`}
                name="pollAnswer"
                defaultValue={answer}
                maxLength={POLL_ANSWER.max}
                className={controlClass}
              />
            </li>
          ))}
        </ol>
        {answers.length < POLL_ANSWERS.max && (
          <button
            type="button"
            className="rounded border border-slate-300 bg-surface px-3 py-1 text-sm"
            onClick={() => setAnswers((list) => [...list, ""])}
          >
            Add another answer
          </button>
        )}
        <div className="space-y-1 text-sm">
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              name="pollMultiple"
              defaultChecked={start.multipleChoice}
              className={check}
            />
            Members may pick more than one answer
          </label>
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              name="pollChangeVote"
              defaultChecked={start.allowVoteChange}
              className={check}
            />
            Members may change their vote
          </label>
        </div>
        <fieldset className="space-y-1 text-sm">
          <legend className="font-semibold text-slate-800">Results</legend>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="pollResults"
              value="always"
              defaultChecked={start.resultsBeforeVoting}
            />
            Everyone sees the results
          </label>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="pollResults"
              value="after"
              defaultChecked={!start.resultsBeforeVoting}
            />
            Members see the results once they have voted
          </label>
        </fieldset>
        <Field
          label="Close the poll after (days)"
          name="pollCloseDays"
          type="number"
          min={1}
          max={POLL_DAYS.max}
          defaultValue={start.closeAfterDays}
          hint="Leave empty to keep it open until staff close it."
          className={`${controlClass} max-w-32`}
        />
      </fieldset>
    </details>
  );
}
