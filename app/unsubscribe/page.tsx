import type { Metadata } from "next";
import { BAD_UNSUBSCRIBE_LINK, unsubscribeLinkMember } from "@/lib/alert-mail/unsubscribe";
import { UnsubscribeForm } from "./_components/unsubscribe-form";

export const metadata: Metadata = {
  title: "Unsubscribe from alert emails",
  referrer: "no-referrer",
  robots: { index: false },
};
export const dynamic = "force-dynamic";

/** Opening the mailed link only shows this button (mail scanners follow links); pressing it
 * unsubscribes. No sign-in: the link's token is the proof. */
export default async function UnsubscribePage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = await searchParams;
  const member = typeof token === "string" ? await unsubscribeLinkMember(token) : null;
  return (
    <div className="mx-auto max-w-md rounded-lg border border-slate-300 bg-surface p-6 shadow-sm">
      <h1 className="mb-4 text-2xl font-bold">Unsubscribe from alert emails</h1>
      {member && typeof token === "string" ? (
        <>
          <p className="mb-4 text-sm text-slate-600">
            {member.alertMail ? (
              <>
                Stop emails about replies in watched threads, quotes and mentions for the account{" "}
                <strong>{member.name}</strong>? Alerts stay on the forum.
              </>
            ) : (
              <>
                The account <strong>{member.name}</strong> gets no alert emails already.
              </>
            )}
          </p>
          <UnsubscribeForm token={token} />
        </>
      ) : (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          {BAD_UNSUBSCRIBE_LINK}
        </p>
      )}
    </div>
  );
}
