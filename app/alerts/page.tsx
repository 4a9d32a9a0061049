import { LocalTime } from "@/app/_components/time/local-time";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { Pagination } from "@/app/_components/pagination";
import { AlertCountSync } from "@/app/_components/personal/alert-count-sync";
import { listAlerts, type AlertView } from "@/lib/alerts/list";
import { readableRules } from "@/lib/forum/forum-access";
import { getViewer } from "@/lib/auth/viewer";
import { formatCount } from "@/lib/format";
import { can } from "@/lib/permissions";
import { pageFromParam } from "@/lib/urls";
import { markAlertReadAction, markAllAlertsReadAction } from "./actions";
import { MarkShownRead } from "./_components/mark-shown-read";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Alerts", robots: { index: false } };

const alertsUrl = (page = 1) => (page > 1 ? `/alerts?page=${page}` : "/alerts");
const button =
  "cursor-pointer rounded border border-slate-300 bg-surface px-3 py-1 text-sm font-semibold text-slate-800 hover:bg-slate-50";

export default async function AlertsPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string | string[] }>;
}) {
  const [viewer, params] = await Promise.all([getViewer(), searchParams]);
  const page = pageFromParam(params.page);
  if (!can(viewer, "keepReadingState") || !viewer.id)
    redirect(`/login?callbackUrl=${encodeURIComponent(alertsUrl(page ?? 1))}`);
  if (page === null) notFound();
  const data = await listAlerts(viewer.id, page, readableRules(viewer));
  if (!data) notFound();

  return (
    <div className="mx-auto max-w-3xl">
      <AlertCountSync unread={data.unread} />
      <MarkShownRead ids={data.alerts.filter((a) => a.isUnread).map((a) => a.id)} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h1 className="text-2xl font-bold">Alerts</h1>
          <p className="text-slate-600">
            {data.unread === 0
              ? "You have no unread alerts."
              : `${formatCount(data.unread)} unread ${data.unread === 1 ? "alert" : "alerts"}.`}
          </p>
        </div>
        {data.unread > 0 && (
          <form action={markAllAlertsReadAction}>
            <button type="submit" className={button}>
              Mark all read
            </button>
          </form>
        )}
      </div>
      <Pagination page={data.page} pageCount={data.pageCount} hrefFor={alertsUrl} />
      {data.alerts.length === 0 ? (
        <p className="mt-3 rounded-lg border border-slate-300 bg-surface p-4 text-slate-600 shadow-sm">
          No alerts yet. You are alerted when someone quotes or mentions you, reacts to your post,
          or replies in a thread you <Link href="/watched">watch</Link>.
        </p>
      ) : (
        <ol
          aria-label="Alerts, newest first"
          className="mt-3 divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-300 bg-surface shadow-sm"
        >
          {data.alerts.map((alert) => (
            <AlertItem key={alert.id} alert={alert} />
          ))}
        </ol>
      )}
      <Pagination page={data.page} pageCount={data.pageCount} hrefFor={alertsUrl} />
    </div>
  );
}

function AlertItem({ alert }: { alert: AlertView }) {
  return (
    <li
      className={`flex flex-wrap items-center gap-x-3 gap-y-1 border-l-4 px-3 py-3 sm:px-4 ${alert.isUnread ? "border-l-brand-600 bg-brand-50" : "border-l-transparent"}`}
    >
      <div className="min-w-0 flex-1 basis-64">
        <p className={`break-words ${alert.isUnread ? "font-semibold" : ""}`}>
          {alert.isUnread && (
            <span className="mr-2 inline-block rounded bg-brand-700 px-1.5 text-xs font-semibold text-white">
              Unread
            </span>
          )}
          {/* Through /alerts/open, which marks it read: a plain link, so nothing prefetches it. */}
          <a href={`/alerts/open/${alert.id}`}>{alert.text}</a>
        </p>
        <p className="text-sm text-slate-500">
          <LocalTime at={alert.createdAt} />
        </p>
      </div>
      {alert.isUnread && (
        <form action={markAlertReadAction}>
          <input type="hidden" name="alertId" value={alert.id} />
          <button type="submit" className={button} aria-label={`Mark read: ${alert.text}`}>
            Mark read
          </button>
        </form>
      )}
    </li>
  );
}
