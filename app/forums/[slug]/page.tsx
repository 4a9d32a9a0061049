import type { Metadata } from "next";
import Link from "next/link";
import { ThreadRowStats } from "@/app/_components/thread-row-stats";
import { notFound, permanentRedirect } from "next/navigation";
import { cache } from "react";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { Pagination } from "@/app/_components/pagination";
import { getForumPage } from "@/lib/forum/forum-page";
import {
  forumFeedUrl,
  forumUrl,
  pageFromParam,
  queryString,
  SITE_FEED_URL,
  type QueryParams,
} from "@/lib/urls";
import { forumSlugSpeltAs } from "@/lib/forum/forum-slug";
import { getViewer } from "@/lib/auth/viewer";
import { can, ownerOf, type ForumViewRule } from "@/lib/permissions";
import { readableRules } from "@/lib/forum/forum-access";
import { unreadAmong } from "@/lib/reading/reads";
import {
  IgnoredRowsIsland,
  MarkReadButtonIsland,
  MembersOnlyIsland,
} from "@/app/_components/personal/islands";
import { rowAuthors } from "@/app/_components/personal/row-authors";
import { ThreadRowHeading } from "@/app/_components/thread-row-heading";
import { PersonalScope } from "@/app/_components/personal/personal-scope";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<QueryParams>;
};

// generateMetadata and the page both need the forum: one set of queries per request.
const loadForumPage = cache(
  (slug: string, page: number, seesDeleted: boolean, viewerId: string | null, rules: string) =>
    getForumPage(slug, page, {
      seesDeleted,
      viewerId,
      viewRules: rules.split(",") as ForumViewRule[],
    }),
);

async function load({ params, searchParams }: Props) {
  const [{ slug }, query, viewer] = await Promise.all([params, searchParams, getViewer()]);
  const page = pageFromParam(query.page);
  const data =
    page === null
      ? null
      : await loadForumPage(
          slug,
          page,
          can(viewer, "viewDeleted"),
          ownerOf(viewer).id,
          readableRules(viewer).join(","),
        );
  if (!data) {
    const spelt = await forumSlugSpeltAs(slug);
    if (spelt) permanentRedirect(`${forumUrl({ slug: spelt })}${queryString(query)}`);
    notFound();
  }
  return data;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { forum, page } = await load(props);
  // Feeds are read without signing in: a forum that is not public has none.
  const isPublic = forum.access.viewRule === "everyone";
  const feeds = [
    ...(isPublic ? [{ url: forumFeedUrl(forum), title: `${forum.title}: newest threads` }] : []),
    { url: SITE_FEED_URL, title: "Parley: newest threads" },
  ];
  return {
    title: forum.title,
    description: forum.description ?? undefined,
    alternates: { canonical: forumUrl(forum, page), types: { "application/rss+xml": feeds } },
  };
}

export default async function ForumPage(props: Props) {
  const [{ forum, threads, page, pageCount }, viewer] = await Promise.all([
    load(props),
    getViewer(),
  ]);
  const unread = await unreadAmong(
    ownerOf(viewer).id,
    threads.map((t) => t.id),
  );
  return (
    <div>
      <Breadcrumbs trail={[]} />
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h1 className="text-2xl font-bold">{forum.title}</h1>
          {forum.description && <p className="text-slate-600">{forum.description}</p>}
        </div>
        <div className="flex flex-wrap items-center gap-3">
          {/* A plain link, not next/link: the feed is XML, not a page of the app. */}
          {forum.access.viewRule === "everyone" && (
            <a
              href={forumFeedUrl(forum)}
              className="text-sm font-semibold"
              title={`RSS feed of ${forum.title}`}
            >
              RSS
            </a>
          )}
          <MembersOnlyIsland signedIn={can(viewer, "keepReadingState")}>
            <MarkReadButtonIsland forumId={forum.id} />
          </MembersOnlyIsland>
          <Link
            href={`/forums/${forum.slug}/new`}
            className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 hover:no-underline"
          >
            New thread
          </Link>
        </div>
      </div>
      <Pagination page={page} pageCount={pageCount} hrefFor={(p) => forumUrl(forum, p)} />
      <section
        aria-label="Threads"
        className="overflow-hidden rounded-lg border border-slate-300 bg-surface shadow-sm"
      >
        {threads.length === 0 ? (
          <p className="p-4 text-slate-600">There are no threads in this forum yet.</p>
        ) : (
          <IgnoredRowsIsland>
            <ul className="divide-y divide-slate-200">
              {threads.map((thread) => (
                <li
                  key={thread.id}
                  data-authors={rowAuthors(thread.authorId)}
                  className={`grid gap-1 px-4 py-3 sm:grid-cols-[1fr_8rem_14rem] sm:items-center sm:gap-3 ${thread.deleted ? "bg-slate-50 opacity-70" : ""}`}
                >
                  <div className="min-w-0">
                    <ThreadRowHeading
                      thread={thread}
                      starter={{ name: thread.authorName, url: thread.authorUrl }}
                      unreadUrl={unread.get(thread.id) ?? null}
                      badges={
                        <>
                          {thread.deleted && (
                            <span className="mr-1 rounded bg-red-100 px-1.5 text-xs font-semibold text-red-900">
                              Deleted
                            </span>
                          )}
                          {thread.isSticky && (
                            <span className="mr-1 rounded bg-amber-100 px-1.5 text-xs font-semibold text-amber-900">
                              Sticky
                            </span>
                          )}
                          {thread.isLocked && (
                            <span className="mr-1 rounded bg-slate-200 px-1.5 text-xs font-semibold text-slate-700">
                              Locked
                            </span>
                          )}
                        </>
                      }
                    />
                    {thread.deleted && (
                      <p className="text-sm text-slate-600">
                        Deleted{thread.deleted.byName ? ` by ${thread.deleted.byName}` : ""}
                        {thread.deleted.reason ? `: ${thread.deleted.reason}` : ""} · only staff can
                        see it
                      </p>
                    )}
                  </div>
                  <ThreadRowStats
                    replyCount={thread.replyCount}
                    viewCount={thread.viewCount}
                    lastPost={thread.lastPost}
                  />
                </li>
              ))}
            </ul>
          </IgnoredRowsIsland>
        )}
      </section>
      <Pagination page={page} pageCount={pageCount} hrefFor={(p) => forumUrl(forum, p)} />
      <PersonalScope threads={threads.map((t) => t.id)} />
    </div>
  );
}
