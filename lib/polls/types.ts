// A poll as pages and the personal answer show it. Pure types, shared by the server and the browser.

export interface PollAnswerView {
  id: number;
  text: string;
  /** Null when the results are not shown to everyone (yet). */
  votes: number | null;
}

/** The part of a poll that is the same for every reader: in the thread page rendered once for all. */
export interface PollView {
  id: number;
  question: string;
  multipleChoice: boolean;
  allowVoteChange: boolean;
  resultsBeforeVoting: boolean;
  /** ISO time it closes (or closed) by itself. */
  closesAt: string | null;
  isClosed: boolean;
  /** Members who voted; null with the answers' votes when results wait for a vote. */
  voters: number | null;
  answers: PollAnswerView[];
}

export interface PollResults {
  voters: number;
  /** answer id → votes. */
  votes: Record<number, number>;
}

/** The reader's side of a poll, in the personal answer. */
export interface PersonalPoll {
  id: number;
  /** Answer ids this reader voted for (empty: not voted). */
  votedFor: number[];
  canVote: boolean;
  canClose: boolean;
  isClosed: boolean;
  /** The results, for a reader who may see them though the page does not show them to everyone. */
  results: PollResults | null;
}

/** Closed by staff or past its close date. */
export function pollIsClosed(
  poll: { closedAt: Date | null; closesAt: Date | null },
  now = new Date(),
): boolean {
  return poll.closedAt !== null || (poll.closesAt !== null && poll.closesAt <= now);
}
