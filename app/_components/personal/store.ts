// The browser's copy of GET /api/personal for the page on screen: the header, the thread page's
// tools and the lists' unread marks read it through usePersonal(). Filled by <PersonalLoader> once
// per page view; islands that change something (a reaction) update their part in place.
import { useSyncExternalStore } from "react";
import { scopeQuery, type PersonalAnswer, type PersonalScope } from "@/lib/personal/types";

let answer: PersonalAnswer | null = null;
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The answer for this page view, or null until it has arrived (and on the server). */
export function usePersonal(): PersonalAnswer | null {
  return useSyncExternalStore(
    subscribe,
    () => answer,
    () => null,
  );
}

/** Changes the answer in place after an action the page took itself. */
export function updatePersonal(change: (current: PersonalAnswer) => PersonalAnswer) {
  if (!answer) return;
  answer = change(answer);
  emit();
}

let latest = 0;
let lastScope: Partial<PersonalScope> = {};

/** Asks for the answer of the page now on screen. An older request that ends later is dropped. A
 * failure (offline, the database down) keeps what the page shows: nothing personal, nothing broken. */
export async function loadPersonal(scope: Partial<PersonalScope>): Promise<void> {
  lastScope = scope;
  const ticket = ++latest;
  // <html data-personal>: "loading", then "loaded" once this page's answer is drawn (tests wait on it).
  document.documentElement.dataset.personal = "loading";
  try {
    const response = await fetch(`/api/personal?${scopeQuery(scope)}`, {
      cache: "no-store",
      credentials: "same-origin",
    });
    if (!response.ok || ticket !== latest) return;
    const body = (await response.json()) as PersonalAnswer;
    if (ticket !== latest) return;
    answer = body;
    emit();
    document.documentElement.dataset.personal = "loaded";
  } catch {
    // Offline: the page stays as rendered for everyone.
  }
}

/** Asks again for the page on screen, after an action that changed what the answer says (Mark
 * forum read, ignoring a member). */
export function reloadPersonal(): Promise<void> {
  return loadPersonal(lastScope);
}
