import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Avatar } from "@/app/_components/avatar";
import { Flag } from "@/app/_components/flag";
import { Pagination } from "@/app/_components/pagination";
import { formatCount, formatDay } from "@/lib/format";
import {
  getMemberList,
  MEMBER_SORTS,
  MEMBERS_PER_PAGE,
  memberListUrl,
  memberSortFromParam,
} from "@/lib/members/member-list";
import { pageFromParam } from "@/lib/urls";
import { SortNav } from "./_components/sort-nav";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ sort?: string | string[]; page?: string | string[] }> };

// One query per request, shared by the metadata and the page.
const memberList = cache(getMemberList);

async function load({ searchParams }: Props) {
  const params = await searchParams;
  const sort = memberSortFromParam(params.sort);
  const page = pageFromParam(params.page);
  const list = sort === null || page === null ? null : await memberList(sort, page);
  if (!list) notFound();
  return list;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { sort, page } = await load(props);
  const label = MEMBER_SORTS.find((s) => s.key === sort)!.label.toLowerCase();
  return { title: `Members by ${label}${page > 1 ? `, page ${page}` : ""}` };
}

export default async function MembersPage(props: Props) {
  const { members, sort, page, pageCount, total } = await load(props);
  const first = (page - 1) * MEMBERS_PER_PAGE + 1;
  return (
    <div>
      <div className="flex flex-wrap items-end justify-between gap-x-6 gap-y-2">
        <div>
          <h1 className="text-2xl font-bold">Members</h1>
          <p className="text-slate-600">
            {formatCount(total)} {total === 1 ? "member" : "members"}
          </p>
        </div>
        <SortNav current={sort} />
      </div>
      <Pagination page={page} pageCount={pageCount} hrefFor={(p) => memberListUrl(sort, p)} />
      <section
        aria-label="Members"
        className="mt-3 overflow-hidden rounded-lg border border-slate-300 bg-surface shadow-sm"
      >
        <div
          aria-hidden="true"
          className="hidden grid-cols-[2.5rem_1fr_7rem_8rem_8rem] gap-3 border-b border-slate-200 bg-slate-50 px-4 py-2 text-xs font-semibold text-slate-600 uppercase md:grid"
        >
          <span className="text-right">#</span>
          <span>Member</span>
          <span className="text-right">Messages</span>
          <span className="text-right">Reaction score</span>
          <span className="text-right">Joined</span>
        </div>
        <ol start={first} className="divide-y divide-slate-200">
          {members.map(({ number, card }, i) => (
            <li
              key={number}
              className="grid grid-cols-[auto_1fr] items-center gap-x-3 gap-y-2 px-4 py-3 md:grid-cols-[2.5rem_1fr_7rem_8rem_8rem]"
            >
              <span
                aria-hidden="true"
                className="hidden text-right text-sm text-slate-500 tabular-nums md:block"
              >
                {first + i}
              </span>
              <div className="col-span-2 flex min-w-0 items-center gap-3 md:col-span-1">
                <Avatar name={card.name} url={card.avatarUrl} size={40} />
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-x-2 font-semibold">
                    <Link href={card.url} className="username break-all">
                      {card.name}
                    </Link>
                    {card.countryCode && card.countryName && (
                      <Flag code={card.countryCode} name={card.countryName} />
                    )}
                    {card.role && card.role !== "member" && (
                      <span className="rounded bg-brand-50 px-1.5 text-xs font-semibold text-link ring-1 ring-brand-100">
                        {card.role === "admin" ? "Administrator" : "Moderator"}
                      </span>
                    )}
                  </p>
                  {card.customTitle && (
                    <p className="text-xs font-bold tracking-wide break-words text-link uppercase">
                      {card.customTitle}
                    </p>
                  )}
                  <p className="member-title text-xs text-slate-600">{card.memberTitle}</p>
                </div>
              </div>
              <dl className="col-span-2 flex flex-wrap gap-x-4 gap-y-1 pl-13 text-sm text-slate-600 md:contents">
                <div className="flex gap-1 md:block md:text-right">
                  <dt className="md:sr-only">Messages</dt>
                  <dd className="font-medium text-slate-800 tabular-nums">
                    {formatCount(card.messageCount)}
                  </dd>
                </div>
                <div className="flex gap-1 md:block md:text-right">
                  <dt className="md:sr-only">Reaction score</dt>
                  <dd className="font-medium text-slate-800 tabular-nums">
                    {formatCount(card.reactionScore)}
                  </dd>
                </div>
                <div className="flex gap-1 md:block md:text-right">
                  <dt className="md:sr-only">Joined</dt>
                  <dd className="font-medium text-slate-800">
                    <time dateTime={card.joinedOn}>{formatDay(card.joinedOn)}</time>
                  </dd>
                </div>
              </dl>
            </li>
          ))}
        </ol>
      </section>
      <Pagination page={page} pageCount={pageCount} hrefFor={(p) => memberListUrl(sort, p)} />
    </div>
  );
}
