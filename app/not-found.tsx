import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl rounded-lg border border-slate-300 bg-surface p-6 text-center shadow-sm">
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p className="mt-2 text-slate-600">
        The forum, thread, member or page you asked for does not exist, or was removed.
      </p>
      <p className="mt-4">
        <Link href="/">Back to the forums</Link>
      </p>
    </div>
  );
}
