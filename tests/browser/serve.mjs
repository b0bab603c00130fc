// Starts the production build on a fresh embedded database with the demo data.
import fs from "node:fs";
fs.rmSync(process.env.DATA_DIR ?? ".tmp/browser-data", { recursive: true, force: true });
await import("../../server.js");
