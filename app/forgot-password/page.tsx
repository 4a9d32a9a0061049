import type { Metadata } from "next";
import Link from "next/link";
import { ForgotForm } from "./_components/forgot-form";

export const metadata: Metadata = { title: "Forgot your password?" };

export default function ForgotPasswordPage() {
  return (
    <div className="mx-auto max-w-md rounded-lg border border-slate-300 bg-surface p-6 shadow-sm">
      <h1 className="mb-2 text-2xl font-bold">Forgot your password?</h1>
      <p className="mb-4 text-sm text-slate-600">
        Enter your username or email address. We will mail you a link to choose a new password.
      </p>
      <ForgotForm />
      <p className="mt-6 text-sm text-slate-600">
        Remembered it? <Link href="/login">Sign in</Link>
      </p>
    </div>
  );
}
