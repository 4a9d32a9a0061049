import { LocalTime } from "@/app/_components/time/local-time";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, permanentRedirect } from "next/navigation";
import { cache } from "react";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { MemberCard } from "@/app/_components/member-card";
import { Pagination } from "@/app/_components/pagination";
import { getViewer } from "@/lib/auth/viewer";
import { reactionsForPosts, type PostReactions } from "@/lib/forum/reactions";
import { getThreadPage, postTarget, type PostView, type Removal } from "@/lib/forum/thread-page";
import { formatCount } from "@/lib/format";
import {
  can,
  isSignedIn,
  ownerOf,
  type ForumViewRule,
  type ThreadTarget,
  type Viewer,
} from "@/lib/permissions";
import { readableRules } from "@/lib/forum/forum-access";
import {
  idFromSlug,
  pageFromParam,
  queryString,
  slugRedirect,
  threadUrl,
  type QueryParams,
} from "@/lib/urls";
import { mergedInto } from "@/lib/forum/thread-redirects";
import { PostAttachments } from "./_components/post-attachments";
import { PostTools } from "./_components/post-tools";
import { forumChoices } from "@/lib/forum/forum-choices";
import { QuoteExpander } from "./_components/quote-expander";
import { IgnoredQuotes } from "./_components/ignored-quotes";
import { BulkBar, PostModeration, ThreadTools, WarnTool } from "./_components/on-demand";
import { WarningNotice } from "./_components/warning-notice";
import { warnedPostIds } from "@/lib/moderation/warnings";
import { isWatching } from "@/lib/watching/watch";
import { NewReplies } from "./_components/new-replies";
import { PersonalScope } from "@/app/_components/personal/personal-scope";
import { replyBox } from "@/lib/personal/reply-box";
import { IgnoredWhen, ReplyArea, WatchArea } from "./_components/personal-thread";
import { pollForThread } from "@/lib/polls/read";
import { PollBox } from "./_components/poll/poll-box";
import { island } from "@/app/_islands/island";

export const dynamic = "force-dynamic";

// The page's client components as islands (app/_islands): hydrated one by one on the copy shared by
// guests and members, which is served without Next's runtime. Their props are plain JSON. The staff
// tools (ThreadTools, PostModeration, WarnTool, BulkBar) are only on staff copies: drawn as they are.
const IgnoredWhenIsland = island("IgnoredWhen", IgnoredWhen);
const PostToolsIsland = island("PostTools", PostTools);
const WarningNoticeIsland = island("WarningNotice", WarningNotice);
const WatchAreaIsland = island("WatchArea", WatchArea);
const PollBoxIsland = island("PollBox", PollBox);
const NewRepliesIsland = island("NewReplies", NewReplies);
const ReplyAreaIsland = island("ReplyArea", ReplyArea);
const QuoteExpanderIsland = island("QuoteExpander", QuoteExpander);
const IgnoredQuotesIsland = island("IgnoredQuotes", IgnoredQuotes);

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<QueryParams>;
};

// generateMetadata and the page both need the thread: one set of queries per request.
const loadThreadPage = cache(
  (id: number, page: number, viewerId: string | null, seesDeleted: boolean, rules: string) =>
    getThreadPage(id, page, {
      viewerId,
      seesDeleted,
      viewRules: rules.split(",") as ForumViewRule[],
    }),
);

async function load({ params, searchParams }: Props) {
  const [{ slug }, query, viewer] = await Promise.all([params, searchParams, getViewer()]);
  const id = idFromSlug(slug);
  const page = pageFromParam(query.page);
  const reader = { viewerId: ownerOf(viewer).id, seesDeleted: can(viewer, "viewDeleted") };
  const data =
    id === null || page === null
      ? null
      : await loadThreadPage(
          id,
          page,
          reader.viewerId,
          reader.seesDeleted,
          readableRules(viewer).join(","),
        );
  if (!data) {
    // A merged thread's posts are in the thread it was merged into (its page numbers are not).
    const merged = id === null ? null : await mergedInto(id);
    if (merged) permanentRedirect(`${threadUrl(merged)}${queryString(query, ["page"])}`);
    notFound();
  }
  const canonical = slugRedirect(slug, threadUrl(data.thread), query);
  if (canonical) permanentRedirect(canonical);
  return data;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { thread, page } = await load(props);
  return {
    title: page > 1 ? `${thread.title} (page ${page})` : thread.title,
    alternates: { canonical: threadUrl(thread, page) },
  };
}

function Post({
  post,
  threadId,
  thread,
  viewer,
  reactions,
  warned,
}: {
  post: PostView;
  threadId: number;
  thread: ThreadTarget;
  viewer: Viewer;
  reactions: PostReactions | undefined;
  warned: boolean;
}) {
  const target = postTarget(post, thread);
  // What is the reader's own (edit rights, reactions, reporting) is theirs to draw on a rendering of
  // their own; on one shared by everyone or by a staff role, their personal answer draws it.
  const owner = ownerOf(viewer);
  return (
    <article
      id={`post-${post.id}`}
      aria-label={`Post #${post.position} by ${post.author.name}`}
      className={`message flex scroll-mt-4 flex-col overflow-hidden rounded-lg border border-slate-300 bg-surface shadow-sm sm:flex-row ${post.deleted ? "opacity-60" : ""}`}
    >
      <IgnoredWhenIsland ignored={post.isIgnored} authorId={post.authorId} postId={post.id}>
        <MemberCard card={post.author} ignore={ignoreToggle(owner, post)} />
        <div className="min-w-0 flex-1 p-3 sm:p-4">
          <header className="mb-2 flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 pb-2 text-sm text-slate-500">
            <LocalTime at={post.createdAt} />
            {can(viewer, "moderatePosts") && (
              <PostModeration
                threadId={threadId}
                postId={post.id}
                position={post.position}
                deleted={post.deleted !== null}
                isFirst={post.position === 1}
              />
            )}
            {post.authorId &&
              post.author.role &&
              can(viewer, "warnMember", { id: post.authorId, role: post.author.role }) && (
                <WarnTool
                  postId={post.id}
                  position={post.position}
                  authorName={post.author.name}
                  warned={warned}
                />
              )}
            <a
              href={post.permalink}
              className="text-slate-500"
              aria-label={`Permalink to post #${post.position}`}
            >
              #{post.position}
            </a>
          </header>
          {post.deleted && <RemovalNotice what="post" removal={post.deleted} />}
          {warned && <WarningNoticeIsland postId={post.id} authorName={post.author.name} />}
          {post.approvalState !== "approved" && (
            <p className="mb-2 rounded border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm text-amber-900">
              {post.approvalState === "pending"
                ? "Awaiting approval by a moderator: only you and the staff can see this post."
                : "Rejected by a moderator."}
            </p>
          )}
          <PostToolsIsland
            postId={post.id}
            threadId={threadId}
            authorName={post.author.name}
            canEdit={can(owner, "editPost", target)}
            canReact={can(owner, "react", target)}
            canQuote={can(owner, "quotePost", target)}
            canReport={can(owner, "report", target)}
            counts={Object.fromEntries((reactions?.counts ?? []).map((c) => [c.kind, c.count]))}
            viewerReaction={reactions?.viewerReaction ?? null}
            reactors={reactions?.reactors ?? []}
          >
            <div className="post-body" dangerouslySetInnerHTML={{ __html: post.html }} />
            <PostAttachments attachments={post.attachments} />
            {post.signatureHtml && <Signature html={post.signatureHtml} />}
          </PostToolsIsland>
          {post.isEdited && (
            <footer className="mt-3 text-xs text-slate-500 italic">
              Last edited
              {post.editedAt ? (
                <>
                  : <LocalTime at={post.editedAt} />
                </>
              ) : (
                ""
              )}
              {can(viewer, "viewEditHistory") && (
                <>
                  {" · "}
                  <Link href={`/posts/${post.id}/history`} className="underline">
                    History
                  </Link>
                </>
              )}
            </footer>
          )}
        </div>
      </IgnoredWhenIsland>
    </article>
  );
}

/** The author's signature under the message, as on their profile (sanitized when saved). Kept short
 * on the page: a long one is cut off rather than pushing the thread down. */
function Signature({ html }: { html: string }) {
  return (
    <div className="signature mt-4 max-h-32 overflow-hidden border-t border-slate-200 pt-2 text-sm text-slate-600">
      <span className="sr-only">Signature: </span>
      <div className="post-body" dangerouslySetInnerHTML={{ __html: html }} />
    </div>
  );
}

/** The card's Ignore/Unignore button: the author's account, and on a page rendered for a signed-in
 * reader whether they ignore them (the button itself asks lib/permissions whether to show). */
function ignoreToggle(viewer: Viewer, post: PostView) {
  if (!post.authorId || !post.author.role) return undefined;
  const member = { id: post.authorId, role: post.author.role };
  return isSignedIn(viewer) && can(viewer, "ignoreMember", member)
    ? { member, ignoring: post.isIgnored }
    : { member };
}

function RemovalNotice({ what, removal }: { what: "post" | "thread"; removal: Removal }) {
  return (
    <p className="mb-2 rounded border border-slate-300 bg-slate-100 px-3 py-1.5 text-sm text-slate-700">
      This {what} was deleted{removal.byName ? ` by ${removal.byName}` : ""} on{" "}
      <LocalTime at={removal.at} />
      {removal.reason ? `: ${removal.reason}` : "."} Only staff can see it.
    </p>
  );
}

export default async function ThreadPage(props: Props) {
  const [{ thread, forum, posts, page, pageCount, ignoredQuotes }, viewer] = await Promise.all([
    load(props),
    getViewer(),
  ]);
  // Read marks are recorded by the personal answer of each real page view (never a prefetch), not
  // here: this page is rendered once for everyone.
  const owner = ownerOf(viewer);
  const showsWatch = can(owner, "keepReadingState") && !thread.deletedAt;
  const [reactions, watching, poll, warned] = await Promise.all([
    reactionsForPosts(
      posts.map((p) => p.id),
      owner.id,
    ),
    showsWatch ? isWatching(owner.id, thread.id) : null,
    pollForThread(thread.id),
    warnedPostIds(posts.map((p) => p.id)),
  ]);
  return (
    <div>
      <Breadcrumbs trail={[{ label: forum.title, href: forum.url }]} />
      <h1 className="text-2xl font-bold break-words">
        {thread.isLocked && (
          <span className="mr-2 align-middle text-base" role="img" aria-label="Locked">
            🔒
          </span>
        )}
        {thread.title}
      </h1>
      <p className="text-sm text-slate-600">
        {formatCount(thread.replyCount)} {thread.replyCount === 1 ? "reply" : "replies"} ·{" "}
        {formatCount(thread.viewCount)} {thread.viewCount === 1 ? "view" : "views"}
      </p>
      {thread.deleted && <RemovalNotice what="thread" removal={thread.deleted} />}
      <WatchAreaIsland threadId={thread.id} watching={watching} />
      {can(viewer, "moderateThreads") && (
        <ThreadTools
          key={`thread-tools-${thread.id}`}
          thread={{
            id: thread.id,
            title: thread.title,
            forumId: thread.forumId,
            isLocked: thread.isLocked,
            isSticky: thread.isSticky,
            isDeleted: thread.deletedAt !== null,
          }}
          forums={await forumChoices()}
          canHardDelete={can(viewer, "hardDeleteThread")}
        />
      )}
      {poll && <PollBoxIsland poll={poll} />}
      <Pagination page={page} pageCount={pageCount} hrefFor={(p) => threadUrl(thread, p)} />
      <div className="space-y-3">
        {posts.map((post) => (
          <Post
            key={post.id}
            post={post}
            threadId={thread.id}
            thread={thread}
            viewer={viewer}
            reactions={reactions.get(post.id)}
            warned={warned.has(post.id)}
          />
        ))}
      </div>
      <NewRepliesIsland threadId={thread.id} />
      {can(viewer, "moderatePosts") && (
        <BulkBar key={`bulk-bar-${thread.id}`} threadId={thread.id} />
      )}
      <Pagination page={page} pageCount={pageCount} hrefFor={(p) => threadUrl(thread, p)} />
      <section className="mt-4 rounded-lg border border-slate-300 bg-surface p-4 shadow-sm">
        <ReplyAreaIsland
          thread={{ id: thread.id, slug: thread.slug, url: thread.url, isLocked: thread.isLocked }}
          server={replyBox(owner, thread)}
          signedIn={isSignedIn(owner)}
        />
      </section>
      <QuoteExpanderIsland />
      {ignoredQuotes.length > 0 && <IgnoredQuotesIsland postIds={ignoredQuotes} />}
      <p className="mt-4 text-sm">
        <Link href={forum.url}>← Back to {forum.title}</Link>
      </p>
      <PersonalScope thread={thread.id} posts={posts.map((p) => p.id)} />
    </div>
  );
}
