// A page request is not always a person reading it: Next's router fetches pages ahead of a click
// (`<Link>` prefetching), and browsers prefetch or prerender on hints. Those requests must not mark
// posts read, or a thread would turn read just by being listed next to the pointer.

/** Headers that say "fetched ahead, maybe never shown": Next's router prefetches (whole page or one
 * segment), and the standard and legacy browser prefetch/prerender hints. */
const PREFETCH_SIGNS: readonly (readonly [header: string, test: (value: string) => boolean])[] = [
  ["next-router-prefetch", () => true],
  ["next-router-segment-prefetch", () => true],
  ["sec-purpose", (v) => /prefetch|prerender/i.test(v)],
  ["purpose", (v) => /prefetch|prerender/i.test(v)],
  ["x-purpose", (v) => /preview|prefetch/i.test(v)],
  ["x-moz", (v) => /prefetch/i.test(v)],
];

export function isPrefetchRequest(headers: { get(name: string): string | null }): boolean {
  return PREFETCH_SIGNS.some(([name, test]) => {
    const value = headers.get(name);
    return value !== null && test(value);
  });
}
