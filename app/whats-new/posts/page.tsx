import type { Metadata } from "next";
import { readableRules } from "@/lib/forum/forum-access";
import Link from "next/link";
import { Pagination } from "@/app/_components/pagination";
import { MembersOnlyIsland } from "@/app/_components/personal/islands";
import { getViewer } from "@/lib/auth/viewer";
import { can, ownerOf } from "@/lib/permissions";
import { newPosts } from "@/lib/reading/whats-new";
import { whatsNewUrl } from "@/lib/urls";
import { pageOrRedirect } from "../_components/page-param";
import { PastTheEnd } from "../_components/past-the-end";
import { ThreadRows } from "../_components/thread-rows";
import { WhatsNewHeader } from "../_components/whats-new-header";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New posts" };

type Props = { searchParams: Promise<{ page?: string | string[]; unread?: string | string[] }> };

export default async function NewPostsPage({ searchParams }: Props) {
  const [params, viewer] = await Promise.all([searchParams, getViewer()]);
  // Read state is the reader's own: none on a rendering shared by a staff role (ownerOf).
  const owner = ownerOf(viewer);
  const member = can(owner, "keepReadingState");
  const unreadOnly = member && params.unread === "1";
  const query: Record<string, string> = unreadOnly ? { unread: "1" } : {};
  const page = pageOrRedirect(params.page, whatsNewUrl("posts", 1, query));
  const list = await newPosts(member ? owner.id : null, {
    page,
    unreadOnly,
    viewRules: readableRules(viewer),
  });
  const hrefFor = (p: number) => whatsNewUrl("posts", p, query);
  const filter = "rounded px-2 py-1";
  return (
    <div>
      <WhatsNewHeader current="posts" viewer={viewer} />
      <MembersOnlyIsland signedIn={member}>
        <nav aria-label="Show" className="mb-2 flex gap-1 text-sm">
          <Link
            href={whatsNewUrl("posts")}
            aria-current={unreadOnly ? undefined : "page"}
            className={`${filter} ${unreadOnly ? "" : "bg-slate-200 font-semibold text-slate-900"}`}
          >
            All threads
          </Link>
          <Link
            href={whatsNewUrl("posts", 1, { unread: "1" })}
            aria-current={unreadOnly ? "page" : undefined}
            className={`${filter} ${unreadOnly ? "bg-slate-200 font-semibold text-slate-900" : ""}`}
          >
            Unread only
          </Link>
        </nav>
      </MembersOnlyIsland>
      {page > list.pageCount ? (
        <PastTheEnd page={page} pageCount={list.pageCount} lastPageHref={hrefFor(list.pageCount)} />
      ) : (
        <>
          <Pagination page={page} pageCount={list.pageCount} hrefFor={hrefFor} />
          <ThreadRows
            threads={list.items}
            empty={
              unreadOnly
                ? "You have read everything: no unread threads."
                : "There are no threads yet."
            }
          />
          <Pagination page={page} pageCount={list.pageCount} hrefFor={hrefFor} />
        </>
      )}
    </div>
  );
}
