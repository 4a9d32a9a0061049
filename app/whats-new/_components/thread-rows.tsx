import Link from "next/link";
import { ThreadRowStats } from "@/app/_components/thread-row-stats";
import { IgnoredRowsIsland } from "@/app/_components/personal/islands";
import { rowAuthors } from "@/app/_components/personal/row-authors";
import { ThreadRowHeading } from "@/app/_components/thread-row-heading";
import { PersonalScope } from "@/app/_components/personal/personal-scope";
import type { WhatsNewThread } from "@/lib/reading/whats-new";

/** The rows of "New posts" and "New threads": title (bold when unread), forum, starter, replies, last
 * post. Rendered once for everyone: the reader's unread marks and ignored members come from the
 * personal answer (what a render for one member already knew is the fallback). */
export function ThreadRows({ threads, empty }: { threads: WhatsNewThread[]; empty: string }) {
  return (
    <section
      aria-label="Threads"
      className="overflow-hidden rounded-lg border border-slate-300 bg-surface shadow-sm"
    >
      {threads.length === 0 ? (
        <p className="p-4 text-slate-600">{empty}</p>
      ) : (
        <IgnoredRowsIsland>
          <ul className="divide-y divide-slate-200">
            {threads.map((thread) => (
              <li
                key={thread.id}
                data-authors={rowAuthors(thread.starter.id)}
                className="grid gap-1 px-4 py-3 sm:grid-cols-[1fr_6rem_14rem] sm:items-center sm:gap-3"
              >
                <div className="min-w-0">
                  <ThreadRowHeading
                    thread={thread}
                    starter={thread.starter}
                    unreadUrl={thread.unread ? thread.unreadUrl : null}
                    titleClassName="break-words"
                    after={
                      <>
                        {" "}
                        · <Link href={thread.forum.url}>{thread.forum.title}</Link>
                      </>
                    }
                  />
                </div>
                <ThreadRowStats replyCount={thread.replyCount} lastPost={thread.lastPost} />
              </li>
            ))}
          </ul>
        </IgnoredRowsIsland>
      )}
      <PersonalScope threads={threads.map((t) => t.id)} />
    </section>
  );
}
