import { LocalTime } from "@/app/_components/time/local-time";
import type { Metadata } from "next";
import Link from "next/link";
import { getForumIndex } from "@/lib/forum/forum-index";
import { formatCount } from "@/lib/format";
import { SITE_FEED_URL } from "@/lib/urls";
import { MarkReadButtonIsland, MembersOnlyIsland } from "@/app/_components/personal/islands";
import { getViewer } from "@/lib/auth/viewer";
import { can } from "@/lib/permissions";
import { readableRules } from "@/lib/forum/forum-access";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  // A page's alternates replace the layout's, canonical included.
  alternates: {
    canonical: "/",
    types: { "application/rss+xml": [{ url: SITE_FEED_URL, title: "Parley: newest threads" }] },
  },
};

export default async function ForumIndexPage() {
  // The shared render has no viewer (public forums only); a member whose home lists members-only
  // forums gets a render of their own (server/guest-page-cache.ts asks lib/forum/restricted-paths).
  const viewer = await getViewer();
  const categories = await getForumIndex(readableRules(viewer));
  return (
    // A gap rather than space-y: the Mark all read row sits inside the islands' wrappers
    // (display: contents), which space-y's "each child" selector would not reach.
    <div className="flex flex-col gap-4">
      <h1 className="sr-only">Forums</h1>
      <MembersOnlyIsland signedIn={can(viewer, "keepReadingState")} className="flex justify-end">
        <MarkReadButtonIsland />
      </MembersOnlyIsland>
      {categories.map((category) => (
        <section
          key={category.id}
          aria-labelledby={`category-${category.id}`}
          className="overflow-hidden rounded-lg border border-slate-300 bg-surface shadow-sm"
        >
          <header className="bg-brand-700 px-4 py-2 text-white">
            <h2 id={`category-${category.id}`} className="font-semibold">
              {category.title}
            </h2>
            {category.description && (
              <p className="text-sm text-white/85">{category.description}</p>
            )}
          </header>
          <ul className="divide-y divide-slate-200">
            {category.forums.map((forum) => (
              <li
                key={forum.id}
                className="grid gap-2 px-4 py-3 sm:grid-cols-[1fr_10rem_16rem] sm:items-center"
              >
                <div>
                  <h3 className="font-semibold">
                    <Link href={forum.url}>{forum.title}</Link>
                  </h3>
                  {forum.description && (
                    <p className="text-sm text-slate-600">{forum.description}</p>
                  )}
                </div>
                <dl className="flex gap-4 text-sm text-slate-600 sm:block">
                  <div className="flex gap-1 sm:justify-between">
                    <dt>Threads</dt>
                    <dd className="font-medium text-slate-800">{formatCount(forum.threadCount)}</dd>
                  </div>
                  <div className="flex gap-1 sm:justify-between">
                    <dt>Messages</dt>
                    <dd className="font-medium text-slate-800">
                      {formatCount(forum.messageCount)}
                    </dd>
                  </div>
                </dl>
                <div className="min-w-0 text-sm">
                  {forum.lastPost ? (
                    <>
                      <Link
                        href={forum.lastPost.url}
                        className="block truncate leading-6 font-medium"
                      >
                        {forum.lastPost.threadTitle}
                      </Link>
                      {/* Underlined: a link told from the text around it by colour alone is
                          too faint for some readers (WCAG link-in-text-block). */}
                      <span className="text-slate-600 [&_a]:underline">
                        <LocalTime at={forum.lastPost.at} /> ·{" "}
                        {forum.lastPost.authorUrl ? (
                          <Link href={forum.lastPost.authorUrl}>{forum.lastPost.authorName}</Link>
                        ) : (
                          forum.lastPost.authorName
                        )}
                      </span>
                    </>
                  ) : (
                    <span className="text-slate-500">No posts yet</span>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
