import { randomUUID } from "node:crypto";
import { readableRules } from "@/lib/forum/forum-access";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { getViewer } from "@/lib/auth/viewer";
import { getThreadPage } from "@/lib/forum/thread-page";
import { can, isSignedIn } from "@/lib/permissions";
import { replyRefusal } from "@/lib/permissions/posting";
import { idFromSlug } from "@/lib/urls";
import { ReplyForm } from "../_components/reply-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Reply" };

type Props = { params: Promise<{ slug: string }> };

/** A reply page rendered for its reader: the thread page is one rendering for everyone and draws its
 * reply box with JavaScript, so this plain form (a server action that works without scripts) is
 * where a reader without JavaScript replies. */
export default async function ReplyPage({ params }: Props) {
  const { slug } = await params;
  const viewer = await getViewer();
  if (!isSignedIn(viewer))
    redirect(`/login?callbackUrl=${encodeURIComponent(`/threads/${slug}/reply`)}`);
  const id = idFromSlug(slug);
  const data =
    id === null
      ? null
      : await getThreadPage(id, 1, {
          viewerId: viewer.id,
          seesDeleted: can(viewer, "viewDeleted"),
          viewRules: readableRules(viewer),
        });
  if (!data) notFound();
  const { thread, forum } = data;
  const refusal = replyRefusal(viewer, thread);
  return (
    <div className="space-y-4">
      <Breadcrumbs
        trail={[
          { label: forum.title, href: forum.url },
          { label: thread.title, href: thread.url },
        ]}
      />
      <h1 className="text-2xl font-bold break-words">Reply to {thread.title}</h1>
      <section className="rounded-lg border border-slate-300 bg-surface p-4 shadow-sm">
        {refusal === null ? (
          <ReplyForm threadId={thread.id} idempotencyKey={randomUUID()} />
        ) : (
          <p className="text-slate-700">{refusal}</p>
        )}
      </section>
      <p className="text-sm">
        <Link href={thread.url}>← Back to the thread</Link>
      </p>
    </div>
  );
}
