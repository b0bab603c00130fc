// Requests per second and latency of the public pages against the production build, with and
// without the public page cache (run: npm run bench -- http). Each page is measured beside a
// reference serving the very same HTML bytes: nginx where installed, else a bare node:http server
// (a floor, not nginx). The load comes from wrk where installed (a C client that leaves the CPU to
// the server), else autocannon. Numbers depend on the machine; this prints what it measured.
import autocannon from "autocannon";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { freePort, spawnServer } from "../tests/support/process";
import { login } from "./support";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "teilhabe-bench-"));
const startServer = (env: Record<string, string>) =>
  spawnServer({
    DATA_DIR: dataDir,
    ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
    ...env,
  });

interface Result {
  rps: number;
  p99: number;
}

const wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].find((p) => fs.existsSync(p));

/** wrk's latency figures ("1.23ms", "850.00us", "1.02s") in milliseconds. */
function wrkMs(text: string, label: string): number {
  const m = new RegExp(`${label}\\s+([\\d.]+)(us|ms|s)\\b`).exec(text);
  if (!m) return NaN;
  const v = Number(m[1]);
  return m[2] === "us" ? v / 1000 : m[2] === "s" ? v * 1000 : v;
}

/**
 * Requests per second and latency. wrk (a C load generator, one thread) where installed, since
 * autocannon runs in Node and on 2 cores takes CPU from the server it measures; else autocannon.
 */
async function measure(
  url: string,
  headers: Record<string, string> = {},
): Promise<Result & { errors: number; p50: number }> {
  if (wrk) {
    const h = Object.entries(headers).flatMap(([k, v]) => ["-H", `${k}: ${v}`]);
    spawnSync(wrk, ["-t1", "-c4", "-d2s", ...h, url], { encoding: "utf8" });
    const out = spawnSync(wrk, ["-t1", `-c${connections}`, `-d${seconds}s`, "--latency", ...h, url], {
      encoding: "utf8",
    }).stdout;
    const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
    const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
    const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
    const errors = non2xx + (socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0);
    return { rps, p50: wrkMs(out, "50%"), p99: wrkMs(out, "99%"), errors };
  }
  // Warm-up so that the first compiled paths are not measured.
  await autocannon({ url, connections: 4, duration: 2, headers });
  const r = await autocannon({ url, connections, duration: seconds, headers });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

async function run(title: string, url: string, headers: Record<string, string> = {}) {
  const r = await measure(url, headers);
  console.log(
    `${title.padEnd(34)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(1)} ms   p99 ${r.p99.toFixed(1)} ms   errors ${r.errors}`,
  );
  return r;
}

/** Serves fixed files from `dir` with nginx (if on PATH or in /usr/sbin) or else with node:http. */
async function reference(dir: string): Promise<{ url: string; kind: string; stop: () => void }> {
  const port = await freePort();
  const nginx = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => fs.existsSync(p));
  if (nginx) {
    const conf = path.join(dir, "nginx.conf");
    fs.writeFileSync(
      conf,
      `daemon off; worker_processes auto; pid ${dir}/nginx.pid; error_log ${dir}/error.log;
events { worker_connections 1024; }
http { access_log off; default_type text/html; types { text/html html; }
  client_body_temp_path ${dir}/tmp; proxy_temp_path ${dir}/tmp; fastcgi_temp_path ${dir}/tmp;
  uwsgi_temp_path ${dir}/tmp; scgi_temp_path ${dir}/tmp;
  server { listen 127.0.0.1:${port}; root ${dir}; location / { try_files $uri.html =404; } } }\n`,
    );
    const child: ChildProcess = spawn(nginx, ["-c", conf, "-p", dir], { stdio: "ignore" });
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/ok`)).status) break;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    return {
      url: `http://127.0.0.1:${port}`,
      kind: `nginx (${nginxVersion(nginx)})`,
      stop: () => child.kill("SIGTERM"),
    };
  }
  const server = http.createServer((req, res) => {
    const file = path.join(dir, `${path.basename(req.url ?? "/")}.html`);
    if (!fs.existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(fs.readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${port}`,
    kind: "node:http (bare, a floor – nginx not installed)",
    stop: () => server.close(),
  };
}

function nginxVersion(bin: string): string {
  return (spawnSync(bin, ["-v"], { encoding: "utf8" }).stderr ?? "").trim().replace(/^nginx version: /, "");
}

const refDir = fs.mkdtempSync(path.join(os.tmpdir(), "teilhabe-bench-ref-"));
fs.mkdirSync(path.join(refDir, "tmp"));
// nginx workers run as an unprivileged user; mkdtemp makes the folder private to us.
fs.chmodSync(refDir, 0o755);
let ref: Awaited<ReturnType<typeof reference>> | undefined;
let srv: Awaited<ReturnType<typeof startServer>> | undefined;
const stop = async () => {
  if (!srv) return;
  const exited = new Promise((r) => srv!.child.once("exit", r));
  srv.child.kill("SIGTERM");
  await exited;
  srv = undefined;
};
try {
  const pages = [
    { title: "GET /t/aachen (public page)", path: "/t/aachen", file: "tenant" },
    { title: "GET /t/aachen/angebote?q=Deutschkurs", path: "/t/aachen/angebote?q=Deutschkurs", file: "atlas" },
  ];
  const staffPages = [
    {
      title: "GET /t/aachen/verwaltung (staff home)",
      path: "/t/aachen/verwaltung",
      file: "staff",
      mark: 'id="h-attention"',
    },
    {
      title: "GET /t/aachen/verwaltung/organisationen",
      path: "/t/aachen/verwaltung/organisationen",
      file: "organisations",
      mark: "<h1",
    },
  ];
  fs.writeFileSync(path.join(refDir, "ok.html"), "ok");
  ref = await reference(refDir);
  console.log(
    `Teilhabe HTTP benchmark – ${os.cpus().length} cores, Node ${process.version}, ${process.env.BENCH_DATABASE_URL ? "PostgreSQL" : "PGlite"}, ${connections} connections, ${seconds} s each; reference: ${ref.kind}; client: ${wrk ? "wrk" : "autocannon"}`,
  );
  const modes: { name: string; env: Record<string, string> }[] = [
    { name: "without the page cache (PAGE_CACHE_MB=0)", env: { PAGE_CACHE_MB: "0" } },
    { name: "with the page cache", env: {} },
  ];
  for (const mode of modes) {
    srv = await startServer(mode.env);
    console.log(`\n${mode.name}`);
    // The reference serves the very bytes the app answered (uncompressed, like the client asks).
    for (const p of pages) {
      await fetch(srv.url + p.path); // fills the cache where there is one
      fs.writeFileSync(path.join(refDir, `${p.file}.html`), await (await fetch(srv.url + p.path)).text());
    }
    // Staff pages are never cached; measured once, logged in as Aachen's admin: the staff home with its
    // "Was heute ansteht" counts (kernel/attention.ts) beside the organisations list, a staff page
    // without them. Logged in before the load, whose closed keep-alive sockets a later fetch would meet.
    let staff: Record<string, string> | null = null;
    if (mode === modes[0]) {
      staff = { cookie: (await login(srv.url, "admin.aachen@example.org")).header() };
      for (const p of staffPages) {
        const html = await (await fetch(srv.url + p.path, { headers: staff })).text();
        if (!html.includes(p.mark)) throw new Error(`${p.path} zeigt nicht, was es soll (${p.mark}).`);
        fs.writeFileSync(path.join(refDir, `${p.file}.html`), html);
      }
    }
    if (mode === modes[0]) await run("GET /health", `${srv.url}/health`);
    const compare = async (title: string, url: string, file: string, headers: Record<string, string> = {}) => {
      const bytes = fs.statSync(path.join(refDir, `${file}.html`)).size;
      const app = await run(title, url, headers);
      const r = await run(`  reference, same ${bytes} bytes`, `${ref!.url}/${file}`);
      console.log(`  ratio app/reference: ${((100 * app.rps) / r.rps).toFixed(2)} % of req/s`);
    };
    for (const p of pages) await compare(p.title, srv.url + p.path, p.file);
    if (staff) for (const p of staffPages) await compare(p.title, srv.url + p.path, p.file, staff);
    await stop();
  }
} finally {
  ref?.stop();
  await stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(refDir, { recursive: true, force: true });
}
