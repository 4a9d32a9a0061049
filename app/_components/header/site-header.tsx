import Link from "next/link";
import { getViewer } from "@/lib/auth/viewer";
import { ANONYMOUS, can, isSignedIn } from "@/lib/permissions";
import { memberUrl } from "@/lib/urls";
import { signOutAction } from "./actions";
import { ModerationLinks } from "../moderation-links";
import { orNull } from "../fail-soft";
import { AlertsLink } from "./alerts-link";

const navLink = "text-brand-100 hover:text-white";

export async function SiteHeader() {
  const loaded = await orNull(getViewer(), "the viewer");
  // Unknown (the database failed): neither a member's links nor a "Sign in" that may be wrong.
  const viewer = loaded ?? ANONYMOUS;
  return (
    <header className="bg-brand-800 text-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="text-xl font-bold tracking-tight text-white hover:no-underline">
          Parley
        </Link>
        <nav aria-label="Main" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          <Link href="/" className={navLink}>
            Forums
          </Link>
          <Link href="/members" className={navLink}>
            Members
          </Link>
          <Link href="/whats-new" className={navLink}>
            What&apos;s new
          </Link>
          <Link href="/search" className={navLink}>
            Search
          </Link>
          {can(viewer, "viewMemberAdmin") && (
            <Link href="/admin/members" className={navLink}>
              Admin
            </Link>
          )}
          <ModerationLinks viewer={viewer} className={navLink} />
          {can(viewer, "viewModLog") && (
            <Link href="/moderation/log" className={navLink}>
              Moderator log
            </Link>
          )}
        </nav>
        <nav aria-label="Account" className="ml-auto flex flex-wrap items-center gap-4 text-sm">
          {isSignedIn(viewer) && viewer.number !== null ? (
            <>
              <Link
                href={memberUrl({ number: viewer.number, name: viewer.name })}
                className="font-semibold text-white"
              >
                {viewer.name}
              </Link>
              <AlertsLink viewerId={viewer.id} className={navLink} />
              <Link href="/watched" className={navLink}>
                Watched threads
              </Link>
              <Link href="/account" className={navLink}>
                Account settings
              </Link>
              <form action={signOutAction}>
                <button type="submit" className={`${navLink} cursor-pointer`}>
                  Sign out
                </button>
              </form>
            </>
          ) : loaded === null ? null : (
            <>
              <Link href="/login" className={navLink}>
                Sign in
              </Link>
              <Link
                href="/register"
                className="rounded bg-white/15 px-3 py-1 font-semibold text-white hover:bg-white/25 hover:no-underline"
              >
                Sign up
              </Link>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
