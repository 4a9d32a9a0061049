"use client";

// Shown instead of the root layout when the layout itself fails (its header reads the database on
// every page), so it draws its own document. Styled inline: the app's stylesheet may be what is
// missing, and the page must stay readable without it.
const page: React.CSSProperties = {
  fontFamily: "system-ui, sans-serif",
  maxWidth: "36rem",
  margin: "15vh auto",
  padding: "0 1rem",
  color: "#1f2937",
  lineHeight: 1.5,
};
const button: React.CSSProperties = {
  cursor: "pointer",
  border: 0,
  borderRadius: "0.25rem",
  background: "#1d4f88",
  color: "#fff",
  font: "inherit",
  fontWeight: 600,
  padding: "0.5rem 1rem",
  marginRight: "1rem",
};

export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body>
        <title>Something went wrong | Parley</title>
        <main role="alert" style={page}>
          <h1 style={{ fontSize: "1.5rem", fontWeight: 700 }}>Something went wrong</h1>
          <p>
            Parley could not show this page. If the forum&apos;s database is restarting, it will be
            back in a moment.
          </p>
          <p>
            <button type="button" onClick={() => retry()} style={button}>
              Try again
            </button>
            {/* A full page load: the client router belongs to the layout that just failed. */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
            <a href="/" style={{ color: "#1d4f88" }}>
              Back to the forums
            </a>
          </p>
        </main>
      </body>
    </html>
  );
}
