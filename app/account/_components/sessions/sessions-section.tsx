// The account page's "Sessions": where the member is signed in, and a way to end any of it.
import { getSessionId } from "@/lib/auth/viewer";
import { LocalTime } from "@/app/_components/time/local-time";
import { listSessions, SESSION_SEEN_EVERY_MS, type SessionListing } from "@/lib/session/sessions";
import { SessionList } from "./session-list";
import type { SessionRow } from "./state";

/** "Last active" is written every few minutes at most, so anything as recent as that is now. */
const ACTIVE_NOW_MS = 2 * SESSION_SEEN_EVERY_MS;

/** The list's rows, their times in words as of now. */
function rowsOf(sessions: SessionListing[], current: string | null): SessionRow[] {
  const now = Date.now();
  const rows = sessions.map((s) => ({
    id: s.id,
    device: s.device ?? "Unknown browser",
    clientAddress: s.clientAddress,
    signedIn: s.createdAt ? (
      <>
        Signed in <LocalTime at={s.createdAt} />
      </>
    ) : (
      "Signed in earlier"
    ),
    lastActive:
      s.id === current || now - s.lastSeenAt.getTime() < ACTIVE_NOW_MS ? (
        "Active now"
      ) : (
        <>
          Last active <LocalTime at={s.lastSeenAt} />
        </>
      ),
    isThisDevice: s.id === current,
  }));
  // This device first, then the others by when they were last active.
  return rows.sort((a, b) => Number(b.isThisDevice) - Number(a.isThisDevice));
}

export async function SessionsSection({ memberId }: { memberId: string }) {
  const [sessions, current] = await Promise.all([listSessions(memberId), getSessionId()]);
  const rows = rowsOf(sessions, current);
  return (
    <section
      aria-labelledby="account-sessions"
      className="rounded-lg border border-slate-300 bg-surface p-4 shadow-sm sm:p-6"
    >
      <h2 id="account-sessions" className="mb-1 text-lg font-bold">
        Sessions
      </h2>
      <p className="mb-4 text-sm text-slate-600">
        Where your account is signed in. Signing a device out takes effect on its next page.
      </p>
      {rows.length === 0 ? (
        <p className="text-slate-600">No sign-ins are recorded for your account yet.</p>
      ) : (
        <SessionList rows={rows} />
      )}
    </section>
  );
}
