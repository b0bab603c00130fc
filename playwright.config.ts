import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.BROWSER_PORT ?? 3210);

// Debian's Chromium (apt package chromium), never a downloaded browser.
export default defineConfig({
  testDir: "tests/browser",
  testMatch: /.*\.spec\.ts/,
  // Limits that only a hang reaches, never slow work on a busy machine; assertions wait as long
  // as a test may take, since they return as soon as they hold.
  timeout: 30 * 60_000,
  expect: { timeout: 2 * 60_000 },
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: "de-DE",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: "node tests/browser/serve.mjs",
    url: `http://localhost:${PORT}/health`,
    reuseExistingServer: false,
    timeout: 30 * 60_000,
    // BASEMAP_DIR: tests/browser/basemap.spec.ts puts a tenant's base map there (decision 0050).
    env: {
      PORT: String(PORT),
      DATA_DIR: ".tmp/browser-data",
      NODE_ENV: "production",
      BASEMAP_DIR: ".tmp/browser-basemaps",
    },
  },
});
