import Link from "next/link";
import { AccountNav } from "./account-nav";
import { ColorSchemeToggle } from "./color-scheme-toggle";
import { HeaderMenu } from "./header-menu";
import { StaffLinks } from "./staff-links";
import { siteSettingsOrDefaults } from "@/lib/site-settings/site-settings";

export const navLink = "text-white/85 hover:text-white";

/** The same header for everyone: who is signed in, their bell and the staff links are drawn in the
 * browser from the personal answer (../personal/store.ts), so every reader gets one rendering. On a
 * phone the links fold behind a Menu button (./header-menu.tsx). */
export async function SiteHeader() {
  const site = await siteSettingsOrDefaults();
  return (
    <header className="bg-brand-800 text-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-5 gap-y-2 px-4 py-2 sm:py-3">
        <Link href="/" className="text-xl font-bold tracking-tight text-white hover:no-underline">
          {site.name}
        </Link>
        <HeaderMenu>
          <nav
            aria-label="Main"
            className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:gap-x-3.5 sm:gap-y-1 sm:text-sm"
          >
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
          <nav
            aria-label="Account"
            className="flex flex-col items-start gap-3 sm:ml-auto sm:flex-row sm:items-center sm:gap-x-3.5 sm:text-sm"
          >
            <AccountNav className={navLink} />
          </nav>
          <ColorSchemeToggle />
        </HeaderMenu>
      </div>
    </header>
  );
}
