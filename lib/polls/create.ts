// A poll is written with its thread, in the thread's transaction (lib/forum/posting.ts createThread).
import "server-only";
import { sql } from "drizzle-orm";
import { pollAnswers, polls } from "@/db/schema";
import type { Tx } from "@/db/tx";
import type { PollInput } from "./input";

export async function insertPoll(tx: Tx, threadId: number, input: PollInput): Promise<number> {
  const [poll] = await tx
    .insert(polls)
    .values({
      threadId,
      question: input.question,
      multipleChoice: input.multipleChoice,
      allowVoteChange: input.allowVoteChange,
      resultsBeforeVoting: input.resultsBeforeVoting,
      closesAt:
        input.closeAfterDays === null
          ? null
          : sql`now() + make_interval(days => ${input.closeAfterDays})`,
    })
    .returning({ id: polls.id });
  await tx
    .insert(pollAnswers)
    .values(input.answers.map((text, i) => ({ pollId: poll!.id, position: i + 1, text })));
  return poll!.id;
}
