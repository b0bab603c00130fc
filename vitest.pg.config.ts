import { defineConfig } from "vitest/config";
import base from "./vitest.config";

// The database-backed suites again, against a real PostgreSQL server (TEST_DATABASE_URL).
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["app/**/*.db.test.ts", "tests/integration/**/*.test.ts"],
    env: { ...base.test?.env, TEST_DB: "pg" },
  },
});
