import type { PollAnswerView, PollResults } from "@/lib/polls/types";

const percent = (votes: number, voters: number) =>
  voters === 0 ? 0 : Math.round((votes / voters) * 100);

/** The results as bars, each with its count and percentage in words: the bar only repeats them. */
export function PollResultList({
  answers,
  results,
  votedFor,
}: {
  answers: PollAnswerView[];
  results: PollResults;
  votedFor: number[];
}) {
  return (
    <ul className="space-y-2" aria-label="Results">
      {answers.map((answer) => {
        const votes = results.votes[answer.id] ?? 0;
        const share = percent(votes, results.voters);
        const mine = votedFor.includes(answer.id);
        return (
          <li key={answer.id}>
            <div className="flex flex-wrap justify-between gap-x-3 text-sm">
              <span className={mine ? "font-semibold" : undefined}>
                {answer.text}
                {mine && <span className="ml-1 text-link">(your vote)</span>}
              </span>
              <span className="text-slate-700">
                {votes} {votes === 1 ? "vote" : "votes"} ({share}%)
              </span>
            </div>
            <div aria-hidden="true" className="mt-1 h-2.5 rounded bg-slate-200">
              <div
                className="h-2.5 rounded bg-brand-600"
                style={{ width: `${share}%` }}
                data-share={share}
              />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
