import { LocalTime } from "@/app/_components/time/local-time";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getViewer } from "@/lib/auth/viewer";
import { getEditHistory } from "@/lib/forum/edit-history";
import { can, isSignedIn } from "@/lib/permissions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Edit history" };

/** Earlier versions of a post, for moderators and administrators. */
export default async function EditHistoryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) notFound();
  const viewer = await getViewer();
  if (!isSignedIn(viewer))
    redirect(`/login?callbackUrl=${encodeURIComponent(`/posts/${id}/history`)}`);
  if (!can(viewer, "viewEditHistory")) {
    return (
      <p className="rounded-lg border border-slate-300 bg-surface p-4">
        Only moderators and administrators can read a post&apos;s edit history.
      </p>
    );
  }
  const history = await getEditHistory(Number(id));
  if (!history) notFound();
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-bold">Edit history</h1>
      <p>
        <Link href={history.post.url}>Post by {history.post.authorName}</Link>:{" "}
        {history.versions.length} earlier {history.versions.length === 1 ? "version" : "versions"}.
      </p>
      <ol className="space-y-3">
        {history.versions.map((v, i) => (
          <li key={v.id} className="rounded-lg border border-slate-300 bg-surface p-4 shadow-sm">
            <h2 className="text-sm font-semibold text-slate-600">
              Version {i + 1}, replaced <LocalTime at={v.replacedAt} />
              {v.editorName ? ` by ${v.editorName}` : ""}
            </h2>
            <pre className="mt-2 overflow-x-auto text-sm whitespace-pre-wrap">{v.source}</pre>
          </li>
        ))}
        <li className="rounded-lg border border-brand-600 bg-surface p-4 shadow-sm">
          <h2 className="text-sm font-semibold text-slate-600">Current version</h2>
          <pre className="mt-2 overflow-x-auto text-sm whitespace-pre-wrap">
            {history.post.source}
          </pre>
        </li>
      </ol>
    </div>
  );
}
