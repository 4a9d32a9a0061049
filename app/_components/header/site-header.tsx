import Link from "next/link";
import { island } from "@/app/_islands/island";
import { AccountNav } from "./account-nav";
import { ColorSchemeToggle } from "./color-scheme-toggle";
import { HeaderMenu } from "./header-menu";
import { StaffLinks } from "./staff-links";
import { siteSettingsOrDefaults } from "@/lib/site-settings/site-settings";

export const navLink = "text-white/85 hover:text-white";

// Islands (app/_islands): the menu button, and inside its links what the personal answer draws.
const HeaderMenuIsland = island("HeaderMenu", HeaderMenu);
const StaffLinksIsland = island("StaffLinks", StaffLinks);
const AccountNavIsland = island("AccountNav", AccountNav);
const ColorSchemeToggleIsland = island("ColorSchemeToggle", ColorSchemeToggle);

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
        <HeaderMenuIsland>
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
            <StaffLinksIsland className={navLink} />
          </nav>
          <nav
            aria-label="Account"
            className="flex flex-col items-start gap-3 sm:ml-auto sm:flex-row sm:items-center sm:gap-x-3.5 sm:text-sm"
          >
            <AccountNavIsland className={navLink} />
          </nav>
          <ColorSchemeToggleIsland />
        </HeaderMenuIsland>
      </div>
    </header>
  );
}
