// Posts announced live (GET /api/live) for the thread page on screen and not on it yet: the page's
// "N new replies" notice reads them. Cleared on every navigation.
import { useSyncExternalStore } from "react";

const NONE: readonly number[] = [];
let current: { thread: number | null; posts: readonly number[] } = { thread: null, posts: NONE };
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function followThread(thread: number | null) {
  current = { thread, posts: NONE };
  emit();
}

export function announcePost(thread: number, post: number) {
  if (thread !== current.thread || current.posts.includes(post)) return;
  current = { thread, posts: [...current.posts, post] };
  emit();
}

/** The posts announced for this thread since the page loaded, oldest first. */
export function useNewPosts(thread: number): readonly number[] {
  return useSyncExternalStore(
    subscribe,
    () => (current.thread === thread ? current.posts : NONE),
    () => NONE,
  );
}
