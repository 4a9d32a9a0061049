"use client";

import { useState } from "react";
import { updatePersonal, usePersonal } from "@/app/_components/personal/store";
import { formatDateTime } from "@/lib/format";
import type { PersonalPoll, PollResults, PollView } from "@/lib/polls/types";
import { sendJson } from "../send-json";
import { PollResultList } from "./poll-results";

const button =
  "cursor-pointer rounded border border-slate-300 bg-surface px-3 py-1 text-sm font-semibold text-slate-800 hover:bg-slate-50 disabled:opacity-60";

/** The counts the page was rendered with, when it shows them to everyone. */
function sharedResults(poll: PollView): PollResults | null {
  if (poll.voters === null) return null;
  return {
    voters: poll.voters,
    votes: Object.fromEntries(poll.answers.map((a) => [a.id, a.votes ?? 0])),
  };
}

/** A thread's poll. The question, answers and public counts come with the page rendered for
 * everyone; whether this reader voted, may vote or may close it comes from the personal answer. */
export function PollBox({ poll }: { poll: PollView }) {
  const answer = usePersonal();
  const mine: PersonalPoll | null = answer?.poll?.id === poll.id ? answer.poll : null;
  const [changing, setChanging] = useState(false);
  const [peeking, setPeeking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const isClosed = mine?.isClosed ?? poll.isClosed;
  const votedFor = mine?.votedFor ?? [];
  const results = mine?.results ?? sharedResults(poll);
  const voting = mine?.canVote === true && (votedFor.length === 0 || changing) && !peeking;

  async function vote(form: FormData) {
    const answers = form.getAll("answer").map(Number);
    setBusy(true);
    const sent = await sendJson<{ votedFor: number[]; results: PollResults }>(
      `/api/polls/${poll.id}/votes`,
      { answers },
    );
    setBusy(false);
    if (!sent.ok) return setError(sent.error);
    setError(null);
    setChanging(false);
    updatePersonal((current) => ({
      ...current,
      poll: current.poll && {
        ...current.poll,
        votedFor: sent.votedFor,
        results: sent.results,
        canVote: poll.allowVoteChange,
      },
    }));
  }

  async function setClosed(closed: boolean) {
    setBusy(true);
    const sent = await sendJson<{ isClosed: boolean }>(`/api/polls/${poll.id}/state`, { closed });
    setBusy(false);
    if (!sent.ok) return setError(sent.error);
    setError(null);
    updatePersonal((current) => ({
      ...current,
      poll: current.poll && {
        ...current.poll,
        isClosed: sent.isClosed,
        canVote: !sent.isClosed && (current.poll.votedFor.length === 0 || poll.allowVoteChange),
      },
    }));
  }

  return (
    <section
      aria-labelledby={`poll-${poll.id}`}
      className="my-3 rounded-lg border border-slate-300 bg-surface p-4 shadow-sm"
    >
      <h2 id={`poll-${poll.id}`} className="text-lg font-bold break-words">
        <span className="sr-only">Poll: </span>
        {poll.question}
      </h2>
      <p className="mb-3 text-sm text-slate-600">
        {isClosed
          ? "This poll is closed."
          : poll.closesAt
            ? `Closes ${formatDateTime(new Date(poll.closesAt))}.`
            : "Open."}{" "}
        {poll.multipleChoice ? "Pick as many answers as you like." : "Pick one answer."}
        {results &&
          ` ${results.voters} ${results.voters === 1 ? "member has" : "members have"} voted.`}
      </p>
      {error && (
        <p role="alert" className="mb-2 text-sm text-red-700">
          {error}
        </p>
      )}
      {voting ? (
        <form action={vote} className="space-y-2">
          <fieldset className="space-y-1">
            <legend className="sr-only">{poll.question}</legend>
            {poll.answers.map((a) => (
              <label key={a.id} className="flex items-center gap-2">
                <input
                  type={poll.multipleChoice ? "checkbox" : "radio"}
                  name="answer"
                  value={a.id}
                  defaultChecked={votedFor.includes(a.id)}
                  required={!poll.multipleChoice}
                />
                {a.text}
              </label>
            ))}
          </fieldset>
          <div className="flex flex-wrap gap-2">
            <button type="submit" disabled={busy} className={button}>
              {votedFor.length > 0 ? "Change vote" : "Vote"}
            </button>
            {results && (
              <button type="button" className={button} onClick={() => setPeeking(true)}>
                View results
              </button>
            )}
          </div>
          {!results && (
            <p className="text-sm text-slate-700">Results are shown once you have voted.</p>
          )}
        </form>
      ) : results ? (
        <PollResultList answers={poll.answers} results={results} votedFor={votedFor} />
      ) : (
        <p className="text-sm text-slate-700">
          {answer?.viewer
            ? "Results are shown once you have voted."
            : "Results are shown to members once they have voted."}
        </p>
      )}
      {answer !== null && answer.viewer === null && !isClosed && (
        <p className="mt-2 text-sm text-slate-700">
          <a href="/login">Sign in</a> to vote.
        </p>
      )}
      <div className="mt-3 flex flex-wrap gap-2">
        {peeking && (
          <button type="button" className={button} onClick={() => setPeeking(false)}>
            Back to voting
          </button>
        )}
        {!voting && mine?.canVote && votedFor.length > 0 && (
          <button type="button" className={button} onClick={() => setChanging(true)}>
            Change your vote
          </button>
        )}
        {mine?.canClose && (
          <button
            type="button"
            disabled={busy}
            className={button}
            onClick={() => void setClosed(!isClosed)}
          >
            {isClosed ? "Reopen poll" : "Close poll"}
          </button>
        )}
      </div>
    </section>
  );
}
