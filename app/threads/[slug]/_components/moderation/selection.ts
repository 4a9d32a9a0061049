// The posts a moderator has ticked on a thread, shared by each post's checkbox and the bulk bar.
// Kept per thread in memory (client navigation between the thread's pages keeps it).
import { useSyncExternalStore } from "react";

const selections = new Map<number, ReadonlySet<number>>();
const listeners = new Set<() => void>();
const EMPTY: ReadonlySet<number> = new Set();

function emit() {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getSelection(threadId: number): ReadonlySet<number> {
  return selections.get(threadId) ?? EMPTY;
}

export function setSelected(threadId: number, postId: number, selected: boolean) {
  const next = new Set(getSelection(threadId));
  if (selected) next.add(postId);
  else next.delete(postId);
  selections.set(threadId, next);
  emit();
}

export function clearSelection(threadId: number) {
  selections.delete(threadId);
  emit();
}

export function useSelection(threadId: number): ReadonlySet<number> {
  return useSyncExternalStore(
    subscribe,
    () => getSelection(threadId),
    () => EMPTY,
  );
}
