"use client";

export default function ErrorPage({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div
      role="alert"
      className="mx-auto max-w-xl rounded-lg border border-slate-300 bg-white p-6 text-center shadow-sm"
    >
      <h1 className="text-2xl font-bold">Something went wrong</h1>
      <p className="mt-2 text-slate-600">
        This page could not be shown. If the forum&apos;s database is restarting, it will be back in
        a moment.
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-4 rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
      >
        Try again
      </button>
    </div>
  );
}
