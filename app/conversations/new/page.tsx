import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { getViewer } from "@/lib/auth/viewer";
import { CONVERSATIONS_URL, NEW_CONVERSATION_URL } from "@/lib/conversations/urls";
import { MEMBER_NAME, TITLE } from "@/lib/limits/sizes";
import { can, isSignedIn } from "@/lib/permissions";
import { StartConversationForm } from "./_components/start-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Start conversation", robots: { index: false } };

export default async function NewConversationPage({
  searchParams,
}: {
  searchParams: Promise<{ to?: string | string[] }>;
}) {
  const [viewer, params] = await Promise.all([getViewer(), searchParams]);
  // A profile's "Start conversation" names its member: kept to one name's length, as typed.
  const to = typeof params.to === "string" ? params.to.slice(0, MEMBER_NAME.max) : "";
  if (!isSignedIn(viewer)) {
    const back = to
      ? `${NEW_CONVERSATION_URL}?${new URLSearchParams({ to })}`
      : NEW_CONVERSATION_URL;
    redirect(`/login?callbackUrl=${encodeURIComponent(back)}`);
  }
  return (
    <div className="mx-auto max-w-3xl space-y-3">
      <Breadcrumbs trail={[{ label: "Conversations", href: CONVERSATIONS_URL }]} />
      <h1 className="text-2xl font-bold">Start conversation</h1>
      <div className="rounded-lg border border-slate-300 bg-surface p-4 shadow-sm">
        {can(viewer, "startConversation") ? (
          <StartConversationForm
            to={to}
            titleHint={`${TITLE.min} to ${TITLE.max} characters.`}
            idempotencyKey={randomUUID()}
          />
        ) : (
          <p>Your account is banned: you can read your conversations but not start one.</p>
        )}
      </div>
    </div>
  );
}
