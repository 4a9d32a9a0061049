// The reader's side of a thread's poll, for the personal answer (lib/personal/answer.ts): whether
// they voted and for what, whether they may vote or close it, and the results when the page rendered
// for everyone leaves them out but this reader may see them.
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { polls, pollVotes } from "@/db/schema";
import { can, type ThreadTarget, type Viewer } from "../permissions";
import { pollResults } from "./read";
import { pollIsClosed, type PersonalPoll } from "./types";

export interface PollRow {
  id: number;
  allowVoteChange: boolean;
  resultsBeforeVoting: boolean;
  closesAt: string | null;
  closedAt: string | null;
  votedFor: number[];
}

/** One subquery of the personal answer's statement: the thread's poll and the reader's votes as
 * JSON, or null when the thread has no poll. */
export function pollRowSql(viewerId: string, threadId: number): SQL {
  return sql`(select json_build_object('id', p.id, 'allowVoteChange', p.allow_vote_change,
      'resultsBeforeVoting', p.results_before_voting, 'closesAt', p.closes_at, 'closedAt', p.closed_at,
      'votedFor', coalesce((select json_agg(v.answer_id order by v.answer_id) from ${pollVotes} v
        where v.poll_id = p.id and v.user_id = ${viewerId}), '[]'::json))
    from ${polls} p where p.thread_id = ${threadId})`;
}

const dateOf = (text: string | null) => (text === null ? null : new Date(text));

export async function personalPoll(
  viewer: Viewer,
  row: PollRow,
  thread: ThreadTarget,
): Promise<PersonalPoll> {
  const isClosed = pollIsClosed({ closedAt: dateOf(row.closedAt), closesAt: dateOf(row.closesAt) });
  const hasVoted = row.votedFor.length > 0;
  const canClose = can(viewer, "closePoll");
  // The page rendered for everyone leaves the counts out of such a poll (or, closed since, may).
  const sharedMayLack = !row.resultsBeforeVoting;
  return {
    id: row.id,
    votedFor: row.votedFor,
    canVote: can(viewer, "votePoll", {
      isClosed,
      allowVoteChange: row.allowVoteChange,
      hasVoted,
      thread,
    }),
    canClose,
    isClosed,
    results:
      sharedMayLack && (hasVoted || canClose || isClosed) ? await pollResults(db, row.id) : null,
  };
}
