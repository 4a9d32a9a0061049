import { LocalTime } from "@/app/_components/time/local-time";
import Link from "next/link";
import { ThreadRowStats } from "@/app/_components/thread-row-stats";
import { JumpToUnread, titleWeight, UnreadCue } from "@/app/_components/reading/unread-marks";
import type { WhatsNewThread } from "@/lib/reading/whats-new";

/** The rows of "New posts" and "New threads": title (bold when unread), forum, starter, replies, last post. */
export function ThreadRows({ threads, empty }: { threads: WhatsNewThread[]; empty: string }) {
  return (
    <section
      aria-label="Threads"
      className="overflow-hidden rounded-lg border border-slate-300 bg-surface shadow-sm"
    >
      {threads.length === 0 ? (
        <p className="p-4 text-slate-600">{empty}</p>
      ) : (
        <ul className="divide-y divide-slate-200">
          {threads.map((thread) => (
            <li
              key={thread.id}
              className="grid gap-1 px-4 py-3 sm:grid-cols-[1fr_6rem_14rem] sm:items-center sm:gap-3"
            >
              <div className="min-w-0">
                <h2 className={`break-words ${titleWeight(thread.unread)}`}>
                  <UnreadCue unread={thread.unread} />
                  {/* At least 24 px tall: the byline's links sit right below (WCAG 2.2 target size). */}
                  <Link href={thread.url} className="inline-block min-h-6">
                    {thread.title}
                  </Link>
                </h2>
                <p className="text-sm text-slate-600 [&_a]:underline">
                  {thread.unread && (
                    <>
                      <JumpToUnread href={thread.unreadUrl} title={thread.title} /> ·{" "}
                    </>
                  )}
                  {thread.starter.url ? (
                    <Link href={thread.starter.url}>{thread.starter.name}</Link>
                  ) : (
                    thread.starter.name
                  )}{" "}
                  · <LocalTime at={thread.createdAt} /> ·{" "}
                  <Link href={thread.forum.url}>{thread.forum.title}</Link>
                </p>
              </div>
              <ThreadRowStats replyCount={thread.replyCount} lastPost={thread.lastPost} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
