// Operations (docs/operations.md, decision 0046): liveness and readiness, Prometheus metrics, request
// logs without personal data, and draining on shutdown. Everything here is about the process, not
// about a tenant's content.
import cluster, { type Worker } from "node:cluster";
import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import prom from "prom-client";
import { sql } from "drizzle-orm";
import type { Database } from "~/kernel/db/client";
import { rows, withSystem } from "~/kernel/db/context";

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const JOB_STATUSES = ["queued", "running", "done", "failed"] as const;

/** Where React Router writes the matched route's pattern for this request (kernelMiddleware). */
export interface RouteHolder {
  pattern?: string;
}

/** The pattern a request is counted and logged under: never the address itself (no ids, no query). */
export function routeLabel(req: Request, res: Response): string {
  const holder = res.locals.route as RouteHolder | undefined;
  if (holder?.pattern) return holder.pattern.startsWith("/") ? holder.pattern : `/${holder.pattern}`;
  // An Express route (the REST API, OParl): its declared path under the literal mount path.
  const route = (req as Request & { route?: { path?: unknown } }).route;
  if (route && typeof route.path === "string") return `${req.baseUrl}${route.path}`;
  if (req.path.startsWith("/assets/")) return "/assets/*";
  return "other";
}

export interface Operations {
  /** Counts and logs every request; mount first. */
  observe(req: Request, res: Response, next: NextFunction): void;
  /** GET /metrics: Prometheus text format, only with the METRICS_TOKEN as Bearer; 404 without a token set. */
  metrics(req: Request, res: Response, next: NextFunction): void;
  /** GET /health/live: the process answers (no database). */
  live(req: Request, res: Response): void;
  /** GET /health/ready: database reachable, every bundled migration applied, not shutting down. */
  ready(req: Request, res: Response): Promise<void>;
  /** Called on SIGTERM: readiness answers 503, responses close their connection. */
  startDraining(): void;
  /** Resolves once no request is running (at once if none is). */
  idle(): Promise<void>;
  /** Requests being answered now. */
  inFlight(): number;
  /** Writes a message in the configured format (errors of the app). */
  log(m: string): void;
}

export interface OperationsOptions {
  db: Database;
  read?: Database;
  /** Names of the migrations this build brings (registry.server.ts). */
  migrations: () => Promise<string[]>;
  metricsToken?: string;
  logFormat: "text" | "json";
  /** Where log lines go (stderr by default; tests pass their own). */
  write?: (line: string) => void;
}

const sha = (s: string) => createHash("sha256").update(s).digest();

export function createOperations(opts: OperationsOptions): Operations {
  const write = opts.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const json = opts.logFormat === "json";
  const registry = new prom.Registry();
  prom.collectDefaultMetrics({ register: registry });

  const duration = new prom.Histogram({
    name: "teilhabe_http_request_duration_seconds",
    help: "Dauer der HTTP-Anfragen nach Routenmuster, Methode und Statusklasse",
    labelNames: ["route", "method", "status_class"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new prom.Gauge({
    name: "teilhabe_http_requests_in_flight",
    help: "Anfragen, die gerade beantwortet werden",
    registers: [registry],
    collect() {
      this.set(running);
    },
  });
  // A pool only where there is one (PostgreSQL); the embedded database has a single connection.
  const pools = [
    ["primary", opts.db],
    ["read", opts.read],
  ].filter((p): p is [string, Database] => !!(p[1] as Database | undefined)?.poolStats);
  if (pools.length) {
    new prom.Gauge({
      name: "teilhabe_db_pool_connections",
      help: "Verbindungen im PostgreSQL-Pool (state: total, idle, max)",
      labelNames: ["pool", "state"] as const,
      registers: [registry],
      collect() {
        for (const [pool, db] of pools) {
          const s = db.poolStats!();
          this.set({ pool, state: "total" }, s.total);
          this.set({ pool, state: "idle" }, s.idle);
          this.set({ pool, state: "max" }, s.max);
        }
      },
    });
    new prom.Gauge({
      name: "teilhabe_db_pool_waiting",
      help: "Anfragen, die auf eine Verbindung des Pools warten",
      labelNames: ["pool"] as const,
      registers: [registry],
      collect() {
        for (const [pool, db] of pools) this.set({ pool }, db.poolStats!().waiting);
      },
    });
  }
  // Computed from the jobs table at scrape time, one query; the same on every instance, so a
  // cluster's aggregate takes one worker's figure rather than the sum.
  new prom.Gauge({
    name: "teilhabe_jobs",
    help: "Hintergrundaufträge nach Status (aus der Tabelle jobs, alle Mandanten)",
    labelNames: ["status"] as const,
    aggregator: "first",
    registers: [registry],
    async collect() {
      const counts = await withSystem(opts.db, (tx) =>
        rows<{ status: string; n: number }>(tx, sql`SELECT status, count(*)::int AS n FROM jobs GROUP BY status`),
      );
      for (const s of JOB_STATUSES) this.set({ status: s }, counts.find((c) => c.status === s)?.n ?? 0);
    },
  });

  // In a cluster (decision 0019) every worker has its own registry; the primary gathers them all
  // (serveClusterMetrics), so one scrape through the shared port sees the whole machine.
  if (cluster.isWorker) {
    process.on("message", (m: { type?: string; id?: string }) => {
      if (m?.type !== "teilhabe:metrics-of-worker?") return;
      registry.getMetricsAsJSON().then(
        (metrics) => process.send!({ type: "teilhabe:metrics-of-worker", id: m.id, metrics }),
        (e: Error) => process.send!({ type: "teilhabe:metrics-of-worker", id: m.id, error: e.message }),
      );
    });
  }
  const text = async (): Promise<string> => {
    if (!cluster.isWorker || !process.send) return registry.metrics();
    const id = randomUUID();
    return new Promise((resolve, reject) => {
      // The primary gives up on a silent worker after 10 s; this one waits a little longer.
      const timer = setTimeout(() => {
        process.off("message", onMessage);
        reject(new Error("Metriken: keine Antwort des Hauptprozesses"));
      }, 15_000);
      const onMessage = (m: { type?: string; id?: string; text?: string; error?: string }) => {
        if (m?.type !== "teilhabe:metrics" || m.id !== id) return;
        clearTimeout(timer);
        process.off("message", onMessage);
        if (m.error !== undefined) reject(new Error(m.error));
        else resolve(m.text ?? "");
      };
      process.on("message", onMessage);
      process.send!({ type: "teilhabe:metrics?", id });
    });
  };

  let running = 0;
  let draining = false;
  let waiters: (() => void)[] = [];
  // Page-cache hits never reach React Router: their pattern is remembered from the render (bounded).
  const learned = new Map<string, string>();

  const log = (m: string) => {
    if (json) write(JSON.stringify({ time: new Date().toISOString(), level: "error", msg: m }));
    else write(m);
  };

  return {
    log,
    inFlight: () => running,
    observe(req, res, next) {
      const start = process.hrtime.bigint();
      // A request id from the proxy if it looks like one, else our own; answered back for support.
      const given = req.headers["x-request-id"];
      const requestId = typeof given === "string" && /^[A-Za-z0-9._:-]{1,100}$/.test(given) ? given : randomUUID();
      res.setHeader("X-Request-Id", requestId);
      res.locals.route = {} satisfies RouteHolder;
      // An event stream (a live board) never ends by itself: shutdown does not wait for it, it is
      // closed with the connections once the other requests are answered.
      const counted = !req.headers.accept?.includes("text/event-stream");
      if (counted) running++;
      if (draining) res.setHeader("Connection", "close");
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        if (counted) running--;
        let route = routeLabel(req, res);
        if (route === "other" && req.method === "GET") route = learned.get(req.path) ?? route;
        else if (req.method === "GET" && (res.locals.route as RouteHolder).pattern && learned.size < 10_000)
          learned.set(req.path, route);
        const seconds = Number(process.hrtime.bigint() - start) / 1e9;
        const status = res.statusCode;
        const method = METHODS.has(req.method) ? req.method : "other";
        duration.observe({ route, method, status_class: `${Math.floor(status / 100)}xx` }, seconds);
        if (json)
          write(
            JSON.stringify({
              time: new Date().toISOString(),
              level: status >= 500 ? "error" : "info",
              msg: "request",
              method,
              route,
              status,
              durationMs: Math.round(seconds * 10_000) / 10,
              requestId,
              ...(res.writableFinished ? {} : { aborted: true }),
            }),
          );
        if (running === 0) {
          const w = waiters;
          waiters = [];
          for (const f of w) f();
        }
      };
      res.once("finish", finish);
      res.once("close", finish);
      next();
    },
    metrics(req, res, next) {
      (res.locals.route as RouteHolder).pattern = "/metrics";
      const token = opts.metricsToken;
      if (!token) return next();
      const sent = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
      if (!sent || !timingSafeEqual(sha(sent), sha(token))) {
        res.setHeader("WWW-Authenticate", 'Bearer realm="metrics"');
        return void res.status(401).type("text/plain; charset=utf-8").send("Für /metrics ist ein Token nötig.\n");
      }
      text().then(
        (body) => void res.type(registry.contentType).setHeader("Cache-Control", "no-store").send(body),
        next,
      );
    },
    live(_req, res) {
      (res.locals.route as RouteHolder).pattern = "/health/live";
      res.setHeader("Cache-Control", "no-store");
      res.json({ status: "ok" });
    },
    async ready(_req, res) {
      (res.locals.route as RouteHolder).pattern = "/health/ready";
      res.setHeader("Cache-Control", "no-store");
      if (draining) return void res.status(503).json({ status: "error", reason: "shutting-down" });
      try {
        const names = await opts.migrations();
        const [r] = await rows<{ n: number }>(
          opts.db.orm,
          sql`SELECT count(*)::int AS n FROM schema_migrations WHERE name IN ${names}`,
        );
        const pending = names.length - (r?.n ?? 0);
        if (pending > 0) return void res.status(503).json({ status: "error", reason: "migrations-pending", pending });
        res.json({ status: "ok", db: "ok", migrations: names.length });
      } catch {
        res.status(503).json({ status: "error", reason: "database-unreachable" });
      }
    },
    startDraining() {
      draining = true;
    },
    idle() {
      return running === 0 ? Promise.resolve() : new Promise((r) => waiters.push(r));
    },
  };
}

/**
 * The cluster's primary (startCluster): answers a worker's request for the metrics of all workers.
 * Only workers that listen are asked: one still starting (or just replaced) has no registry yet and
 * would leave the scrape waiting. prom-client's clusterMetrics asks every forked worker, so the
 * gathering is ours and only the summing (AggregatorRegistry.aggregate, honouring each metric's
 * aggregator) is prom-client's.
 */
export async function serveClusterMetrics() {
  const listening = new Set<Worker>();
  cluster.on("listening", (w) => listening.add(w));
  cluster.on("exit", (w) => listening.delete(w));
  type Answer = {
    type?: string;
    id?: string;
    metrics?: prom.MetricObjectWithValues<prom.MetricValue<string>>[];
    error?: string;
  };
  const gather = async (): Promise<string> => {
    const id = randomUUID();
    const workers = [...listening].filter((w) => w.isConnected());
    const answers = await Promise.all(
      workers.map(
        (w) =>
          new Promise<Answer["metrics"]>((resolve, reject) => {
            const timer = setTimeout(() => {
              w.off("message", onMessage);
              reject(new Error(`Metriken: Prozess ${w.process.pid} antwortet nicht`));
            }, 10_000);
            const onMessage = (m: Answer) => {
              if (m?.type !== "teilhabe:metrics-of-worker" || m.id !== id) return;
              clearTimeout(timer);
              w.off("message", onMessage);
              if (m.error !== undefined) reject(new Error(m.error));
              else resolve(m.metrics ?? []);
            };
            w.on("message", onMessage);
            w.send({ type: "teilhabe:metrics-of-worker?", id });
          }),
      ),
    );
    return prom.AggregatorRegistry.aggregate(answers.map((a) => a ?? [])).metrics();
  };
  cluster.on("message", (worker, m: { type?: string; id?: string }) => {
    if (m?.type !== "teilhabe:metrics?") return;
    gather().then(
      (text) => worker.send({ type: "teilhabe:metrics", id: m.id, text }),
      (e: Error) => worker.send({ type: "teilhabe:metrics", id: m.id, error: e.message }),
    );
  });
}
