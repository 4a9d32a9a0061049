import Link from "next/link";
import { getViewer } from "@/lib/auth/viewer";

/** Shown with HTTP 403 when a signed-in visitor asks for a page their role does not open. */
export default async function Forbidden() {
  if ((await getViewer()).awaitingTwoFactor)
    return (
      <div className="mx-auto max-w-xl rounded-lg border border-slate-300 bg-surface p-6 text-center shadow-sm">
        <h1 className="text-2xl font-bold">Turn on two-step verification first</h1>
        <p className="mt-2 text-slate-600">
          The administrators require it of staff. Your staff tools open once it is on.
        </p>
        <p className="mt-4">
          <Link href="/account#two-step">Set up two-step verification</Link>
        </p>
      </div>
    );
  return (
    <div className="mx-auto max-w-xl rounded-lg border border-slate-300 bg-surface p-6 text-center shadow-sm">
      <h1 className="text-2xl font-bold">You do not have permission to view this page</h1>
      <p className="mt-2 text-slate-600">
        This page is for the forum&apos;s staff. If your role changed recently, it applies from now
        on.
      </p>
      <p className="mt-4">
        <Link href="/">Back to the forums</Link>
      </p>
    </div>
  );
}
