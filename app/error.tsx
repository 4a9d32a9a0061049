"use client";

import Link from "next/link";

export default function ErrorPage({ retry }: { error: unknown; retry: () => void }) {
  return (
    <div
      role="alert"
      className="mx-auto max-w-xl rounded-lg border border-slate-300 bg-surface p-6 text-center shadow-sm"
    >
      <h1 className="text-2xl font-bold">Something went wrong</h1>
      <p className="mt-2 text-slate-600">
        This page could not be shown. If the forum&apos;s database is restarting, it will be back in
        a moment.
      </p>
      <div className="mt-4 flex flex-wrap items-center justify-center gap-4">
        {/* retry, not reset: the page is drawn on the server, so trying again must fetch it anew. */}
        <button
          type="button"
          onClick={() => retry()}
          className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
        >
          Try again
        </button>
        <Link href="/">Back to the forums</Link>
      </div>
    </div>
  );
}
