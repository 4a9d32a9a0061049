import { LocalTime } from "@/app/_components/time/local-time";
import type { Metadata } from "next";
import { readableRules } from "@/lib/forum/forum-access";
import Link from "next/link";
import { Pagination } from "@/app/_components/pagination";
import { IgnoredRowsIsland } from "@/app/_components/personal/islands";
import { rowAuthors } from "@/app/_components/personal/row-authors";
import { getViewer } from "@/lib/auth/viewer";
import { reactionOf } from "@/lib/forum/reaction-kinds";
import { can, ownerOf } from "@/lib/permissions";
import { latestActivity, type ActivityItem } from "@/lib/reading/latest-activity";
import { whatsNewUrl } from "@/lib/urls";
import { pageOrRedirect } from "../_components/page-param";
import { PastTheEnd } from "../_components/past-the-end";
import { WhatsNewHeader } from "../_components/whats-new-header";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Latest activity" };

type Props = { searchParams: Promise<{ page?: string | string[] }> };

function Name({ who }: { who: { name: string; url: string | null } }) {
  return who.url ? (
    <Link href={who.url} className="font-semibold">
      {who.name}
    </Link>
  ) : (
    <span className="font-semibold">{who.name}</span>
  );
}

function Event({ item }: { item: ActivityItem }) {
  if (item.kind === "member") {
    return (
      <p>
        <Name who={item.actor} /> joined the forum.
      </p>
    );
  }
  const thread = <Link href={item.post.thread.url}>{item.post.thread.title}</Link>;
  if (item.kind === "reaction") {
    const reaction = reactionOf(item.reaction);
    return (
      <p>
        <Name who={item.actor} /> reacted to{" "}
        <Link href={item.post.url}>{item.post.author.name}&apos;s post</Link> in {thread} with{" "}
        <span aria-hidden="true">{reaction.emoji} </span>
        {reaction.label}.
      </p>
    );
  }
  return (
    <>
      <p>
        <Name who={item.actor} /> {item.post.position === 1 ? "started the thread" : "replied to"}{" "}
        {thread}.
      </p>
      {item.post.excerpt && (
        <p className="mt-1 text-sm break-words text-slate-600">
          <Link href={item.post.url} className="text-slate-600">
            {item.post.excerpt}
          </Link>
        </p>
      )}
    </>
  );
}

export default async function LatestActivityPage({ searchParams }: Props) {
  const [params, viewer] = await Promise.all([searchParams, getViewer()]);
  // Read state is the reader's own: none on a rendering shared by a staff role (ownerOf).
  const owner = ownerOf(viewer);
  const readerId = can(owner, "keepReadingState") ? owner.id : null;
  const page = pageOrRedirect(params.page, whatsNewUrl("activity"));
  const list = await latestActivity(readerId, {
    page,
    viewRules: readableRules(viewer),
  });
  const hrefFor = (p: number) => whatsNewUrl("activity", p);
  return (
    <div>
      <WhatsNewHeader current="activity" viewer={viewer} />
      {page > list.pageCount ? (
        <PastTheEnd page={page} pageCount={list.pageCount} lastPageHref={hrefFor(list.pageCount)} />
      ) : (
        <>
          <Pagination page={page} pageCount={list.pageCount} hrefFor={hrefFor} />
          <section
            aria-label="Latest activity"
            className="overflow-hidden rounded-lg border border-slate-300 bg-surface shadow-sm"
          >
            {list.items.length === 0 ? (
              <p className="p-4 text-slate-600">Nothing has happened yet.</p>
            ) : (
              <IgnoredRowsIsland>
                <ol className="divide-y divide-slate-200">
                  {list.items.map((item) => (
                    <li
                      key={item.key}
                      // A reaction by or to an ignored member is hidden, as their posts are.
                      data-authors={
                        item.kind === "reaction"
                          ? rowAuthors(item.actor.id, item.post.author.id)
                          : rowAuthors(item.actor.id)
                      }
                      className="min-w-0 px-4 py-3 break-words"
                    >
                      <Event item={item} />
                      <p className="mt-1 text-xs text-slate-500">
                        <LocalTime at={item.at} />
                      </p>
                    </li>
                  ))}
                </ol>
              </IgnoredRowsIsland>
            )}
          </section>
          <Pagination page={page} pageCount={list.pageCount} hrefFor={hrefFor} />
        </>
      )}
    </div>
  );
}
