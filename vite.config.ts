import { reactRouter } from "@react-router/dev/vite";
import purgeCss from "@fullhuman/postcss-purgecss";
import { defineConfig, type Plugin } from "vite";
import type { AcceptedPlugin } from "postcss";
import path from "node:path";
import fs from "node:fs";
import zlib from "node:zlib";

// KERN ships one 340 KB stylesheet with every component and its icons; the pages use a fraction of
// it. Only KERN's file is purged against the class names in app/ (never our own CSS or MapLibre's).
// Class names built at runtime must be listed here.
const purgeKern = purgeCss({
  content: ["./app/**/*.{ts,tsx}"],
  safelist: { standard: [/^kern-alert--/, /^kern-badge--/], greedy: [] },
  variables: false,
  keyframes: false,
  fontFace: false,
});
const purgeKernOnly: AcceptedPlugin = {
  postcssPlugin: "purge-kern-only",
  OnceExit(root, helpers) {
    if (!root.source?.input.file?.includes("@kern-ux")) return;
    return (purgeKern as { OnceExit: (r: typeof root, h: typeof helpers) => Promise<void> }).OnceExit(root, helpers);
  },
};

// Writes a brotli (best level) and a gzip copy of every compressible client asset, served by
// server/precompressed.ts: smaller than compressing on the fly, and no CPU spent per request.
const precompress: Plugin = {
  name: "teilhabe-precompress",
  apply: "build",
  writeBundle(options, bundle) {
    if (this.environment.name !== "client" || !options.dir) return;
    for (const file of Object.keys(bundle)) {
      if (!/\.(js|mjs|css|svg|json)$/.test(file)) continue;
      const full = path.join(options.dir, file);
      const data = fs.readFileSync(full);
      if (data.length < 1024) continue;
      fs.writeFileSync(
        `${full}.br`,
        zlib.brotliCompressSync(data, {
          params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length },
        }),
      );
      fs.writeFileSync(`${full}.gz`, zlib.gzipSync(data, { level: 9 }));
    }
  },
};

// The CLI is a second entry of the SSR build (build/server/cli.js): it shares the compiled kernel and
// module code with the server, but its own entry imports neither React nor the route tree nor
// Express, which would otherwise be loaded for every command. React Router names every entry
// index.js; this renames the CLI's.
const cliEntry: Plugin = {
  name: "teilhabe-cli-entry",
  apply: "build",
  outputOptions(output) {
    if (this.environment.name !== "ssr") return;
    const server = output.entryFileNames;
    return {
      ...output,
      entryFileNames: (chunk) =>
        chunk.name === "cli" || chunk.name === "upload-worker"
          ? `${chunk.name}.js`
          : typeof server === "function"
            ? server(chunk)
            : (server ?? "index.js"),
    };
  },
};

// React Router's package exports name only its development build (dist/development, with dev-only
// warnings compiled in); no export condition selects dist/production. The server build therefore
// bundles React Router from dist/production, together with the two adapters that import it, so that
// server code, routes and adapters share that one copy (two copies would not share contexts).
const rrProduction = (file: string) =>
  path.resolve(import.meta.dirname, "node_modules/react-router/dist/production", file);
const ssrReactRouter = {
  alias: [
    { find: /^react-router$/, replacement: rrProduction("index.mjs") },
    { find: /^react-router\/dom$/, replacement: rrProduction("dom-export.mjs") },
  ],
  noExternal: ["react-router", "@react-router/express", "@react-router/node"],
};

// The SSR build bundles the Express app (server/index.ts) together with the routes, so production,
// the CLI and the HTTP tests all run the same compiled code without a TypeScript loader.
export default defineConfig(({ isSsrBuild }) => ({
  resolve: {
    alias: [
      { find: "~", replacement: path.resolve(import.meta.dirname, "app") },
      ...(isSsrBuild ? ssrReactRouter.alias : []),
    ],
  },
  ssr: isSsrBuild ? { noExternal: ssrReactRouter.noExternal } : undefined,
  css: { postcss: { plugins: [purgeKernOnly] } },
  build: {
    // The upload parser runs in a worker thread that loads its own entry (kernel/parsing/run.ts).
    rollupOptions: isSsrBuild
      ? {
          input: {
            index: "./server/index.ts",
            cli: "./cli/commands.ts",
            "upload-worker": "./app/kernel/parsing/worker.ts",
          },
        }
      : {
          output: {
            // Every module keeps its interface strings in its own i18n/<lang>.json and every page loads
            // all of them for its language (kernel/i18n): one chunk per language instead of one request
            // per module and language, each of which costs more in headers than a small module's strings.
            manualChunks(id: string) {
              const m = /\/app\/(?:.+\/)?i18n\/([a-z]{2})\.json$/.exec(id);
              return m ? `i18n-${m[1]}` : undefined;
            },
          },
        },
    // Charts and maps are large by nature; they are split into their own chunks and only loaded
    // on the pages that use them.
    chunkSizeWarningLimit: 1200,
  },
  plugins: [reactRouter(), precompress, cliEntry],
}));
