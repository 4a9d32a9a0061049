import type { PersonalScope as Scope } from "@/lib/personal/types";

export const SCOPE_ELEMENT_ID = "personal-scope";

/** What this page shows, for the personal answer: the thread and its posts, or a list's threads.
 * Written into the page as inert JSON, read by <PersonalLoader> after each navigation. */
export function PersonalScope(scope: Partial<Scope>) {
  return (
    <script
      id={SCOPE_ELEMENT_ID}
      type="application/json"
      dangerouslySetInnerHTML={{ __html: JSON.stringify(scope).replace(/</g, "\\u003c") }}
    />
  );
}

/** The scope of the page on screen, in the browser (empty on pages without one). */
export function readPageScope(): Partial<Scope> {
  const text = document.getElementById(SCOPE_ELEMENT_ID)?.textContent;
  if (!text) return {};
  try {
    return JSON.parse(text) as Partial<Scope>;
  } catch {
    return {};
  }
}
