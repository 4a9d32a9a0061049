import { LocalTime } from "@/app/_components/time/local-time";
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound, redirect } from "next/navigation";
import { Pagination } from "@/app/_components/pagination";
import { getViewer } from "@/lib/auth/viewer";
import { formatCount } from "@/lib/format";
import {
  ACTION_KINDS,
  ACTION_LABELS,
  listModLog,
  listModLogActions,
  listStaffNames,
} from "@/lib/moderation/log-listing";
import { MOD_LOG_FILTER_MAX } from "@/lib/limits/sizes";
import { can, isSignedIn } from "@/lib/permissions";
import { pageFromParam } from "@/lib/urls";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Moderator log", robots: { index: false } };

const PATH = "/moderation/log";

type Param = string | string[] | undefined;
type Props = { searchParams: Promise<{ action?: Param; actor?: Param; page?: Param }> };

const single = (value: Param) => (Array.isArray(value) ? value[0] : value) ?? "";

function modLogUrl({
  action,
  actor,
  page = 1,
}: {
  action: string;
  actor: string;
  page?: number;
}): string {
  const params = new URLSearchParams();
  if (action) params.set("action", action);
  if (actor) params.set("actor", actor);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `${PATH}?${query}` : PATH;
}

// One height for the select, the text field and the button, so their labels and edges line up.
const control =
  "block h-11 w-full rounded border border-slate-300 bg-surface px-3 text-base shadow-sm";
const cell = "flex gap-2 px-4 py-0.5 align-top sm:table-cell sm:py-2";
const cellLabel = "w-20 shrink-0 text-xs font-semibold text-slate-500 uppercase sm:hidden";

export default async function ModLogPage({ searchParams }: Props) {
  const viewer = await getViewer();
  const params = await searchParams;
  const rawAction = single(params.action).slice(0, 200);
  const rawActor = single(params.actor).slice(0, 200);
  if (!isSignedIn(viewer))
    redirect(
      `/login?callbackUrl=${encodeURIComponent(modLogUrl({ action: rawAction, actor: rawActor }))}`,
    );
  if (!can(viewer, "viewModLog")) forbidden();

  const page = pageFromParam(params.page);
  const [log, actions, staff] = await Promise.all([
    page === null ? null : listModLog({ action: rawAction, actor: rawActor, page }),
    listModLogActions(),
    listStaffNames(),
  ]);
  if (!log) notFound();
  const { action, actor } = log;
  const filtered = Boolean(action || actor);
  const kinds: string[] = ACTION_KINDS.map((k) => k.value);
  // A filter typed into the address (not one the list offers) still shows as chosen.
  const offered =
    action && !kinds.includes(action) && !actions.includes(action) ? [...actions, action] : actions;
  const hrefFor = (p: number) => modLogUrl({ action, actor, page: p });

  return (
    <div>
      <h1 className="text-2xl font-bold">Moderator log</h1>
      <p className="text-slate-600">Every moderator and administrator action, newest first.</p>

      <form
        action={PATH}
        aria-label="Filter the log"
        className="mt-4 grid grid-cols-1 items-end gap-3 rounded-lg border border-slate-300 bg-surface p-3 shadow-sm sm:grid-cols-[minmax(0,16rem)_minmax(0,16rem)_auto_auto] sm:justify-start"
      >
        <div className="min-w-0">
          <label htmlFor="log-action" className="block text-sm font-semibold text-slate-800">
            Action
          </label>
          <select id="log-action" name="action" defaultValue={action} className={control}>
            <option value="">All actions</option>
            <optgroup label="Kinds">
              {ACTION_KINDS.map((k) => (
                <option key={k.value} value={k.value}>
                  {`${k.label} (${k.value}.*)`}
                </option>
              ))}
            </optgroup>
            <optgroup label="Actions">
              {offered.map((a) => (
                <option key={a} value={a}>
                  {ACTION_LABELS[a] ? `${ACTION_LABELS[a]} (${a})` : a}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        <div className="min-w-0">
          <label htmlFor="log-actor" className="block text-sm font-semibold text-slate-800">
            Moderator
          </label>
          <input
            id="log-actor"
            name="actor"
            defaultValue={actor}
            maxLength={MOD_LOG_FILTER_MAX}
            list="log-staff"
            autoComplete="off"
            placeholder="Anyone"
            className={control}
          />
          <datalist id="log-staff">
            {staff.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </div>
        <button
          type="submit"
          className="h-11 justify-self-start rounded bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800"
        >
          Filter
        </button>
        {filtered && (
          <Link href={PATH} className="justify-self-start py-2 text-sm">
            Clear filters
          </Link>
        )}
      </form>

      <p className="mt-3 text-sm text-slate-600" role="status">
        {log.notice ??
          `${formatCount(log.total)} ${log.total === 1 ? "log line" : "log lines"}${filtered ? (log.total === 1 ? " matches these filters" : " match these filters") : ""}.`}
      </p>
      <Pagination page={log.page} pageCount={log.pageCount} hrefFor={hrefFor} />

      {log.lines.length > 0 && (
        <div className="mt-3 overflow-hidden rounded-lg border border-slate-300 bg-surface shadow-sm">
          {/* A table on wide screens; on a phone each line stacks, labelled (the roles keep it a table for screen readers). */}
          <table role="table" aria-label="Log lines" className="block w-full text-sm sm:table">
            <thead
              role="rowgroup"
              className="sr-only bg-slate-50 text-left text-xs text-slate-600 uppercase sm:not-sr-only sm:table-header-group"
            >
              <tr role="row" className="border-b border-slate-200">
                {["When", "Who", "Action", "Target", "Reason"].map((h) => (
                  <th key={h} role="columnheader" scope="col" className="px-4 py-2 font-semibold">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody role="rowgroup" className="block divide-y divide-slate-200 sm:table-row-group">
              {log.lines.map((line) => (
                <tr key={line.id} role="row" className="block py-2 sm:table-row sm:py-0">
                  <td role="cell" className={`${cell} whitespace-nowrap text-slate-600`}>
                    <span aria-hidden="true" className={cellLabel}>
                      When
                    </span>
                    <LocalTime at={line.at} />
                  </td>
                  <td role="cell" className={cell}>
                    <span aria-hidden="true" className={cellLabel}>
                      Who
                    </span>
                    {line.actor ? (
                      <Link href={line.actor.url} className="font-semibold break-all">
                        {line.actor.name}
                      </Link>
                    ) : (
                      <span className="text-slate-500">A deleted member</span>
                    )}
                  </td>
                  <td role="cell" className={cell}>
                    <span aria-hidden="true" className={cellLabel}>
                      Action
                    </span>
                    <span className="min-w-0">
                      {line.actionLabel && (
                        <span className="font-semibold">{line.actionLabel} </span>
                      )}
                      <code className="rounded bg-slate-100 px-1 text-xs text-slate-700">
                        {line.action}
                      </code>
                      {line.summary && (
                        <span className="block text-xs break-words text-slate-600">
                          {line.summary}
                        </span>
                      )}
                    </span>
                  </td>
                  <td role="cell" className={cell}>
                    <span aria-hidden="true" className={cellLabel}>
                      Target
                    </span>
                    <span className="min-w-0 break-words">
                      <span className="text-xs text-slate-500">{line.target.type}: </span>
                      {line.target.url ? (
                        <Link href={line.target.url}>{line.target.label}</Link>
                      ) : (
                        line.target.label
                      )}
                    </span>
                  </td>
                  <td role="cell" className={`${cell} sm:max-w-80`}>
                    <span aria-hidden="true" className={cellLabel}>
                      Reason
                    </span>
                    <span className="min-w-0 break-words">
                      {line.reason ?? <span className="text-slate-400">—</span>}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={log.page} pageCount={log.pageCount} hrefFor={hrefFor} />
    </div>
  );
}
