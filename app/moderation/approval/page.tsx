import { LocalTime } from "@/app/_components/time/local-time";
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound, redirect } from "next/navigation";
import { Pagination } from "@/app/_components/pagination";
import { getViewer } from "@/lib/auth/viewer";
import { formatCount, formatDay } from "@/lib/format";
import { APPROVAL_MAX } from "@/lib/limits/sizes";
import { rewriteRemoteImages } from "@/lib/remote-images/rewrite";
import {
  getApprovalThreshold,
  listPendingPosts,
  type PendingPost,
} from "@/lib/moderation/approval";
import { can, isSignedIn } from "@/lib/permissions";
import { pageFromParam } from "@/lib/urls";
import { DecisionForm, DecisionProvider, DecisionStatus } from "../_components/decision-forms";
import { decidePostAction } from "./actions";
import { ApprovalSettingForm } from "./_components/setting-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Approval queue", robots: { index: false } };

const PATH = "/moderation/approval";
const approvalUrl = (page = 1) => (page > 1 ? `${PATH}?page=${page}` : PATH);

type Props = { searchParams: Promise<{ page?: string | string[] }> };

function describeSetting(n: number): string {
  if (n === 0) return "Approval is off: new members' posts show at once.";
  return n === 1
    ? "A new member's first post waits for approval."
    : `A new member's first ${n} posts wait for approval.`;
}

export default async function ApprovalPage({ searchParams }: Props) {
  const [viewer, params] = await Promise.all([getViewer(), searchParams]);
  const page = pageFromParam(params.page);
  if (!isSignedIn(viewer))
    redirect(`/login?callbackUrl=${encodeURIComponent(approvalUrl(page ?? 1))}`);
  if (!can(viewer, "approvePosts")) forbidden();
  if (page === null) notFound();

  const [queue, threshold] = await Promise.all([
    listPendingPosts({ page }),
    getApprovalThreshold(),
  ]);
  if (!queue) notFound();

  return (
    <div>
      <h1 className="text-2xl font-bold">Approval queue</h1>
      <p className="text-slate-600">
        Posts by new members waiting for a moderator, oldest first. Approved posts show to everyone;
        rejected ones stay hidden.
      </p>

      <section
        aria-labelledby="approval-setting-heading"
        className="mt-4 rounded-lg border border-slate-300 bg-surface p-4 shadow-sm"
      >
        <h2 id="approval-setting-heading" className="font-semibold">
          Setting
        </h2>
        {can(viewer, "changeSettings") ? (
          <div className="mt-2">
            <ApprovalSettingForm value={threshold} max={APPROVAL_MAX} />
          </div>
        ) : (
          <p className="mt-1 text-sm text-slate-700">
            {describeSetting(threshold)} Administrators change this.
          </p>
        )}
      </section>

      <DecisionProvider action={decidePostAction}>
        <DecisionStatus />
        <h2 className="mt-6 text-lg font-semibold">
          {queue.total === 0
            ? "Nothing waiting"
            : `${formatCount(queue.total)} ${queue.total === 1 ? "post waits" : "posts wait"} for approval`}
        </h2>
        <Pagination page={queue.page} pageCount={queue.pageCount} hrefFor={approvalUrl} />
        {queue.posts.length === 0 ? (
          <p className="mt-2 rounded-lg border border-slate-300 bg-surface p-4 text-slate-600 shadow-sm">
            No post is waiting for approval.
          </p>
        ) : (
          <ul aria-label="Posts waiting for approval" className="mt-2 space-y-4">
            {queue.posts.map((post) => (
              <PendingItem key={post.id} post={post} />
            ))}
          </ul>
        )}
        <Pagination page={queue.page} pageCount={queue.pageCount} hrefFor={approvalUrl} />
      </DecisionProvider>
    </div>
  );
}

function PendingItem({ post }: { post: PendingPost }) {
  const headingId = `pending-${post.id}`;
  return (
    <li
      aria-labelledby={headingId}
      className="overflow-hidden rounded-lg border border-slate-300 bg-surface shadow-sm"
    >
      <div className="border-b border-slate-200 bg-slate-50 px-4 py-2">
        <h3 id={headingId} className="font-semibold break-words">
          {post.startsThread ? (
            <>
              <span className="mr-1.5 rounded bg-brand-100 px-1.5 text-xs font-semibold text-link">
                New thread
              </span>
              “{post.thread.title}” by {post.author.name}
            </>
          ) : (
            <>
              Reply by {post.author.name} in “{post.thread.title}”
            </>
          )}
        </h3>
        <p className="flex flex-wrap gap-x-3 text-sm text-slate-600">
          <span>
            <LocalTime at={post.createdAt} /> in{" "}
            <Link href={post.forum.url}>{post.forum.title}</Link>
          </span>
          <span>
            {post.author.url ? (
              <Link href={post.author.url}>{post.author.name}</Link>
            ) : (
              post.author.name
            )}
            {post.author.joinedOn && <>, joined {formatDay(post.author.joinedOn)}</>}
          </span>
          <Link href={post.url}>
            {post.startsThread ? "View thread" : `View post #${post.position}`}
          </Link>
        </p>
      </div>
      <div className="space-y-3 px-4 py-3">
        <div
          tabIndex={0}
          role="group"
          aria-label={`Post by ${post.author.name}`}
          className="post-body max-h-64 overflow-y-auto rounded border border-slate-200 px-3 text-sm"
          dangerouslySetInnerHTML={{ __html: rewriteRemoteImages(post.html) }}
        />
        <DecisionForm
          fields={{ postId: post.id }}
          subjectId={headingId}
          accept={{ value: "approve", label: "Approve" }}
          refuse={{ value: "reject", label: "Reject" }}
        />
      </div>
    </li>
  );
}
