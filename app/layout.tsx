import type { Metadata, Viewport } from "next";
import Link from "next/link";
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
        <a href="#content" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:bg-white focus:p-2">
          Skip to content
        </a>
        <header className="bg-brand-800 text-white">
          <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
            <Link href="/" className="text-xl font-bold tracking-tight text-white hover:no-underline">
              Parley
            </Link>
            <nav aria-label="Main" className="flex gap-4 text-sm">
              <Link href="/" className="text-brand-100 hover:text-white">
                Forums
              </Link>
            </nav>
          </div>
        </header>
        <main id="content" className="mx-auto max-w-6xl px-2 py-4 sm:px-4">
          {children}
        </main>
        <footer className="mx-auto max-w-6xl px-4 py-6 text-xs text-slate-500">Parley, an open-source forum.</footer>
      </body>
    </html>
  );
}
