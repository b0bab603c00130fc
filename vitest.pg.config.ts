import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config";

// The same database-backed suites, run against a real PostgreSQL server (TEST_DATABASE_URL).
export default mergeConfig(base, defineConfig({
  test: {
    include: ["app/**/*.db.test.ts", "tests/integration/**/*.test.ts"],
    env: { TEST_DB: "pg" },
  },
}));
