import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { Pagination } from "@/app/_components/pagination";
import { getViewer } from "@/lib/auth/viewer";
import {
  conversationPage,
  unreadConversationCount,
  type ConversationMessageView,
} from "@/lib/conversations/read";
import { conversationUrl, CONVERSATIONS_URL } from "@/lib/conversations/urls";
import { formatCount, formatDateTime } from "@/lib/format";
import { isSignedIn } from "@/lib/permissions";
import { rowId } from "@/lib/row-id";
import { pageFromParam } from "@/lib/urls";
import { InboxCountSync } from "../_components/inbox-count-sync";
import { ConversationReplyForm } from "./_components/conversation-reply-form";
import { ManageConversation } from "./_components/manage-conversation";
import { MessageTools } from "./_components/message-tools";

// Private: rendered per request for its participants, never in the page cache. Its title is not in
// the metadata either, so no one's browser history or tab sync shows more than "Conversation".
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Conversation", robots: { index: false } };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ page?: string | string[] }>;
};

export default async function ConversationPage({ params, searchParams }: Props) {
  const [{ id: rawId }, query, viewer] = await Promise.all([params, searchParams, getViewer()]);
  const id = rowId().safeParse(rawId);
  const page = pageFromParam(query.page);
  if (!id.success || page === null) notFound();
  if (!isSignedIn(viewer))
    redirect(`/login?callbackUrl=${encodeURIComponent(conversationUrl(id.data, page))}`);
  // Not a participant (never, or no longer): the same 404 as no conversation at all.
  const data = await conversationPage(viewer, id.data, page);
  if (!data) notFound();
  const unread = await unreadConversationCount(viewer.id);

  return (
    <div className="space-y-4">
      <InboxCountSync unread={unread} />
      <Breadcrumbs trail={[{ label: "Conversations", href: CONVERSATIONS_URL }]} />
      <div className="space-y-2">
        <h1 className="text-2xl font-bold break-words">
          {data.isLocked && (
            <span className="mr-2 align-middle text-base" role="img" aria-label="Locked">
              🔒
            </span>
          )}
          {data.title}
        </h1>
        <p className="text-sm text-slate-600">
          {data.replyCount === 1 ? "1 reply" : `${formatCount(data.replyCount)} replies`} ·
          Participants:{" "}
          {data.participants.map((p, i) => (
            <span key={p.url}>
              {i > 0 && ", "}
              <Link href={p.url}>{p.name}</Link>
              {p.isStarter && " (started it)"}
            </span>
          ))}
        </p>
        <ManageConversation
          conversationId={data.id}
          canInvite={data.canInvite}
          canLock={data.canLock}
          canLeave={data.canLeave}
          isLocked={data.isLocked}
        />
      </div>
      <Pagination
        page={data.page}
        pageCount={data.pageCount}
        hrefFor={(p) => conversationUrl(data.id, p)}
      />
      <div className="space-y-3">
        {data.messages.map((message) => (
          <Message key={message.id} message={message} />
        ))}
      </div>
      <Pagination
        page={data.page}
        pageCount={data.pageCount}
        hrefFor={(p) => conversationUrl(data.id, p)}
      />
      <section className="rounded-lg border border-slate-300 bg-surface p-4 shadow-sm">
        {data.canReply ? (
          <ConversationReplyForm conversationId={data.id} idempotencyKey={randomUUID()} />
        ) : (
          <p>
            {data.isLocked
              ? "This conversation is locked: it takes no new messages."
              : "Your account is banned: you can read this conversation but not reply."}
          </p>
        )}
      </section>
    </div>
  );
}

function Message({ message }: { message: ConversationMessageView }) {
  return (
    <article
      id={`message-${message.id}`}
      aria-label={`Message by ${message.authorName}`}
      className="scroll-mt-4 rounded-lg border border-slate-300 bg-surface p-3 shadow-sm sm:p-4"
    >
      <header className="mb-2 flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 pb-2 text-sm text-slate-500">
        {message.authorUrl ? (
          <Link href={message.authorUrl} className="font-semibold">
            {message.authorName}
          </Link>
        ) : (
          <span className="font-semibold">{message.authorName}</span>
        )}
        <time dateTime={message.createdAt.toISOString()}>{formatDateTime(message.createdAt)}</time>
      </header>
      <div className="post-body" dangerouslySetInnerHTML={{ __html: message.html }} />
      <MessageTools
        messageId={message.id}
        authorName={message.authorName}
        source={message.source}
        canQuote={message.canQuote}
        canReport={message.canReport}
      />
    </article>
  );
}
