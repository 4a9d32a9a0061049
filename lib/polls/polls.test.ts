// Integration: poll rules against the real Postgres: one vote per member, single and multiple
// choice, changing a vote only where the poll allows it, closed polls, and what each reader is shown.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { pollAnswers, polls, pollVotes } from "@/db/schema";
import { createThread } from "../forum/posting";
import { personalAnswer } from "../personal/answer";
import { ANONYMOUS } from "../permissions";
import { makeForum, makeMember, type Member } from "../testing/factories";
import { parsePoll, type PollFormValues, type PollInput } from "./input";
import { pollForThread } from "./read";
import { castVote, setPollClosed } from "./vote";

let forumId: number;
beforeAll(async () => {
  forumId = (await makeForum()).id;
});
afterAll(async () => {
  await db.$client.end();
});

const POLL: PollInput = {
  question: "Which tank?",
  answers: ["Leopard", "Abrams", "Challenger"],
  multipleChoice: false,
  allowVoteChange: false,
  resultsBeforeVoting: true,
  closeAfterDays: null,
};

async function pollThread(options: Partial<PollInput> = {}) {
  const author = await makeMember();
  const thread = await createThread(author, {
    forumId,
    title: "A thread with a poll",
    message: "Vote below.",
    idempotencyKey: randomUUID(),
    poll: { ...POLL, ...options },
  });
  if (!thread.ok) throw new Error(thread.error);
  const [poll] = await db.select().from(polls).where(eq(polls.threadId, thread.threadId));
  const answers = await db
    .select({ id: pollAnswers.id })
    .from(pollAnswers)
    .where(eq(pollAnswers.pollId, poll!.id))
    .orderBy(pollAnswers.position);
  return { threadId: thread.threadId, pollId: poll!.id, answers: answers.map((a) => a.id) };
}

const votesOf = async (pollId: number, member: Member) =>
  (await db.select().from(pollVotes).where(eq(pollVotes.pollId, pollId)))
    .filter((v) => v.userId === member.id)
    .map((v) => v.answerId)
    .sort();

describe("the new-thread form's poll", () => {
  const form = (values: Partial<PollFormValues>): PollFormValues => ({
    question: "A question?",
    answers: ["Yes", "No"],
    multipleChoice: false,
    allowVoteChange: false,
    resultsBeforeVoting: true,
    closeAfterDays: "",
    ...values,
  });

  it("is no poll when left empty, and refuses too few, too many or repeated answers", () => {
    expect(parsePoll(form({ question: " ", answers: ["", ""] }))).toEqual({ ok: true, poll: null });
    expect(parsePoll(form({ answers: ["Yes", ""] }))).toEqual({
      ok: false,
      error: "A poll needs at least 2 answers.",
    });
    const many = Array.from({ length: 21 }, (_, i) => `Answer ${i}`);
    expect(parsePoll(form({ answers: many }))).toEqual({
      ok: false,
      error: "A poll has at most 20 answers.",
    });
    expect(parsePoll(form({ answers: ["Yes", "yes"] }))).toMatchObject({ ok: false });
    expect(parsePoll(form({ question: "" }))).toEqual({
      ok: false,
      error: "Enter the poll's question.",
    });
    expect(parsePoll(form({ closeAfterDays: "0" }))).toMatchObject({ ok: false });
    expect(parsePoll(form({ closeAfterDays: "7", answers: ["Yes", "", "No"] }))).toMatchObject({
      ok: true,
      poll: { answers: ["Yes", "No"], closeAfterDays: 7 },
    });
  });
});

describe("voting", () => {
  it("takes one vote per member in a single-choice poll, and refuses a second or two answers", async () => {
    const p = await pollThread();
    const voter = await makeMember();
    expect(
      await castVote(voter, { pollId: p.pollId, answerIds: [p.answers[0], p.answers[1]] }),
    ).toMatchObject({ ok: false, error: "This poll takes one answer." });
    const first = await castVote(voter, { pollId: p.pollId, answerIds: [p.answers[0]] });
    expect(first).toMatchObject({ ok: true, votedFor: [p.answers[0]] });
    if (first.ok) expect(first.results).toEqual({ voters: 1, votes: { [p.answers[0]!]: 1 } });
    expect(await castVote(voter, { pollId: p.pollId, answerIds: [p.answers[1]] })).toMatchObject({
      ok: false,
      error: "You have voted in this poll already, and its votes cannot be changed.",
    });
    expect(await votesOf(p.pollId, voter)).toEqual([p.answers[0]]);
  });

  it("keeps one vote when the same member votes twice at once", async () => {
    const p = await pollThread({ allowVoteChange: true });
    const voter = await makeMember();
    await Promise.all(
      p.answers.map((id) => castVote(voter, { pollId: p.pollId, answerIds: [id] })),
    );
    expect(await votesOf(p.pollId, voter)).toHaveLength(1);
  });

  it("refuses a second row for the same answer and member in the database itself", async () => {
    const p = await pollThread();
    const voter = await makeMember();
    const row = { answerId: p.answers[0]!, userId: voter.id, pollId: p.pollId };
    await db.insert(pollVotes).values(row);
    await expect(db.insert(pollVotes).values(row)).rejects.toThrow();
  });

  it("takes several answers in a multiple-choice poll, each once, and only the poll's own", async () => {
    const p = await pollThread({ multipleChoice: true });
    const other = await pollThread();
    const voter = await makeMember();
    expect(
      await castVote(voter, { pollId: p.pollId, answerIds: [p.answers[0], p.answers[0]] }),
    ).toMatchObject({ ok: false, error: "Pick each answer once." });
    expect(
      await castVote(voter, { pollId: p.pollId, answerIds: [p.answers[0], other.answers[1]] }),
    ).toMatchObject({ ok: false, error: "Pick an answer from the poll." });
    expect(await castVote(voter, { pollId: p.pollId, answerIds: "1" })).toMatchObject({
      ok: false,
    });
    const vote = await castVote(voter, {
      pollId: p.pollId,
      answerIds: [p.answers[0], p.answers[2]],
    });
    expect(vote).toMatchObject({ ok: true });
    if (vote.ok) expect(vote.results.voters).toBe(1);
    expect(await votesOf(p.pollId, voter)).toEqual([p.answers[0], p.answers[2]].sort());
  });

  it("lets a member change their vote only where the poll allows it", async () => {
    const p = await pollThread({ allowVoteChange: true, multipleChoice: true });
    const voter = await makeMember();
    await castVote(voter, { pollId: p.pollId, answerIds: [p.answers[0], p.answers[1]] });
    const changed = await castVote(voter, { pollId: p.pollId, answerIds: [p.answers[2]] });
    expect(changed).toMatchObject({ ok: true, votedFor: [p.answers[2]] });
    expect(await votesOf(p.pollId, voter)).toEqual([p.answers[2]]);
  });

  it("refuses guests, banned members, and every vote once staff close the poll", async () => {
    const p = await pollThread();
    const [member, moderator, banned] = [
      await makeMember(),
      await makeMember({ role: "moderator" }),
      await makeMember({ banned: true }),
    ];
    expect(await castVote(ANONYMOUS, { pollId: p.pollId, answerIds: [p.answers[0]] })).toEqual({
      ok: false,
      error: "Sign in to post.",
    });
    expect(await castVote(banned, { pollId: p.pollId, answerIds: [p.answers[0]] })).toMatchObject({
      ok: false,
    });
    expect(await setPollClosed(member, { pollId: p.pollId, closed: true })).toMatchObject({
      ok: false,
      error: "Only staff can close polls.",
    });
    expect(await setPollClosed(moderator, { pollId: p.pollId, closed: true })).toEqual({
      ok: true,
      isClosed: true,
    });
    expect(await castVote(member, { pollId: p.pollId, answerIds: [p.answers[0]] })).toEqual({
      ok: false,
      error: "This poll is closed.",
    });
    expect((await pollForThread(p.threadId))?.isClosed).toBe(true);
    await setPollClosed(moderator, { pollId: p.pollId, closed: false });
    expect(await castVote(member, { pollId: p.pollId, answerIds: [p.answers[0]] })).toMatchObject({
      ok: true,
    });
  });

  it("closes by itself at its close date, and reopening clears a date already past", async () => {
    const p = await pollThread({ closeAfterDays: 3 });
    const member = await makeMember();
    expect((await pollForThread(p.threadId))?.closesAt).not.toBeNull();
    await db
      .update(polls)
      .set({ closesAt: new Date(Date.now() - 1000) })
      .where(eq(polls.id, p.pollId));
    expect(await castVote(member, { pollId: p.pollId, answerIds: [p.answers[0]] })).toEqual({
      ok: false,
      error: "This poll is closed.",
    });
    await setPollClosed(await makeMember({ role: "admin" }), { pollId: p.pollId, closed: false });
    expect((await pollForThread(p.threadId))?.isClosed).toBe(false);
  });
});

describe("what readers are shown", () => {
  it("keeps counts out of the shared page until voting, and gives them to a reader who voted", async () => {
    const p = await pollThread({ resultsBeforeVoting: false });
    const [voter, reader] = [await makeMember(), await makeMember()];
    await castVote(voter, { pollId: p.pollId, answerIds: [p.answers[1]] });
    const shared = await pollForThread(p.threadId);
    expect(shared?.voters).toBeNull();
    expect(shared?.answers.map((a) => a.votes)).toEqual([null, null, null]);

    const page = { thread: p.threadId, posts: [], threads: [] };
    const own = await personalAnswer({
      session: { uid: voter.id, sv: 0, sid: null },
      scope: page,
      isPageView: false,
    });
    expect(own.poll).toEqual({
      id: p.pollId,
      votedFor: [p.answers[1]],
      canVote: false,
      canClose: false,
      isClosed: false,
      results: { voters: 1, votes: { [p.answers[1]!]: 1 } },
    });
    const other = await personalAnswer({
      session: { uid: reader.id, sv: 0, sid: null },
      scope: page,
      isPageView: false,
    });
    expect(other.poll).toMatchObject({ votedFor: [], canVote: true, results: null });
  });

  it("shows everyone the counts of a poll whose results are public", async () => {
    const p = await pollThread();
    await castVote(await makeMember(), { pollId: p.pollId, answerIds: [p.answers[2]] });
    const shared = await pollForThread(p.threadId);
    expect(shared?.voters).toBe(1);
    expect(shared?.answers.map((a) => a.votes)).toEqual([0, 0, 1]);
  });
});
