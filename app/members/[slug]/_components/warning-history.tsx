// A member's warnings on their profile, for staff (lib/permissions: `viewWarningHistory`). The
// profile is rendered per request for staff, so this is never in the page everyone is sent.
import Link from "next/link";
import { LocalTime } from "@/app/_components/time/local-time";
import { getViewer } from "@/lib/auth/viewer";
import { warningHistory } from "@/lib/moderation/warnings";
import { postUrl } from "@/lib/urls";

export async function WarningHistory({ memberId, name }: { memberId: string; name: string }) {
  const history = await warningHistory(await getViewer(), memberId);
  if (!history) return null;
  return (
    <section
      aria-labelledby="member-warnings"
      className="rounded-lg border border-slate-300 bg-surface shadow-sm"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 border-b border-slate-200 px-4 py-2">
        <h2 id="member-warnings" className="font-semibold">
          Warnings
        </h2>
        <p className="text-sm text-slate-600">
          {history.activePoints} active {history.activePoints === 1 ? "point" : "points"}
        </p>
      </div>
      {history.warnings.length === 0 ? (
        <p className="p-4 text-slate-600">{name} has no warnings.</p>
      ) : (
        <ul className="divide-y divide-slate-200">
          {history.warnings.map((w) => (
            <li key={w.id} className={`px-4 py-3 text-sm ${w.isActive ? "" : "text-slate-500"}`}>
              <p>
                <span className="font-semibold">
                  {w.points} {w.points === 1 ? "point" : "points"}
                </span>
                : {w.reason}
                {w.postId !== null && (
                  <>
                    {" "}
                    (<Link href={postUrl(w.postId)}>the post</Link>)
                  </>
                )}
              </p>
              <p className="text-xs text-slate-500">
                <LocalTime at={w.createdAt} style="datetime" />
                {w.byName ? ` by ${w.byName}` : ""} ·{" "}
                {w.expiresAt === null ? (
                  "never expires"
                ) : (
                  <>
                    {w.isActive ? "expires " : "expired "}
                    <LocalTime at={w.expiresAt} style="date" />
                  </>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
