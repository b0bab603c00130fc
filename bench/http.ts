// Requests per second and latency of /health and a public tenant page, with autocannon against
// the production build (run: npm run bench -- http). Numbers depend on the machine; this one
// prints what it measured, nothing else.
import autocannon from "autocannon";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnServer } from "../tests/support/process";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "teilhabe-bench-"));
const srv = await spawnServer({
  DATA_DIR: dataDir,
  ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
});

async function run(title: string, url: string) {
  // Warm-up so that the first compiled paths are not measured.
  await autocannon({ url, connections: 4, duration: 2 });
  const r = await autocannon({ url, connections: 10, duration: seconds });
  const line = `${title.padEnd(28)} ${r.requests.average.toFixed(0).padStart(6)} req/s   p50 ${r.latency.p50} ms   p99 ${r.latency.p99} ms   errors ${r.errors + r.non2xx}`;
  console.log(line);
  return line;
}

try {
  console.log(
    `Teilhabe HTTP benchmark – ${os.cpus().length} cores, Node ${process.version}, ${process.env.BENCH_DATABASE_URL ? "PostgreSQL" : "PGlite"}, 10 connections, ${seconds} s each`,
  );
  await run("GET /health", `${srv.url}/health`);
  await run("GET /t/aachen (public page)", `${srv.url}/t/aachen`);
  await run("GET / (start page)", `${srv.url}/`);
} finally {
  srv.child.kill("SIGTERM");
  fs.rmSync(dataDir, { recursive: true, force: true });
}
