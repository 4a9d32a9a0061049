import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside Next's server bundles; in tests the modules run on the server anyway.
      "server-only": path.resolve(import.meta.dirname, "db/test/server-only.ts"),
    },
  },
  test: {
    include: [
      "app/**/*.test.ts",
      "lib/**/*.test.ts",
      "db/**/*.test.ts",
      "scripts/**/*.test.ts",
      "server/**/*.test.ts",
    ],
    globalSetup: ["db/test/global-setup.ts"],
    setupFiles: ["db/test/setup-env.ts"],
    pool: "forks",
    // The integration tests share one database; files run one after another to keep counts exact.
    fileParallelism: false,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
