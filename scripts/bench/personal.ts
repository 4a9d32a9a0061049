// The personal JSON of a page, as the browser asks for it: <PersonalLoader> reads the scope the page
// embeds (app/_components/personal/personal-scope.tsx) and fetches `/api/personal?${scopeQuery(scope)}`
// once per page view. The bench reads each page once at setup and builds the same address with the
// app's own scopeQuery.
import { SCOPE_ELEMENT_ID } from "../../app/_components/personal/personal-scope";
import { scopeQuery, type PersonalScope } from "../../lib/personal/types";

const SCOPE_SCRIPT = new RegExp(
  `<script\\b[^>]*\\bid="${SCOPE_ELEMENT_ID}"[^>]*>([\\s\\S]*?)</script>`,
);

/** The scope a page's HTML embeds; {} when it embeds none (the home page, a profile), as the
 * browser's pageScope() has it. */
export function embeddedScope(html: string): Partial<PersonalScope> {
  const text = SCOPE_SCRIPT.exec(html)?.[1];
  if (!text) return {};
  return JSON.parse(text) as Partial<PersonalScope>;
}

export function personalPath(scope: Partial<PersonalScope>): string {
  return `/api/personal?${scopeQuery(scope)}`;
}

/** The personal JSON address of each page that answers 200 (a redirect is no page view: nothing
 * asks for a personal answer), read with a member's cookies. */
export async function personalPaths(
  base: string,
  paths: string[],
  cookie: string,
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const path of paths) {
    const response = await fetch(base + path, { headers: { cookie }, redirect: "manual" });
    const html = await response.text();
    if (response.status === 200) found.set(path, personalPath(embeddedScope(html)));
  }
  return found;
}

/** The answer must be a member's: a guest's answer means the session cookie was not read. */
export function personalProblem(_status: number, body: string): string | null {
  if (!body.startsWith('{"viewer":null')) return null;
  return "the personal answer saw no signed-in member (a guest's answer)";
}
