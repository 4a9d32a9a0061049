// A tool that gives the thread a new address (rename) ends on a page whose React tree may be new, and
// the answer with it: it is carried across here, in memory and for a few seconds only, so it cannot
// turn up on a later visit (a full page load starts empty, as the server rendered it).
import type { ModState } from "./state";

const CARRY_MS = 10_000;
const answers = new Map<number, ModState>();

export function carryAnswer(threadId: number, answer: ModState): void {
  answers.set(threadId, answer);
  setTimeout(() => {
    if (answers.get(threadId) === answer) answers.delete(threadId);
  }, CARRY_MS);
}

export function carriedAnswer(threadId: number): ModState | null {
  return answers.get(threadId) ?? null;
}

export function forgetCarriedAnswer(threadId: number): void {
  answers.delete(threadId);
}
