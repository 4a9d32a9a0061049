// The public member list (/members): one page of members, sorted by messages, reaction score or
// join date, read in one query that walks the users_message_count_idx / users_reaction_score_idx
// indexes for the first two.
import "server-only";
import { asc, desc, sql, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { cardColumns } from "../forum/card-columns";
import { toMemberCard, type MemberCard } from "./card";

export const MEMBERS_PER_PAGE = 50;

/** The sorts a visitor can pick, in the order the page offers them; the first is the default. */
export const MEMBER_SORTS = [
  { key: "messages", label: "Messages" },
  { key: "reaction-score", label: "Reaction score" },
  { key: "joined", label: "Joined" },
] as const;

export type MemberSort = (typeof MEMBER_SORTS)[number]["key"];
const DEFAULT_MEMBER_SORT: MemberSort = "messages";

/** Most messages and highest score first; earliest join first. Ties: the older account (lower number) first. */
const ORDER: Record<MemberSort, SQL[]> = {
  messages: [desc(users.messageCount), asc(users.number)],
  "reaction-score": [desc(users.reactionScore), asc(users.number)],
  joined: [asc(users.joinedOn), asc(users.number)],
};

/** "?sort=" → a known sort, the default when absent, null (a 404) for anything else. */
export function memberSortFromParam(value: string | string[] | undefined): MemberSort | null {
  if (value === undefined) return DEFAULT_MEMBER_SORT;
  return MEMBER_SORTS.find((s) => s.key === value)?.key ?? null;
}

export function memberListUrl(sort: MemberSort = DEFAULT_MEMBER_SORT, page = 1): string {
  const params = new URLSearchParams();
  if (sort !== DEFAULT_MEMBER_SORT) params.set("sort", sort);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/members?${query}` : "/members";
}

export interface MemberListItem {
  number: number;
  card: MemberCard & { url: string; joinedOn: string; messageCount: number; reactionScore: number };
}

export interface MemberListPage {
  members: MemberListItem[];
  sort: MemberSort;
  page: number;
  pageCount: number;
  total: number;
}

/** One page of the member list; null when the page is past the last one. */
export async function getMemberList(
  sort: MemberSort,
  page: number,
): Promise<MemberListPage | null> {
  const rows = await db
    .select({
      ...cardColumns,
      // Evaluated once (an InitPlan), so the ordered scan above still stops after one page.
      total: sql<number>`(select count(*) from ${users})::int`.mapWith(Number),
    })
    .from(users)
    .orderBy(...ORDER[sort])
    .limit(MEMBERS_PER_PAGE)
    .offset((page - 1) * MEMBERS_PER_PAGE);
  if (rows.length === 0 && page > 1) return null;
  const total = rows[0]?.total ?? 0;
  return {
    sort,
    page,
    pageCount: Math.max(1, Math.ceil(total / MEMBERS_PER_PAGE)),
    total,
    members: rows.map(({ total: _total, ...member }) => ({
      number: member.number,
      card: toMemberCard(member, member.name) as MemberListItem["card"],
    })),
  };
}
