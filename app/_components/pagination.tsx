import Link from "next/link";

/** Page links like XenForo's: first, a window around the current page, last. */
export function Pagination({
  page,
  pageCount,
  hrefFor,
}: {
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
}) {
  if (pageCount <= 1) return null;
  const pages = new Set([1, pageCount]);
  for (let p = Math.max(1, page - 2); p <= Math.min(pageCount, page + 2); p++) pages.add(p);
  const sorted = [...pages].sort((a, b) => a - b);
  const box = "inline-block min-w-9 rounded border px-2 py-1 text-center";
  // Separate colour sets: with both bg-surface and bg-brand-600 on one element the stylesheet's order
  // decides, and the current page came out white on white.
  const link = `${box} border-slate-300 bg-surface`;
  return (
    <nav aria-label="Pages" className="my-3 flex flex-wrap items-center gap-1 text-sm">
      {page > 1 && (
        <Link href={hrefFor(page - 1)} className={link} rel="prev">
          Prev
        </Link>
      )}
      {sorted.map((p, i) => (
        <span key={p} className="contents">
          {i > 0 && p - sorted[i - 1]! > 1 && <span aria-hidden="true">…</span>}
          {p === page ? (
            <span
              aria-current="page"
              className={`${box} border-brand-600 bg-brand-600 font-semibold text-white`}
            >
              {p}
            </span>
          ) : (
            <Link href={hrefFor(p)} className={link} aria-label={`Page ${p}`}>
              {p}
            </Link>
          )}
        </span>
      ))}
      {page < pageCount && (
        <Link href={hrefFor(page + 1)} className={link} rel="next">
          Next
        </Link>
      )}
      <span className="ml-2 text-slate-500">
        Page {page} of {pageCount}
      </span>
      {sorted.length < pageCount && <JumpToPage hrefFor={hrefFor} pageCount={pageCount} />}
    </nav>
  );
}

/** "Go to page", when some pages have no link of their own: a plain GET form (no script needed)
 * to the list's own address with its other parameters kept, for lists paged by `?page=`. */
function JumpToPage({
  hrefFor,
  pageCount,
}: {
  hrefFor: (page: number) => string;
  pageCount: number;
}) {
  const target = new URL(hrefFor(2), "http://parley.invalid");
  if (target.searchParams.get("page") !== "2") return null;
  target.searchParams.delete("page");
  return (
    <form action={target.pathname} method="get" className="ml-2 flex items-center gap-1">
      {[...target.searchParams].map(([name, value], i) => (
        <input key={`${name}-${i}`} type="hidden" name={name} value={value} />
      ))}
      <label className="flex items-center gap-1 text-slate-600">
        Go to page
        <input
          type="number"
          name="page"
          min={1}
          max={pageCount}
          required
          className="w-16 rounded border border-slate-300 bg-surface px-2 py-1"
        />
      </label>
      <button type="submit" className="rounded border border-slate-300 bg-surface px-2 py-1">
        Go
      </button>
    </form>
  );
}
