import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound, redirect } from "next/navigation";
import { Avatar } from "@/app/_components/avatar";
import { Pagination } from "@/app/_components/pagination";
import { getViewer } from "@/lib/auth/viewer";
import { formatCount, formatDay } from "@/lib/format";
import { listMembersForAdmin, ROLE_LABELS, searchSchema } from "@/lib/members/roles";
import { CUSTOM_TITLE, MEMBER_SEARCH_MAX } from "@/lib/limits/sizes";
import { can, isSignedIn, type Role } from "@/lib/permissions";
import { pageFromParam } from "@/lib/urls";
import { memberEmailStates } from "@/lib/members/member-email";
import { MemberEmailTools } from "./_components/member-email";
import { RoleForm, TitleForm } from "./_components/member-forms";
import { StaffTwoStepSection } from "./_components/staff-two-step/section";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Member administration", robots: { index: false } };

const PATH = "/admin/members";
const TITLE_HINT = "custom-title-hint";

type Props = { searchParams: Promise<{ q?: string | string[]; page?: string | string[] }> };

function adminMembersUrl(search: string, page = 1): string {
  const params = new URLSearchParams();
  if (search) params.set("q", search);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `${PATH}?${query}` : PATH;
}

const roleBadge: Record<Role, string> = {
  admin: "bg-brand-700 text-white",
  moderator: "bg-brand-50 text-link ring-1 ring-brand-100",
  member: "bg-slate-100 text-slate-700 ring-1 ring-slate-200",
};

export default async function MemberAdminPage({ searchParams }: Props) {
  const viewer = await getViewer();
  if (!isSignedIn(viewer)) redirect(`/login?callbackUrl=${PATH}`);
  if (!can(viewer, "viewMemberAdmin")) forbidden();

  const params = await searchParams;
  const search = searchSchema.parse(typeof params.q === "string" ? params.q : "");
  const page = pageFromParam(params.page);
  const list = page === null ? null : await listMembersForAdmin(viewer, { search, page });
  if (!list) notFound();
  const isAdmin = viewer.role === "admin";
  const emails = can(viewer, "manageMemberEmail")
    ? await memberEmailStates(list.members.map((m) => m.id))
    : null;

  return (
    <div>
      <h1 className="text-2xl font-bold">Member administration</h1>
      <p className="text-slate-600">
        {isAdmin
          ? "Change members' roles and grant custom titles. Nobody can change their own role."
          : "As a moderator you can grant custom titles to members and moderators. Administrators change roles."}
      </p>
      {can(viewer, "changeSettings") && <StaffTwoStepSection />}

      <form role="search" action={PATH} className="mt-4 flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1 sm:max-w-sm">
          <label htmlFor="member-search" className="block text-sm font-semibold text-slate-800">
            Search members by name
          </label>
          <input
            id="member-search"
            type="search"
            name="q"
            defaultValue={search}
            maxLength={MEMBER_SEARCH_MAX}
            autoComplete="off"
            className="block w-full rounded border border-slate-300 bg-surface px-3 py-2 text-base shadow-sm"
          />
        </div>
        <button
          type="submit"
          className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
        >
          Search
        </button>
        {search && (
          <Link href={PATH} className="px-2 py-2 text-sm">
            Clear search
          </Link>
        )}
      </form>

      <p id={TITLE_HINT} className="mt-1 text-sm text-slate-600">
        Custom titles show under the member&apos;s name on their posts and profile: up to{" "}
        {CUSTOM_TITLE.max} characters; save an empty title to clear it.
      </p>
      <p className="mt-3 text-sm text-slate-600" role="status">
        {search
          ? `${formatCount(list.total)} ${list.total === 1 ? "member matches" : "members match"} “${search}”.`
          : `${formatCount(list.total)} ${list.total === 1 ? "member" : "members"}.`}
      </p>
      <Pagination
        page={list.page}
        pageCount={list.pageCount}
        hrefFor={(p) => adminMembersUrl(search, p)}
      />

      <section
        aria-label="Members"
        className="mt-3 overflow-hidden rounded-lg border border-slate-300 bg-surface shadow-sm"
      >
        {list.members.length === 0 ? (
          <p className="p-4 text-slate-600">No member&apos;s name contains “{search}”.</p>
        ) : (
          <ul className="divide-y divide-slate-200">
            {list.members.map((m) => (
              <li
                key={m.id}
                aria-labelledby={`member-${m.number}`}
                className="grid grid-cols-1 gap-3 px-4 py-3 sm:grid-cols-2 lg:grid-cols-[minmax(0,1fr)_16rem_22rem] lg:items-start"
              >
                <div className="flex min-w-0 gap-3 sm:col-span-2 lg:col-span-1">
                  <Avatar name={m.name} url={m.avatarUrl} size={48} />
                  <div className="min-w-0">
                    <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
                      <Link
                        id={`member-${m.number}`}
                        href={m.url}
                        className="font-semibold break-all"
                      >
                        {m.name}
                      </Link>
                      <span className={`rounded px-1.5 text-xs font-semibold ${roleBadge[m.role]}`}>
                        {ROLE_LABELS[m.role]}
                      </span>
                      {m.isBanned && (
                        <span className="rounded bg-red-100 px-1.5 text-xs font-semibold text-red-800">
                          Banned
                        </span>
                      )}
                      {m.isViewer && <span className="text-xs text-slate-500">(you)</span>}
                    </p>
                    {m.customTitle && (
                      <p className="text-xs font-bold tracking-wide break-words text-link uppercase">
                        {m.customTitle}
                      </p>
                    )}
                    <p className="text-xs text-slate-600">
                      {m.memberTitle} · Joined {formatDay(m.joinedOn)} ·{" "}
                      {formatCount(m.messageCount)} {m.messageCount === 1 ? "message" : "messages"}
                    </p>
                    {emails && (
                      <MemberEmailTools
                        memberId={m.id}
                        name={m.name}
                        email={emails.get(m.id)?.email ?? null}
                        verified={emails.get(m.id)?.verified ?? false}
                      />
                    )}
                  </div>
                </div>
                <div className="min-w-0">
                  {m.canChangeRole ? (
                    <RoleForm memberId={m.id} name={m.name} role={m.role} />
                  ) : (
                    <p className="text-xs text-slate-500 sm:pt-5">
                      {m.isViewer && isAdmin
                        ? "You cannot change your own role."
                        : `Role: ${ROLE_LABELS[m.role]}`}
                    </p>
                  )}
                </div>
                <div className="min-w-0">
                  {m.canGrantTitle ? (
                    <TitleForm
                      memberId={m.id}
                      name={m.name}
                      customTitle={m.customTitle}
                      maxLength={CUSTOM_TITLE.max}
                      hintId={TITLE_HINT}
                    />
                  ) : (
                    <p className="text-xs text-slate-500 sm:pt-5">
                      Only administrators change an administrator&apos;s title.
                    </p>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <Pagination
        page={list.page}
        pageCount={list.pageCount}
        hrefFor={(p) => adminMembersUrl(search, p)}
      />
    </div>
  );
}
