import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/auth/viewer";
import { can } from "@/lib/permissions";
import { SignUpForm } from "./_components/sign-up-form";
import { REGISTRATION_CLOSED } from "@/lib/accounts/sign-up";
import { getSiteSettings } from "@/lib/site-settings/site-settings";

export const metadata: Metadata = { title: "Sign up" };

export default async function SignUpPage() {
  if (!can(await getViewer(), "signUp")) redirect("/");
  const site = await getSiteSettings();
  return (
    <div className="mx-auto max-w-md rounded-lg border border-slate-300 bg-surface p-6 shadow-sm">
      <h1 className="mb-4 text-2xl font-bold">Sign up</h1>
      {site.registration === "closed" ? <p role="status">{REGISTRATION_CLOSED}</p> : <SignUpForm />}
      <p className="mt-6 text-sm text-slate-600">
        Already a member? <Link href="/login">Sign in to your account</Link>
      </p>
    </div>
  );
}
