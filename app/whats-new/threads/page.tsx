import type { Metadata } from "next";
import { readableRules } from "@/lib/forum/forum-access";
import { Pagination } from "@/app/_components/pagination";
import { getViewer } from "@/lib/auth/viewer";
import { can, ownerOf } from "@/lib/permissions";
import { newThreads } from "@/lib/reading/whats-new";
import { whatsNewUrl } from "@/lib/urls";
import { pageOrRedirect } from "../_components/page-param";
import { PastTheEnd } from "../_components/past-the-end";
import { ThreadRows } from "../_components/thread-rows";
import { WhatsNewHeader } from "../_components/whats-new-header";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New threads" };

type Props = { searchParams: Promise<{ page?: string | string[] }> };

export default async function NewThreadsPage({ searchParams }: Props) {
  const [params, viewer] = await Promise.all([searchParams, getViewer()]);
  // Read state is the reader's own: none on a rendering shared by a staff role (ownerOf).
  const owner = ownerOf(viewer);
  const readerId = can(owner, "keepReadingState") ? owner.id : null;
  const page = pageOrRedirect(params.page, whatsNewUrl("threads"));
  const list = await newThreads(readerId, {
    page,
    viewRules: readableRules(viewer),
  });
  const hrefFor = (p: number) => whatsNewUrl("threads", p);
  return (
    <div>
      <WhatsNewHeader current="threads" viewer={viewer} />
      {page > list.pageCount ? (
        <PastTheEnd page={page} pageCount={list.pageCount} lastPageHref={hrefFor(list.pageCount)} />
      ) : (
        <>
          <Pagination page={page} pageCount={list.pageCount} hrefFor={hrefFor} />
          <ThreadRows threads={list.items} empty="There are no threads yet." />
          <Pagination page={page} pageCount={list.pageCount} hrefFor={hrefFor} />
        </>
      )}
    </div>
  );
}
