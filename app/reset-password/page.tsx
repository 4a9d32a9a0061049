import type { Metadata } from "next";
import Link from "next/link";
import { resetLinkMember } from "@/lib/accounts/password-reset";
import { ResetForm } from "./_components/reset-form";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

/** Opening the mailed link only shows this form; posting it is what uses the link up. */
export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = await searchParams;
  const member = typeof token === "string" ? await resetLinkMember(token) : null;
  return (
    <div className="mx-auto max-w-md rounded-lg border border-slate-300 bg-surface p-6 shadow-sm">
      <h1 className="mb-4 text-2xl font-bold">Choose a new password</h1>
      {member && typeof token === "string" ? (
        <>
          <p className="mb-4 text-sm text-slate-600">
            For the account <strong>{member.name}</strong>.
          </p>
          <ResetForm token={token} name={member.name} />
        </>
      ) : (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          This link has expired or was already used.{" "}
          <Link href="/forgot-password">Ask for a new one</Link>.
        </p>
      )}
    </div>
  );
}
