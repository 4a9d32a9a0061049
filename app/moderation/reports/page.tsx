import { LocalTime } from "@/app/_components/time/local-time";
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound, redirect } from "next/navigation";
import { Pagination } from "@/app/_components/pagination";
import { getViewer } from "@/lib/auth/viewer";
import { formatCount } from "@/lib/format";
import {
  listReports,
  REPORT_STATES,
  reportCounts,
  type ReportState,
  type ReportView,
} from "@/lib/moderation/reports";
import { NOTE } from "@/lib/limits/sizes";
import { rewriteRemoteImages } from "@/lib/remote-images/rewrite";
import { can, isSignedIn } from "@/lib/permissions";
import { pageFromParam } from "@/lib/urls";
import { DecisionForm, DecisionProvider, DecisionStatus } from "../_components/decision-forms";
import { decideReportAction } from "./actions";
import { ConversationReportsSection } from "./_components/conversation-reports/section";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Reported posts", robots: { index: false } };

const PATH = "/moderation/reports";
const TAB_LABELS: Record<ReportState, string> = {
  open: "Open",
  resolved: "Resolved",
  rejected: "Rejected",
};
const EMPTY: Record<ReportState, string> = {
  open: "No open reports: nothing needs a look right now.",
  resolved: "No resolved reports yet.",
  rejected: "No rejected reports yet.",
};

type Param = string | string[] | undefined;
type Props = { searchParams: Promise<{ state?: Param; page?: Param }> };

function reportsUrl(state: ReportState, page = 1): string {
  const params = new URLSearchParams();
  if (state !== "open") params.set("state", state);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `${PATH}?${query}` : PATH;
}

const isState = (value: Param): value is ReportState =>
  typeof value === "string" && (REPORT_STATES as readonly string[]).includes(value);

export default async function ReportsPage({ searchParams }: Props) {
  const [viewer, params] = await Promise.all([getViewer(), searchParams]);
  const state: ReportState | null =
    params.state === undefined ? "open" : isState(params.state) ? params.state : null;
  const page = pageFromParam(params.page);
  if (!isSignedIn(viewer))
    redirect(`/login?callbackUrl=${encodeURIComponent(reportsUrl(state ?? "open", page ?? 1))}`);
  if (!can(viewer, "handleReports")) forbidden();
  if (state === null || page === null) notFound();

  const [list, counts] = await Promise.all([listReports({ state, page }), reportCounts()]);
  if (!list) notFound();

  return (
    <div>
      <h1 className="text-2xl font-bold">Reported posts</h1>
      <p className="text-slate-600">
        Posts members reported, newest first. Resolve a report once the post is dealt with; reject
        it when nothing is wrong.
      </p>

      <nav
        aria-label="Reports by state"
        className="mt-4 flex flex-wrap gap-1 border-b border-slate-300"
      >
        {REPORT_STATES.map((s) => (
          <Link
            key={s}
            href={reportsUrl(s)}
            aria-current={s === state ? "page" : undefined}
            className="-mb-px rounded-t border border-transparent px-3 py-2 text-sm font-semibold text-slate-600 hover:bg-surface hover:no-underline aria-[current=page]:border-slate-300 aria-[current=page]:border-b-white aria-[current=page]:bg-surface aria-[current=page]:text-slate-900"
          >
            {TAB_LABELS[s]}{" "}
            <span className="font-normal text-slate-500">({formatCount(counts[s])})</span>
          </Link>
        ))}
      </nav>

      <DecisionProvider action={decideReportAction}>
        <DecisionStatus />
        <Pagination
          page={list.page}
          pageCount={list.pageCount}
          hrefFor={(p) => reportsUrl(state, p)}
        />
        {list.reports.length === 0 ? (
          <p className="mt-4 rounded-lg border border-slate-300 bg-surface p-4 text-slate-600 shadow-sm">
            {EMPTY[state]}
          </p>
        ) : (
          <ul aria-label={`${TAB_LABELS[state]} reports`} className="mt-4 space-y-4">
            {list.reports.map((report) => (
              <ReportItem key={report.id} report={report} />
            ))}
          </ul>
        )}
        <Pagination
          page={list.page}
          pageCount={list.pageCount}
          hrefFor={(p) => reportsUrl(state, p)}
        />
      </DecisionProvider>
      {state === "open" && <ConversationReportsSection />}
    </div>
  );
}

function ReportItem({ report }: { report: ReportView }) {
  const headingId = `report-${report.id}`;
  const { post, thread } = report;
  return (
    <li
      aria-labelledby={headingId}
      className="overflow-hidden rounded-lg border border-slate-300 bg-surface shadow-sm"
    >
      <div className="border-b border-slate-200 bg-slate-50 px-4 py-2">
        <h2 id={headingId} className="font-semibold break-words">
          Post by {post.author.name} in “{thread.title}”
        </h2>
        <p className="flex flex-wrap gap-x-3 text-sm text-slate-600">
          <span>
            First reported <LocalTime at={report.createdAt} />
          </span>
          <span>
            {report.reasons.length} {report.reasons.length === 1 ? "report" : "reports"}
          </span>
        </p>
      </div>

      <div className="space-y-3 px-4 py-3">
        <div>
          <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
            {post.author.url ? (
              <Link href={post.author.url}>{post.author.name}</Link>
            ) : (
              <span>{post.author.name}</span>
            )}
            <span className="text-slate-500">
              posted <LocalTime at={post.createdAt} /> in{" "}
              <Link href={thread.url}>{thread.title}</Link>
            </span>
            <Link href={post.url} className="font-semibold">
              View post #{post.position}
            </Link>
            {(post.deleted || thread.deleted) && (
              <span className="rounded bg-red-100 px-1.5 text-xs font-semibold text-red-900">
                Deleted
              </span>
            )}
            {post.approvalState !== "approved" && (
              <span className="rounded bg-amber-100 px-1.5 text-xs font-semibold text-amber-900">
                {post.approvalState === "pending" ? "Awaiting approval" : "Rejected"}
              </span>
            )}
          </p>
          <div
            tabIndex={0}
            role="group"
            aria-label={`Reported post by ${post.author.name}`}
            className="post-body mt-2 max-h-64 overflow-y-auto rounded border border-slate-200 px-3 text-sm"
            dangerouslySetInnerHTML={{ __html: rewriteRemoteImages(post.html) }}
          />
        </div>

        <div>
          <h3 className="text-sm font-semibold text-slate-800">Reasons</h3>
          <ul className="mt-1 space-y-1.5">
            {report.reasons.map((r) => (
              <li
                key={r.id}
                className="rounded border-l-4 border-amber-400 bg-amber-50 px-3 py-1.5 text-sm"
              >
                <p className="break-words whitespace-pre-line text-slate-900">{r.reason}</p>
                <p className="text-xs text-slate-600">
                  {r.reporterUrl ? (
                    <Link href={r.reporterUrl}>{r.reporterName}</Link>
                  ) : (
                    r.reporterName
                  )}
                  , <LocalTime at={r.at} />
                </p>
              </li>
            ))}
          </ul>
        </div>

        {report.state === "open" ? (
          <DecisionForm
            fields={{ reportId: report.id }}
            subjectId={headingId}
            note={{ label: "Note for the moderator log (optional)", maxLength: NOTE.max }}
            accept={{ value: "resolve", label: "Resolve" }}
            refuse={{ value: "reject", label: "Reject" }}
          />
        ) : (
          report.handled && (
            <p className="text-sm text-slate-700">
              {report.state === "resolved" ? "Resolved" : "Rejected"}
              {report.handled.byName ? ` by ${report.handled.byName}` : ""} on{" "}
              <LocalTime at={report.handled.at} />
              {report.handled.note ? `: ${report.handled.note}` : "."}
            </p>
          )
        )}
      </div>
    </li>
  );
}
