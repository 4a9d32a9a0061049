import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { MemberCard } from "@/app/_components/member-card";
import { Pagination } from "@/app/_components/pagination";
import { getThreadPage, type PostView } from "@/lib/forum/thread-page";
import { formatDateTime } from "@/lib/format";
import { idFromSlug, pageFromParam, threadUrl } from "@/lib/urls";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ page?: string | string[] }> };

async function load({ params, searchParams }: Props) {
  const [{ slug }, { page: pageParam }] = await Promise.all([params, searchParams]);
  const id = idFromSlug(slug);
  const page = pageFromParam(pageParam);
  const data = id === null || page === null ? null : await getThreadPage(id, page);
  if (!data) notFound();
  return data;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { thread, page } = await load(props);
  return { title: page > 1 ? `${thread.title} (page ${page})` : thread.title };
}

function Post({ post }: { post: PostView }) {
  return (
    <article id={`post-${post.id}`} aria-label={`Post #${post.position} by ${post.author.name}`} className="message flex flex-col overflow-hidden rounded-lg border border-slate-300 bg-white shadow-sm sm:flex-row">
      <MemberCard card={post.author} />
      <div className="min-w-0 flex-1 p-3 sm:p-4">
        <header className="mb-2 flex items-center justify-between gap-2 border-b border-slate-100 pb-2 text-sm text-slate-500">
          <time dateTime={post.createdAt.toISOString()}>{formatDateTime(post.createdAt)}</time>
          <a href={post.permalink} className="text-slate-500" aria-label={`Permalink to post #${post.position}`}>
            #{post.position}
          </a>
        </header>
        <div className="post-body" dangerouslySetInnerHTML={{ __html: post.html }} />
        {post.isEdited && (
          <footer className="mt-3 text-xs text-slate-500 italic">
            Last edited{post.editedAt ? <>: <time dateTime={post.editedAt.toISOString()}>{formatDateTime(post.editedAt)}</time></> : ""}
          </footer>
        )}
      </div>
    </article>
  );
}

export default async function ThreadPage(props: Props) {
  const { thread, forum, posts, page, pageCount } = await load(props);
  return (
    <div>
      <Breadcrumbs trail={[{ label: forum.title, href: forum.url }]} />
      <h1 className="text-2xl font-bold break-words">
        {thread.isLocked && <span className="mr-2 align-middle text-base" role="img" aria-label="Locked">🔒</span>}
        {thread.title}
      </h1>
      <Pagination page={page} pageCount={pageCount} hrefFor={(p) => threadUrl(thread, p)} />
      <div className="space-y-3">
        {posts.map((post) => (
          <Post key={post.id} post={post} />
        ))}
      </div>
      <Pagination page={page} pageCount={pageCount} hrefFor={(p) => threadUrl(thread, p)} />
      <p className="mt-4 text-sm">
        <Link href={forum.url}>← Back to {forum.title}</Link>
      </p>
    </div>
  );
}
