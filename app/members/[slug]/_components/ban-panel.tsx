// The ban tools on a member's profile, for staff. What each viewer may do is lib/permissions' call
// (`ban`, `unban`); the ban state is read fresh on every request.
import { LocalTime } from "@/app/_components/time/local-time";
import { getViewer } from "@/lib/auth/viewer";
import { REASON } from "@/lib/limits/sizes";
import { getMemberBanStatus } from "@/lib/moderation/bans";
import { can } from "@/lib/permissions";
import { BanControls } from "./ban-controls";

/** "Banned", beside the member's name, for staff (those who see bans on the member administration page). */
export async function BannedBadge({ memberNumber }: { memberNumber: number }) {
  const [viewer, status] = await Promise.all([getViewer(), getMemberBanStatus(memberNumber)]);
  if (!status?.isBanned || !can(viewer, "viewMemberAdmin")) return null;
  return (
    <p className="mt-1 inline-block rounded bg-red-100 px-2 py-0.5 text-sm font-semibold text-red-800">
      Banned
    </p>
  );
}

const tomorrowUtc = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

export async function BanPanel({ memberNumber }: { memberNumber: number }) {
  const [viewer, status] = await Promise.all([getViewer(), getMemberBanStatus(memberNumber)]);
  if (!status || !can(viewer, "viewMemberAdmin")) return null;
  const canBan = can(viewer, "ban", status);
  const canUnban = can(viewer, "unban", status);
  if (!canBan && !(status.isBanned && canUnban)) {
    // Nothing this viewer may do here; staff still learn that the member is banned from the badge.
    return null;
  }
  return (
    <section
      aria-labelledby="member-moderation"
      className="rounded-lg border border-slate-300 bg-surface p-4 shadow-sm"
    >
      <h2 id="member-moderation" className="mb-2 font-semibold">
        Moderation
      </h2>
      {status.isBanned ? (
        <p className="mb-3 text-sm text-slate-700">
          Banned
          {status.bannedAt && (
            <>
              {" "}
              since <LocalTime at={status.bannedAt} style="datetime" />
            </>
          )}
          {status.banEndsAt ? (
            <>
              {" "}
              until <LocalTime at={status.banEndsAt} style="datetime" />
            </>
          ) : (
            ", permanently"
          )}
          . Reason: {status.banReason ?? "none given"}
        </p>
      ) : (
        <p className="mb-3 text-sm text-slate-700">
          A ban signs {status.name} out at once. They can sign in again and read, and they see the
          reason, but cannot post, react or report until it ends.
          {status.bannedAt && status.banEndsAt && (
            <>
              {" "}
              Their last ban ended on <LocalTime at={status.banEndsAt} style="datetime" />.
            </>
          )}
        </p>
      )}
      <BanControls
        memberId={status.id}
        name={status.name}
        isBanned={status.isBanned}
        canBan={canBan}
        canUnban={canUnban}
        reasonMax={REASON.max}
        minDate={tomorrowUtc()}
      />
    </section>
  );
}
