import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    include: ["app/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/repo/**/*.test.ts"],
    // Makes the database templates every test file copies (tests/support/templates.ts).
    globalSetup: ["tests/support/global-setup.ts"],
    // Only a hang should end a test, never slow work on a busy machine: the limits are far above
    // anything a test needs (the CI job has its own limit as well).
    testTimeout: 30 * 60_000,
    hookTimeout: 30 * 60_000,
    // Case work's master key (decision 0044) for the test databases; never a real installation's key.
    env: { CASES_KEY: "test:BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=" },
    pool: "forks",
    maxWorkers: 2,
    // The production build is loaded by Node itself, so it shares one copy of react-router
    // with @react-router/express instead of getting Vite's development build.
    server: { deps: { external: [/\/build\/server\//] } },
  },
});
