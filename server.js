// Production entry point: `npm start` builds first, then runs this.
import cluster from "node:cluster";
process.env.NODE_ENV ??= "production";
const server = await import("./build/server/index.js");
// On PostgreSQL one process per core (WEB_CONCURRENCY), each a full app instance; the embedded
// database allows only one.
let n = 1;
try {
  if (cluster.isPrimary) n = server.processCount();
} catch (e) {
  // A setting that cannot work (config.ts): its message says what to change, no stack needed.
  if (e?.name !== "ConfigError") throw e;
  console.error(e.message);
  process.exit(1);
}
try {
  if (cluster.isPrimary && n > 1) await server.startCluster(n);
  else await server.startServer({ worker: cluster.isWorker });
} catch (e) {
  // A check before serving failed (a missing master key of case work): the message says what to do.
  if (e?.name !== "ConfigError") throw e;
  console.error(e.message);
  process.exit(1);
}
