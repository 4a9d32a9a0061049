import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { Pagination } from "@/app/_components/pagination";
import { getViewer } from "@/lib/auth/viewer";
import { listConversations, unreadConversationCount } from "@/lib/conversations/read";
import { conversationUrl, CONVERSATIONS_URL, NEW_CONVERSATION_URL } from "@/lib/conversations/urls";
import { formatCount, formatDateTime } from "@/lib/format";
import { isSignedIn } from "@/lib/permissions";
import { pageFromParam } from "@/lib/urls";
import { InboxCountSync } from "./_components/inbox-count-sync";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Conversations", robots: { index: false } };

const listUrl = (page = 1) => (page > 1 ? `${CONVERSATIONS_URL}?page=${page}` : CONVERSATIONS_URL);

export default async function ConversationsPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string | string[] }>;
}) {
  const [viewer, params] = await Promise.all([getViewer(), searchParams]);
  const page = pageFromParam(params.page);
  if (!isSignedIn(viewer)) redirect(`/login?callbackUrl=${encodeURIComponent(listUrl(page ?? 1))}`);
  if (page === null) notFound();
  const [list, unread] = await Promise.all([
    listConversations(viewer, page),
    unreadConversationCount(viewer.id),
  ]);
  if (!list) notFound();

  return (
    <div className="mx-auto max-w-4xl space-y-3">
      <InboxCountSync unread={unread} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h1 className="text-2xl font-bold">Conversations</h1>
          <p className="text-slate-600">
            {unread === 0
              ? "Nothing unread."
              : unread === 1
                ? "1 conversation has unread messages."
                : `${formatCount(unread)} conversations have unread messages.`}
          </p>
        </div>
        <Link
          href={NEW_CONVERSATION_URL}
          className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 hover:no-underline"
        >
          Start conversation
        </Link>
      </div>
      {list.items.length === 0 ? (
        <p className="rounded-lg border border-slate-300 bg-surface p-4 shadow-sm">
          You are in no conversations yet. Start one with “Start conversation”, or from a member’s
          profile.
        </p>
      ) : (
        <ul
          aria-label="Your conversations"
          className="divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-300 bg-surface shadow-sm"
        >
          {list.items.map((c) => (
            <li
              key={c.id}
              className={`flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 ${c.unread ? "bg-brand-50" : ""}`}
            >
              <div className="min-w-0 flex-1">
                <Link
                  href={conversationUrl(c.id)}
                  className={`break-words ${c.unread ? "font-bold" : "font-semibold"}`}
                >
                  {c.title}
                </Link>
                {c.unread && (
                  <span className="ml-2 rounded bg-brand-700 px-1.5 py-0.5 text-xs font-semibold text-white">
                    Unread
                  </span>
                )}
                <p className="text-sm text-slate-600">
                  Started by {c.starterName} · with {c.participantNames.join(", ")}
                </p>
              </div>
              <div className="text-right text-sm text-slate-600">
                <p>{c.replyCount === 1 ? "1 reply" : `${formatCount(c.replyCount)} replies`}</p>
                <p>
                  <time dateTime={c.lastMessageAt.toISOString()}>
                    {formatDateTime(c.lastMessageAt)}
                  </time>
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={list.page} pageCount={list.pageCount} hrefFor={listUrl} />
    </div>
  );
}
