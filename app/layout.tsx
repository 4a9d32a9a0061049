import type { Metadata, Viewport } from "next";
import { Suspense } from "react";
import { getViewer } from "@/lib/auth/viewer";
import { env } from "@/lib/env";
import { isSignedIn } from "@/lib/permissions";
import { MEMBER_HINT_SCRIPT } from "@/lib/personal/member-hint-script";
import { COLOR_SCHEME_SCRIPT } from "@/lib/theme/scheme-script";
import { BanNotice } from "./_components/ban-notice";
import { orNull } from "./_components/fail-soft";
import { SiteHeader } from "./_components/header/site-header";
import { PersonalLoader } from "./_components/personal/personal-loader";
import { LiveUpdates } from "./_components/personal/live-updates";
import { siteSettingsOrDefaults } from "@/lib/site-settings/site-settings";
import { ZoneReporter } from "./_components/time/zone-reporter";
import { island } from "./_islands/island";
import "./globals.css";

// Islands (app/_islands): drawn from the personal answer, or effects only (they render nothing).
const BanNoticeIsland = island("BanNotice", BanNotice);
const PersonalLoaderIsland = island("PersonalLoader", PersonalLoader);
const LiveUpdatesIsland = island("LiveUpdates", LiveUpdates);
const ZoneReporterIsland = island("ZoneReporter", ZoneReporter);

/** The forum's name and description are site settings (/admin). */
export async function generateMetadata(): Promise<Metadata> {
  const site = await siteSettingsOrDefaults();
  return {
    title: { default: site.name, template: `%s | ${site.name}` },
    description: site.description || undefined,
    // Every page names its own address as canonical ("./" is the page's path, without its query);
    // pages whose query matters (?page=) or that have several addresses give theirs. Absolute with
    // SITE_URL, else a path: never the host a request claimed (pages are cached for everyone).
    metadataBase: env.SITE_URL ? new URL(env.SITE_URL) : null,
    alternates: { canonical: "./" },
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Reading pages are rendered without cookies (server/guest-page-cache.ts): "everyone". Pages
  // rendered per request for a signed-in member (their account, staff pages) say so.
  const viewer = await orNull(getViewer(), "the viewer");
  const renderedFor = viewer && isSignedIn(viewer) ? "viewer" : "everyone";
  return (
    // The head scripts set data-member and data-theme on <html> before React sees it.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: MEMBER_HINT_SCRIPT }} />
        <script dangerouslySetInnerHTML={{ __html: COLOR_SCHEME_SCRIPT }} />
      </head>
      <body className="min-h-screen">
        <a
          href="#content"
          className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-10 focus:bg-surface focus:p-2"
        >
          Skip to content
        </a>
        <SiteHeader />
        <BanNoticeIsland />
        <Suspense fallback={null}>
          <PersonalLoaderIsland renderedFor={renderedFor} />
          <LiveUpdatesIsland />
          <ZoneReporterIsland />
        </Suspense>
        <main id="content" className="mx-auto max-w-6xl px-2 py-4 sm:px-4">
          {children}
        </main>
        <footer className="mx-auto max-w-6xl px-4 py-6 text-xs text-slate-500">
          Parley, an open-source forum.
        </footer>
      </body>
    </html>
  );
}
