import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { getViewer } from "@/lib/auth/viewer";
import { getForumPage } from "@/lib/forum/forum-page";
import { can, isSignedIn } from "@/lib/permissions";
import { threadRefusal } from "@/lib/permissions/posting";
import { readableRules } from "@/lib/forum/forum-access";
import { TITLE } from "@/lib/limits/sizes";
import { forumUrl } from "@/lib/urls";
import { NewThreadForm } from "./_components/new-thread-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New thread" };

export default async function NewThreadPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const viewer = await getViewer();
  const data = await getForumPage(slug, 1, { viewRules: readableRules(viewer) });
  if (!data) notFound();
  if (!isSignedIn(viewer))
    redirect(`/login?callbackUrl=${encodeURIComponent(`/forums/${slug}/new`)}`);
  return (
    <div className="space-y-3">
      <Breadcrumbs trail={[{ label: data.forum.title, href: forumUrl(data.forum) }]} />
      <h1 className="text-2xl font-bold">New thread in {data.forum.title}</h1>
      <div className="rounded-lg border border-slate-300 bg-surface p-4 shadow-sm">
        {can(viewer, "postThread", data.forum.access) ? (
          <NewThreadForm
            forumId={data.forum.id}
            titleHint={`${TITLE.min} to ${TITLE.max} characters.`}
            idempotencyKey={randomUUID()}
          />
        ) : (
          <p>{threadRefusal(viewer, data.forum.access)}</p>
        )}
      </div>
    </div>
  );
}
