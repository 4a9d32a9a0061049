import Link from "next/link";
import { MEMBER_SORTS, memberListUrl, type MemberSort } from "@/lib/members/member-list";

/** Sort links: plain links, so they work with the keyboard and without JavaScript. */
export function SortNav({ current }: { current: MemberSort }) {
  return (
    <nav aria-label="Sort members by" className="flex flex-wrap items-center gap-2 text-sm">
      <span aria-hidden="true" className="text-slate-600">
        Sort by
      </span>
      <ul className="flex flex-wrap gap-1">
        {MEMBER_SORTS.map(({ key, label }) => (
          <li key={key}>
            {key === current ? (
              <Link
                href={memberListUrl(key)}
                aria-current="true"
                className="inline-block rounded border border-brand-600 bg-brand-600 px-3 py-1 font-semibold text-white hover:no-underline"
              >
                {label}
              </Link>
            ) : (
              <Link
                href={memberListUrl(key)}
                className="inline-block rounded border border-slate-300 bg-surface px-3 py-1"
              >
                {label}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
