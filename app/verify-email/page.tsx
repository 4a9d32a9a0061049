import type { Metadata } from "next";
import { verificationLinkAddress } from "@/lib/accounts/email-verification";
import { ConfirmForm } from "./_components/confirm-form";

export const metadata: Metadata = { title: "Confirm your email address", referrer: "no-referrer" };

/** Opening the mailed link only shows this button (mail scanners follow links); pressing it confirms. */
export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = await searchParams;
  const email = typeof token === "string" ? await verificationLinkAddress(token) : null;
  return (
    <div className="mx-auto max-w-md rounded-lg border border-slate-300 bg-surface p-6 shadow-sm">
      <h1 className="mb-4 text-2xl font-bold">Confirm your email address</h1>
      {email && typeof token === "string" ? (
        <>
          <p className="mb-4 text-sm text-slate-600">
            Confirm that <strong className="break-all">{email}</strong> is your address.
          </p>
          <ConfirmForm token={token} />
        </>
      ) : (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          This link has expired, was already used, or is for an address the account no longer has.
          You can send a new one from your account page.
        </p>
      )}
    </div>
  );
}
