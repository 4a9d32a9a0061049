import Link from "next/link";
import { AccountNav } from "./account-nav";
import { StaffLinks } from "./staff-links";
import { siteSettingsOrDefaults } from "@/lib/site-settings/site-settings";

export const navLink = "text-brand-100 hover:text-white";

/** The same header for everyone: who is signed in, their bell and the staff links are drawn in the
 * browser from the personal answer (../personal/store.ts), so every reader gets one rendering. */
export async function SiteHeader() {
  const site = await siteSettingsOrDefaults();
  return (
    <header className="bg-brand-800 text-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="text-xl font-bold tracking-tight text-white hover:no-underline">
          {site.name}
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
          <StaffLinks className={navLink} />
        </nav>
        <nav aria-label="Account" className="ml-auto flex flex-wrap items-center gap-4 text-sm">
          <AccountNav className={navLink} />
        </nav>
      </div>
    </header>
  );
}
