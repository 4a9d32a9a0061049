import type { Metadata } from "next";
import { forbidden, redirect } from "next/navigation";
import { getViewer } from "@/lib/auth/viewer";
import { formatDateTime } from "@/lib/format";
import { listOutbox } from "@/lib/mail/outbox";
import { mailIsConfigured } from "@/lib/mail/send";
import { postingNeedsVerifiedEmail } from "@/lib/accounts/email-verification";
import { can, isSignedIn } from "@/lib/permissions";
import { VerifiedPostingForm } from "./_components/verified-posting-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Outbox", robots: { index: false } };

const PATH = "/admin/outbox";

export default async function OutboxPage() {
  const viewer = await getViewer();
  if (!isSignedIn(viewer)) redirect(`/login?callbackUrl=${PATH}`);
  if (!can(viewer, "changeSettings")) forbidden();
  const [mails, verifiedOnly] = await Promise.all([listOutbox(), postingNeedsVerifiedEmail()]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Email</h1>
      <VerifiedPostingForm verifiedOnly={verifiedOnly} />
      <section aria-labelledby="outbox-heading" className="space-y-2">
        <h2 id="outbox-heading" className="text-xl font-bold">
          Outbox
        </h2>
        <p className="text-sm text-slate-600">
          {mailIsConfigured()
            ? "Mail goes through the SMTP server SMTP_URL names; mail it refused is kept here with the reason."
            : "No SMTP server is configured (SMTP_URL), so mail is kept here instead of being sent, and each link is also printed in the server log. Pass a link on to the member it was for."}
        </p>
        {mails.length === 0 ? (
          <p className="rounded border border-slate-300 bg-surface p-4 text-slate-600">
            The outbox is empty.
          </p>
        ) : (
          <ul className="space-y-3">
            {mails.map((mail) => (
              <li
                key={mail.id}
                aria-labelledby={`mail-${mail.id}`}
                className="rounded-lg border border-slate-300 bg-surface p-4 shadow-sm"
              >
                <h3 id={`mail-${mail.id}`} className="font-semibold break-words">
                  {mail.subject}
                </h3>
                <p className="text-sm break-all text-slate-600">
                  To {mail.toAddress} · {formatDateTime(mail.createdAt)}
                </p>
                {mail.error && <p className="mt-1 text-sm text-red-700">Not sent: {mail.error}</p>}
                <pre className="mt-2 overflow-x-auto text-sm break-words whitespace-pre-wrap">
                  {mail.text}
                </pre>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
