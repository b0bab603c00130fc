// npm run bench -- <name> [args]: runs bench/<name>.ts (e.g. http). Benchmarks that load the app's
// source with its import.meta.glob collections (the i18n strings) run under vite-node instead.
import { spawnSync } from "node:child_process";
import path from "node:path";

const which = process.argv[2] ?? "http";
const VITE_NODE = new Set([
  "monitoring-import",
  "report",
  "disclosure",
  "atlas-search",
  "opening-state-report",
  "opening-surveys",
  "cases",
  "address-register",
]);
if (VITE_NODE.has(which)) {
  const bin = path.resolve(import.meta.dirname, "../node_modules/.bin/vite-node");
  const r = spawnSync(bin, [`bench/${which}.ts`, ...process.argv.slice(3)], { stdio: "inherit" });
  process.exit(r.status ?? 1);
}
process.argv.splice(2, 1);
await import(`./${which}.ts`);
