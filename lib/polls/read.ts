// Reading polls: the part every reader sees (for the thread page rendered once for everyone) and
// the exact counts, straight from the votes.
import "server-only";
import { asc, countDistinct, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { pollAnswers, polls, pollVotes } from "@/db/schema";
import type { DbOrTx } from "@/db/tx";
import { pollIsClosed, type PollResults, type PollView } from "./types";

/** Votes per answer and how many members voted. */
export async function pollResults(database: DbOrTx, pollId: number): Promise<PollResults> {
  const [perAnswer, [voters]] = await Promise.all([
    database
      .select({ answerId: pollVotes.answerId, n: sql<number>`count(*)::int` })
      .from(pollVotes)
      .where(eq(pollVotes.pollId, pollId))
      .groupBy(pollVotes.answerId),
    database
      .select({ n: countDistinct(pollVotes.userId) })
      .from(pollVotes)
      .where(eq(pollVotes.pollId, pollId)),
  ]);
  return {
    voters: voters?.n ?? 0,
    votes: Object.fromEntries(perAnswer.map((row) => [row.answerId, row.n])),
  };
}

/** A thread's poll as everyone sees it; null when it has none. The counts are left out while the
 * poll shows results only to those who voted (the personal answer gives them theirs). */
export async function pollForThread(threadId: number): Promise<PollView | null> {
  const [poll] = await db.select().from(polls).where(eq(polls.threadId, threadId)).limit(1);
  if (!poll) return null;
  const isClosed = pollIsClosed(poll);
  const showsResults = poll.resultsBeforeVoting || isClosed;
  const [answers, results] = await Promise.all([
    db
      .select({ id: pollAnswers.id, text: pollAnswers.text })
      .from(pollAnswers)
      .where(eq(pollAnswers.pollId, poll.id))
      .orderBy(asc(pollAnswers.position)),
    showsResults ? pollResults(db, poll.id) : null,
  ]);
  return {
    id: poll.id,
    question: poll.question,
    multipleChoice: poll.multipleChoice,
    allowVoteChange: poll.allowVoteChange,
    resultsBeforeVoting: poll.resultsBeforeVoting,
    closesAt: poll.closesAt?.toISOString() ?? null,
    isClosed,
    voters: results?.voters ?? null,
    answers: answers.map((a) => ({
      id: a.id,
      text: a.text,
      votes: results ? (results.votes[a.id] ?? 0) : null,
    })),
  };
}
