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
    </nav>
  );
}
