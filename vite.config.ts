import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";
import path from "node:path";

// The SSR build bundles the Express app (server/index.ts) together with the routes, so production,
// the CLI and the HTTP tests all run the same compiled code without a TypeScript loader.
export default defineConfig(({ isSsrBuild }) => ({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  build: {
    rollupOptions: isSsrBuild ? { input: "./server/index.ts" } : undefined,
    // Charts and maps are large by nature; they are split into their own chunks and only loaded
    // on the pages that use them.
    chunkSizeWarningLimit: 1200,
  },
  plugins: [reactRouter()],
}));
