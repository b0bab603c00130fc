// Production entry point: `npm start` builds first, then runs this.
import cluster from "node:cluster";
process.env.NODE_ENV ??= "production";
const server = await import("./build/server/index.js");
// On PostgreSQL one process per core (WEB_CONCURRENCY), each a full app instance; the embedded
// database allows only one.
const n = cluster.isPrimary ? server.processCount() : 1;
if (cluster.isPrimary && n > 1) await server.startCluster(n);
else await server.startServer({ worker: cluster.isWorker });
