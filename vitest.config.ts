import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    include: ["app/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/repo/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
    // The production build is loaded by Node itself, so it shares one copy of react-router
    // with @react-router/express instead of getting Vite's development build.
    server: { deps: { external: [/\/build\/server\//] } },
  },
});
