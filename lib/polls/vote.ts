// Voting, and staff closing or reopening a poll. Who may do either is lib/permissions' call; a vote
// is one row per answer picked, and the primary key (answer, member) refuses a second one.
import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { forums, pollAnswers, polls, pollVotes, threads } from "@/db/schema";
import type { Tx } from "@/db/tx";
import { forumAccessColumns } from "../forum/forum-access";
import { POLL_ANSWERS } from "../limits/sizes";
import { logModAction } from "../moderation/log-entry";
import { can, type PollTarget, type Viewer } from "../permissions";
import { postingRefusal } from "../permissions/posting";
import { ok, refuse, type Result } from "../result";
import { rowId } from "../row-id";
import { pollResults } from "./read";
import { pollIsClosed, type PollResults } from "./types";

const GONE = "This poll does not exist any more.";

const answerIdsSchema = z
  .array(rowId("Pick an answer from the poll."), "Pick an answer.")
  .min(1, "Pick an answer.")
  .max(POLL_ANSWERS.max, "Pick an answer from the poll.")
  .refine((ids) => new Set(ids).size === ids.length, "Pick each answer once.");

async function pollWithThread(tx: Tx, pollId: number) {
  const [row] = await tx
    .select({
      id: polls.id,
      multipleChoice: polls.multipleChoice,
      allowVoteChange: polls.allowVoteChange,
      closesAt: polls.closesAt,
      closedAt: polls.closedAt,
      thread: { id: threads.id, title: threads.title, isLocked: threads.isLocked },
      threadDeletedAt: threads.deletedAt,
      forum: forumAccessColumns,
    })
    .from(polls)
    .innerJoin(threads, eq(threads.id, polls.threadId))
    .innerJoin(forums, eq(forums.id, threads.forumId))
    .where(eq(polls.id, pollId));
  return row ?? null;
}

export type VoteResult = Result<{ votedFor: number[]; results: PollResults }, "answers">;

export async function castVote(
  viewer: Viewer,
  input: { pollId: number; answerIds: unknown },
): Promise<VoteResult> {
  const answerIds = answerIdsSchema.safeParse(input.answerIds);
  if (!answerIds.success) return refuse(answerIds.error.issues[0]!.message, "answers");
  if (!viewer.id || !can(viewer, "previewPost")) return refuse(postingRefusal(viewer, "post"));
  const userId = viewer.id;
  return db.transaction(async (tx) => {
    // One member's votes in one poll are decided one at a time: two tabs voting at once in a
    // single-choice poll must not leave two answers picked.
    await tx.execute(sql`select pg_advisory_xact_lock(${input.pollId}, hashtext(${userId}))`);
    const poll = await pollWithThread(tx, input.pollId);
    if (!poll || poll.threadDeletedAt !== null) return refuse(GONE);
    const previous = await tx
      .select({ answerId: pollVotes.answerId })
      .from(pollVotes)
      .where(and(eq(pollVotes.pollId, poll.id), eq(pollVotes.userId, userId)));
    const target: PollTarget = {
      isClosed: pollIsClosed(poll),
      allowVoteChange: poll.allowVoteChange,
      hasVoted: previous.length > 0,
      thread: {
        isLocked: poll.thread.isLocked,
        deletedAt: poll.threadDeletedAt,
        forum: poll.forum,
      },
    };
    if (!can(viewer, "votePoll", target)) return refuse(voteRefusal(target));
    if (!poll.multipleChoice && answerIds.data.length > 1)
      return refuse("This poll takes one answer.", "answers");
    const known = await tx
      .select({ id: pollAnswers.id })
      .from(pollAnswers)
      .where(and(eq(pollAnswers.pollId, poll.id), inArray(pollAnswers.id, answerIds.data)));
    if (known.length !== answerIds.data.length)
      return refuse("Pick an answer from the poll.", "answers");
    if (previous.length > 0)
      await tx
        .delete(pollVotes)
        .where(and(eq(pollVotes.pollId, poll.id), eq(pollVotes.userId, userId)));
    await tx
      .insert(pollVotes)
      .values(answerIds.data.map((answerId) => ({ answerId, userId, pollId: poll.id })));
    return ok({ votedFor: answerIds.data, results: await pollResults(tx, poll.id) });
  });
}

function voteRefusal(target: PollTarget): string {
  if (target.isClosed) return "This poll is closed.";
  if (target.thread.deletedAt !== null) return GONE;
  if (target.thread.isLocked) return "This thread is locked: its poll takes no votes.";
  return "You have voted in this poll already, and its votes cannot be changed.";
}

/** Staff close a poll early, or reopen it (a close date already past is cleared, or reopening would
 * change nothing). Logged like every moderator action. */
export async function setPollClosed(
  viewer: Viewer,
  input: { pollId: number; closed: boolean },
): Promise<Result<{ isClosed: boolean }>> {
  if (!viewer.id || !can(viewer, "closePoll")) return refuse("Only staff can close polls.");
  const actorId = viewer.id;
  return db.transaction(async (tx) => {
    const poll = await pollWithThread(tx, input.pollId);
    if (!poll) return refuse(GONE);
    await tx
      .update(polls)
      .set(
        input.closed
          ? { closedAt: sql`coalesce(${polls.closedAt}, now())` }
          : {
              closedAt: null,
              closesAt: sql`case when ${polls.closesAt} <= now() then null else ${polls.closesAt} end`,
            },
      )
      .where(eq(polls.id, poll.id));
    await logModAction(tx, {
      actorId,
      action: input.closed ? "thread.poll_close" : "thread.poll_reopen",
      targetType: "thread",
      targetId: poll.thread.id,
      targetLabel: poll.thread.title,
    });
    return ok({ isClosed: input.closed });
  });
}
