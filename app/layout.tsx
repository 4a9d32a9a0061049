import type { Metadata, Viewport } from "next";
import { SiteHeader } from "./_components/header/site-header";
import { BanNotice } from "./_components/ban-notice";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Parley", template: "%s | Parley" },
  description: "Parley: threaded discussions on world affairs and defence.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <a
          href="#content"
          className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-10 focus:bg-white focus:p-2"
        >
          Skip to content
        </a>
        <SiteHeader />
        <BanNotice />
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
