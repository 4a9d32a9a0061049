import type { Metadata } from "next";
import { readableRules } from "@/lib/forum/forum-access";
import Link from "next/link";
import { LastPost } from "@/app/_components/last-post";
import { JumpToUnread, titleWeight } from "@/app/_components/reading/unread-marks";
import { notFound, redirect } from "next/navigation";
import { Pagination } from "@/app/_components/pagination";
import { getViewer } from "@/lib/auth/viewer";
import { formatCount } from "@/lib/format";
import { can } from "@/lib/permissions";
import { pageFromParam } from "@/lib/urls";
import { listWatchedThreads, type WatchedThread } from "@/lib/watching/watched-threads";
import { unwatchAction, unwatchAllAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Watched threads", robots: { index: false } };

const watchedUrl = (page = 1) => (page > 1 ? `/watched?page=${page}` : "/watched");
const button =
  "cursor-pointer rounded border border-slate-300 bg-surface px-3 py-1 text-sm font-semibold text-slate-800 hover:bg-slate-50";

export default async function WatchedThreadsPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string | string[] }>;
}) {
  const [viewer, params] = await Promise.all([getViewer(), searchParams]);
  const page = pageFromParam(params.page);
  if (!can(viewer, "keepReadingState") || !viewer.id)
    redirect(`/login?callbackUrl=${encodeURIComponent(watchedUrl(page ?? 1))}`);
  if (page === null) notFound();
  const data = await listWatchedThreads(viewer.id, page, readableRules(viewer));
  if (!data) notFound();

  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h1 className="text-2xl font-bold">Watched threads</h1>
          <p className="text-slate-600">
            A reply in a thread you watch alerts you. Unread threads come first.
          </p>
        </div>
        {data.total > 0 && (
          <form action={unwatchAllAction}>
            <button type="submit" className={button}>
              Unwatch all
            </button>
          </form>
        )}
      </div>
      <Pagination page={data.page} pageCount={data.pageCount} hrefFor={watchedUrl} />
      <section
        aria-label="Watched threads"
        className="mt-3 overflow-hidden rounded-lg border border-slate-300 bg-surface shadow-sm"
      >
        {data.threads.length === 0 ? (
          <p className="p-4 text-slate-600">
            You are not watching any thread. Use the Watch button on a thread, or reply to one:
            threads you start or reply to are watched for you unless you turn that off in your{" "}
            <Link href="/account">account settings</Link>.
          </p>
        ) : (
          <ul className="divide-y divide-slate-200">
            {data.threads.map((thread) => (
              <WatchedItem key={thread.id} thread={thread} />
            ))}
          </ul>
        )}
      </section>
      <Pagination page={data.page} pageCount={data.pageCount} hrefFor={watchedUrl} />
    </div>
  );
}

function WatchedItem({ thread }: { thread: WatchedThread }) {
  const unread = thread.firstUnreadUrl !== null;
  return (
    <li
      className={`grid gap-2 border-l-4 px-3 py-3 sm:grid-cols-[1fr_auto] sm:items-center sm:gap-3 sm:px-4 ${unread ? "border-l-brand-600" : "border-l-transparent"}`}
    >
      <div className="min-w-0">
        <h2 className={`break-words ${titleWeight(unread)}`}>
          {unread && (
            <span className="mr-2 inline-block rounded bg-brand-700 px-1.5 text-xs font-semibold text-white">
              Unread
            </span>
          )}
          <Link href={thread.url}>{thread.title}</Link>
        </h2>
        <p className="text-sm text-slate-600">
          <Link href={thread.forum.url}>{thread.forum.title}</Link> ·{" "}
          {formatCount(thread.replyCount)} {thread.replyCount === 1 ? "reply" : "replies"}
          {thread.lastPost && (
            <>
              {" "}
              · Last post: <LastPost post={thread.lastPost} />
            </>
          )}
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {thread.firstUnreadUrl && (
          <JumpToUnread href={thread.firstUnreadUrl} title={thread.title} />
        )}
        <form action={unwatchAction}>
          <input type="hidden" name="threadId" value={thread.id} />
          <button type="submit" className={button} aria-label={`Unwatch ${thread.title}`}>
            Unwatch
          </button>
        </form>
      </div>
    </li>
  );
}
