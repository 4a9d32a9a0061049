// Which zone the page's dates are shown in: the member's own (from the personal answer), else the
// browser's. A guest's is known at once; a member's waits for their answer, so a member whose zone
// differs from the device's sees one change, not two. Also a clock that ticks each half minute, so
// "3 minutes ago" stays true on a page left open.
import { useSyncExternalStore } from "react";
import { usePersonal } from "../personal/store";

const noSubscription = () => () => {};

export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Null on the server and during hydration: the server's text stays until the first redraw. */
export function useReaderZone(): string | null {
  const answer = usePersonal();
  const memberHint = useSyncExternalStore(
    noSubscription,
    () => document.documentElement.hasAttribute("data-member"),
    () => null,
  );
  if (memberHint === null) return null;
  if (answer) return answer.viewer?.timeZone ?? browserZone();
  return memberHint ? null : browserZone();
}

const TICK_MS = 30_000;
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void) {
  if (listeners.size === 0) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) clearInterval(timer);
  };
}

/** Milliseconds since the epoch, as of the last tick; null on the server. */
export function useNow(): number | null {
  return useSyncExternalStore(
    subscribe,
    () => now,
    () => null,
  );
}
