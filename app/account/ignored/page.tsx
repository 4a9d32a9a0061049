import { LocalTime } from "@/app/_components/time/local-time";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { IgnoreButton } from "@/app/_components/ignore-button";
import { getViewer } from "@/lib/auth/viewer";
import { formatCount } from "@/lib/format";
import { IGNORE_LIST_CAP } from "@/lib/limits/sizes";
import { listIgnoredMembers } from "@/lib/members/ignore-list";
import { can } from "@/lib/permissions";
import { IgnoreByNameForm } from "./_components/ignore-by-name-form";

export const metadata: Metadata = { title: "Ignored members" };
export const dynamic = "force-dynamic";

const section = "rounded-lg border border-slate-300 bg-surface p-4 shadow-sm sm:p-6";

export default async function IgnoredMembersPage() {
  const viewer = await getViewer();
  if (!can(viewer, "keepReadingState") || !viewer.id)
    redirect("/login?callbackUrl=/account/ignored");
  const members = await listIgnoredMembers(viewer.id);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h1 className="text-2xl font-bold">Ignored members</h1>
        <Link href="/account" className="text-sm">
          Account settings
        </Link>
      </div>
      <p className="text-slate-700">
        Posts by members you ignore are collapsed on thread pages, with a button to show them, and
        left out of lists of new content. Only you see the difference. Moderators and administrators
        cannot be ignored.
      </p>

      <section aria-labelledby="ignore-add" className={section}>
        <h2 id="ignore-add" className="mb-4 text-lg font-bold">
          Ignore a member
        </h2>
        <IgnoreByNameForm />
      </section>

      <section aria-labelledby="ignore-list" className={section}>
        <h2 id="ignore-list" className="mb-1 text-lg font-bold">
          Members you ignore
        </h2>
        <p className="mb-4 text-sm text-slate-600">
          {formatCount(members.length)} of at most {formatCount(IGNORE_LIST_CAP)}
        </p>
        {members.length === 0 ? (
          <p className="text-slate-600">You are not ignoring anyone.</p>
        ) : (
          <ul aria-labelledby="ignore-list" className="divide-y divide-slate-200">
            {members.map((member) => (
              <li
                key={member.id}
                className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2"
              >
                <div className="min-w-0">
                  <Link href={member.url} className="font-semibold break-words">
                    {member.name}
                  </Link>
                  <p className="text-xs text-slate-500">
                    Ignored since <LocalTime at={member.ignoredAt} style="date" />
                    {member.isStaff && " · now on the staff, so their posts are shown"}
                  </p>
                </div>
                <IgnoreButton memberId={member.id} ignoring />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
