import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { REGISTRATION_CLOSED } from "@/lib/accounts/sign-up";
import { oauthProviders } from "@/lib/auth/auth";
import { getViewer } from "@/lib/auth/viewer";
import { isSignedIn } from "@/lib/permissions";
import { safeRedirect } from "@/lib/redirects/safe-redirect";
import { oauthSignInAction } from "./actions";
import { PasskeySignIn } from "./_components/passkey-sign-in";
import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string; reset?: string }>;
}) {
  const query = await searchParams;
  const callbackUrl = safeRedirect(query.callbackUrl);
  if (isSignedIn(await getViewer())) redirect(callbackUrl);
  return (
    <div className="mx-auto max-w-md rounded-lg border border-slate-300 bg-surface p-6 shadow-sm">
      <h1 className="mb-4 text-2xl font-bold">Sign in</h1>
      {query.error === "two-step" && (
        <p role="alert" className="mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          Your account uses two-step verification: sign in with your password and code, or with a
          passkey.
        </p>
      )}
      {query.error === "registration-closed" && (
        <p role="alert" className="mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          {REGISTRATION_CLOSED} Members who already have an account sign in as before.
        </p>
      )}
      {query.reset === "done" && (
        <p role="status" className="mb-4 rounded border border-green-300 bg-green-50 p-3 text-sm">
          Your password was changed and every device was signed out. Sign in with the new one.
        </p>
      )}
      <SignInForm callbackUrl={callbackUrl} />
      <p className="mt-2 text-sm">
        <Link href="/forgot-password">Forgot your password?</Link>
      </p>
      <PasskeySignIn callbackUrl={callbackUrl} />
      {oauthProviders.length > 0 && (
        <div className="mt-6 space-y-2 border-t border-slate-200 pt-4">
          {oauthProviders.map((p) => (
            <form key={p.id} action={oauthSignInAction}>
              <input type="hidden" name="provider" value={p.id} />
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              <button
                type="submit"
                className="w-full rounded border border-slate-300 px-4 py-2 font-semibold hover:bg-slate-50"
              >
                Sign in with {p.name}
              </button>
            </form>
          ))}
        </div>
      )}
      <p className="mt-6 text-sm text-slate-600">
        New here? <Link href="/register">Create an account</Link>
      </p>
    </div>
  );
}
