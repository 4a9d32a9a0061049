"use client";

// Whether React runs the page yet. Buttons whose click only React can answer (opening a form or a
// dialog) are disabled until it does: in the server's HTML, and while a slow phone hydrates (seconds),
// a click on them would be lost without a sign; disabled, the reader sees they are not ready yet.
import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/** False in the server's HTML and during hydration, true from then on. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
