import Link from "next/link";

/** Shown instead of rows when the page number is past the last page (an old link, a typed URL). */
export function PastTheEnd({
  page,
  pageCount,
  lastPageHref,
}: {
  page: number;
  pageCount: number;
  lastPageHref: string;
}) {
  return (
    <p className="rounded-lg border border-slate-300 bg-surface p-4 text-slate-700 shadow-sm">
      There is no page {page} here: this list has {pageCount} {pageCount === 1 ? "page" : "pages"}.{" "}
      <Link href={lastPageHref}>Go to the last page</Link>
    </p>
  );
}
