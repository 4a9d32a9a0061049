// For the list rows that <IgnoredRows> hides: apart from it, as ./list-marks.tsx is a client module,
// whose exports a server component may render but not call.
/** A list row's `data-authors` for <IgnoredRowsIsland>: the members it is by or involves (those
 * without an account, such as imported authors, cannot be ignored), or no attribute at all. */
export function rowAuthors(...ids: (string | null)[]): string | undefined {
  const named = ids.filter((id): id is string => id !== null);
  return named.length > 0 ? named.join(" ") : undefined;
}
