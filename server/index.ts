import express, { type NextFunction, type Request, type Response } from "express";
import compression from "compression";
import helmet from "helmet";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { RouterContextProvider, type ServerBuild } from "react-router";
import { createRequestHandler } from "@react-router/express";
import * as serverBuild from "virtual:react-router/server-build";
import { openDatabase, redactUrl, type Database } from "~/kernel/db/client";
import { appContext } from "~/kernel/http/context";
import { getT } from "~/kernel/i18n";
import { config } from "~/kernel/config";
import { hardBodyLimit, uploadLimitMb } from "~/kernel/upload";
import { apiRouter } from "~/kernel/api/router";
import { problem } from "~/kernel/api/problem";
import { scheduleDelivery } from "~/kernel/mail/outbox";
import { urlProblem, type InputProblem } from "~/kernel/http/input";
import { sql } from "drizzle-orm";
import { precompressed } from "./precompressed";
import { warnAboutUntrustedProxy } from "./proxy";
import { createTenantCache } from "~/kernel/tenancy/cache";
import { createPageCache, type PageCacheOptions } from "~/kernel/http/page-cache";
import { publicApiCache, publicPageCache } from "./page-cache";
import { createOperations, routeLabel, serveClusterMetrics, type Operations } from "./operations";

import {
  apiModules,
  areaContents,
  attention,
  taxonomyUsage,
  evidence,
  jobHandlers,
  migrate,
  moduleMounts,
  nav,
  preflight,
  provenance,
  seedDemoIfEmpty,
  allDemoLogins,
  moduleSchedules,
  bundledMigrations,
} from "~/registry.server";
import { maintainEmbedded } from "~/kernel/db/maintenance";
import { startJobRunner, type JobRunner } from "~/kernel/jobs/service";
import { startScheduler, type ScheduledTask } from "~/kernel/schedules/service";
import { kernelTasks } from "~/kernel/schedules/tasks";

export { openDatabase } from "~/kernel/db/client";
export { maintainEmbedded };
export { migrate, seedDemo } from "~/registry.server";
export { DEMO_PASSWORD, demoLogins } from "~/kernel/demo/seed";
export { runCli } from "../cli/commands";
export { startScheduler, runDue } from "~/kernel/schedules/service";
export { backup, backupToDir, restore } from "~/kernel/db/backup";

/** The kernel's periodic tasks and the modules' (decision 0048). */
export async function scheduledTasks(): Promise<ScheduledTask[]> {
  return [...kernelTasks(), ...(await moduleSchedules())];
}

export interface AppOptions {
  db: Database;
  /**
   * A read replica of db (DATABASE_READ_URL, decision 0021): the public API's anonymous GETs read from
   * it, and its answer cache takes the content versions from it. Never migrated, never written.
   */
  read?: Database;
  /** Log requests that fail; tests pass a silent logger. */
  log?: (m: string) => void;
  /** Built client assets; defaults to build/client. */
  clientDir?: string;
  /** Background mail delivery (off in tests that read the outbox directly). */
  mailIntervalMs?: number;
  /** How often the tenant cache asks the database whether tenants changed (tenancy/cache.ts). */
  tenantRevalidateMs?: number;
  /** The public page cache (kernel/http/page-cache.ts); defaults to PAGE_CACHE_MB and its max age. */
  pageCache?: PageCacheOptions;
  /** Background jobs (kernel/jobs): run in this process unless false. */
  jobs?: false | { pollMs?: number };
  /** Overrides of METRICS_TOKEN and LOG_FORMAT, and where log lines go (tests). */
  operations?: { metricsToken?: string; logFormat?: "text" | "json"; write?: (line: string) => void };
}

export function createApp(opts: AppOptions) {
  const c = config();
  // Health, metrics, request logs and draining (server/operations.ts, decision 0046).
  const ops = createOperations({
    db: opts.db,
    read: opts.read,
    migrations: async () => (await bundledMigrations()).map((m) => m.name),
    metricsToken: opts.operations?.metricsToken ?? c.metricsToken,
    logFormat: opts.operations?.logFormat ?? c.logFormat,
    write: opts.operations?.write,
  });
  const log = opts.log ?? ops.log;
  const tenants = createTenantCache(opts.db, opts.tenantRevalidateMs);
  const app = express();
  app.disable("x-powered-by");
  app.locals.operations = ops;
  app.use(ops.observe);
  // One hop: the address our proxy saw (the last X-Forwarded-For entry). Entries before it come from
  // the client and could name any address, e.g. one the login protection treats as the owner's.
  if (c.trustProxy) app.set("trust proxy", 1);
  else app.use(warnAboutUntrustedProxy(log));

  app.use((_req, res, next) => {
    res.locals.nonce = randomBytes(16).toString("base64");
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          "default-src": ["'self'"],
          "script-src": ["'self'", (_req, res) => `'nonce-${(res as Response).locals.nonce}'`],
          "style-src": ["'self'"],
          "style-src-attr": ["'unsafe-inline'"],
          "img-src": ["'self'", "data:", "blob:"],
          "font-src": ["'self'"],
          "connect-src": ["'self'", ...(c.mapStyleUrl ? [new URL(c.mapStyleUrl).origin] : [])],
          "worker-src": ["'self'", "blob:"],
          "object-src": ["'none'"],
          "base-uri": ["'self'"],
          "form-action": ["'self'"],
          "frame-ancestors": ["'none'"],
        },
      },
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    }),
  );
  app.use((_req, res, next) => {
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
    next();
  });
  app.use(compression());

  app.get("/health", async (_req, res) => {
    try {
      await opts.db.orm.execute(sql`SELECT 1`);
      res.json({ status: "ok", db: "ok" });
    } catch {
      res.status(503).json({ status: "error", db: "error" });
    }
  });
  app.get("/health/live", ops.live);
  app.get("/health/ready", ops.ready);
  app.get("/metrics", ops.metrics);

  // The modules' own interfaces (OParl 1.1, decision 0026) answer with their own error objects, also
  // for a malformed address. Loaded on first request, as /api/v1's endpoints are.
  for (const mount of moduleMounts) {
    let router: Promise<express.Router> | undefined;
    app.use(mount.path, (req, res, next) => {
      router ??= mount.load().then((m) => m.router(opts.db));
      router.then((r) => r(req, res, next), next);
    });
  }

  // A malformed address is refused before anything decodes it (decision 0012): the API answers with
  // problem details; a page request is handed to React Router as "/" with the problem noted, so
  // kernelMiddleware renders the German error page (and React Router never meets the bad path).
  app.use((req, res, next) => {
    const bad = urlProblem(req.originalUrl);
    if (!bad) return next();
    if (req.originalUrl.startsWith("/api/"))
      return problem(res, 400, "Ungültige Adresse", getT("de")(`errors.input.${bad}`), { code: `errors.input.${bad}` });
    res.locals.inputProblem = bad;
    req.url = req.originalUrl = "/";
    next();
  });

  const pageCache = createPageCache(opts.db, opts.pageCache ?? c.pageCache);
  // Answers read from the replica are kept under the replica's versions (read before the answer), so
  // none is stored under a version newer than its data; pages keep the primary's (decision 0021).
  const apiCache = opts.read ? pageCache.versionsFrom(opts.read) : pageCache;
  app.use(publicApiCache({ cache: apiCache, tenants, log }));
  app.use("/api/v1", apiRouter(opts.db, apiModules, { read: opts.read, provenance, evidence }));

  const clientDir = opts.clientDir ?? path.resolve("build/client");
  app.use(
    "/assets",
    precompressed(path.join(clientDir, "assets")),
    express.static(path.join(clientDir, "assets"), { immutable: true, maxAge: "1y", index: false }),
  );
  // Only the few top-level files of the client build (favicon …): a static handler asked first for
  // every address costs a file-system lookup per page request.
  const topLevelFiles = new Set(
    fs.existsSync(clientDir)
      ? fs
          .readdirSync(clientDir, { withFileTypes: true })
          .filter((e) => e.isFile())
          .map((e) => `/${e.name}`)
      : [],
  );
  const topLevelStatic = express.static(clientDir, { maxAge: "1h", index: false });
  app.use((req, res, next) => (topLevelFiles.has(req.path) ? topLevelStatic(req, res, next) : next()));

  // Pages and forms: React Router reads the body itself, so only the declared size is checked here.
  app.use((req, res, next) => {
    if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();
    const type = req.headers["content-type"] ?? "";
    const allowed = type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
    // Answered before React Router, so as plain text in both interface languages.
    const both = (key: string, params: (lang: string) => Record<string, string> = () => ({})) =>
      ["de", "en"].map((lang) => getT(lang)(key, params(lang))).join("\n") + "\n";
    const plain = (status: number, text: string) =>
      void res.status(status).type("text/plain; charset=utf-8").send(text);
    if (!allowed) return plain(415, both("request.unsupportedType"));
    const len = Number(req.headers["content-length"] ?? NaN);
    // Uploads get room beyond UPLOAD_MAX_MB so the form itself can say "too large" in the user's language.
    const multipart = type.startsWith("multipart/");
    const limit = multipart ? hardBodyLimit(c.maxUploadBytes) : c.maxBodyBytes;
    if (!Number.isFinite(len)) return plain(411, both("request.lengthRequired"));
    if (len > limit)
      return plain(
        413,
        both(multipart ? "upload.tooLarge" : "request.tooLarge", (lang) => ({
          mb: multipart ? uploadLimitMb(lang) : String(Math.round(limit / 1e6)),
        })),
      );
    next();
  });

  const loadContext = (req: Request, res: Response, shared: boolean) => {
    const ctx = new RouterContextProvider();
    ctx.set(appContext, {
      db: opts.db,
      // A page served to many visitors carries no nonce: its inline scripts are allowed by hash.
      nonce: shared ? "" : (res.locals.nonce as string),
      ip: req.ip ?? req.socket.remoteAddress ?? "",
      nav,
      provenance,
      evidence,
      areaContents,
      attention,
      taxonomyUsage,
      tenants,
      inputProblem: res.locals.inputProblem as InputProblem | undefined,
      publicCache: shared,
      dataRequest: req.path.endsWith(".data"),
      route: res.locals.route,
    });
    return ctx;
  };
  const build = serverBuild as unknown as ServerBuild;
  app.use(
    publicPageCache({
      cache: pageCache,
      tenants,
      build,
      sharedContext: (req, res) => loadContext(req, res, true),
      log,
    }),
  );
  const handler = createRequestHandler({
    // The build itself, not a function returning it: given a function, React Router derives its
    // route tree and static handler again on every request.
    build,
    mode: process.env.NODE_ENV,
    getLoadContext: (req, res) => loadContext(req, res, false),
  });
  // Mounted without a path pattern: a pattern makes Express decode the path itself, and a malformed
  // escape (/t/aachen/%ff) would end there as a 500 instead of reaching the guard in kernelMiddleware.
  app.use((req, res, next) => {
    handler(req, res, next).finally(() => {
      // Mail queued by this request goes out right after it, not on the next tick of a timer; a run
      // already going in this process picks it up instead of a second one starting.
      if (req.method !== "GET") void scheduleDelivery(opts.db, { log }).catch(() => {});
    });
  });

  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    // A client error raised by Express or a body parser (e.g. a malformed escape) is no fault of ours.
    const e = err as { status?: unknown; statusCode?: unknown } | undefined;
    const status = Number(e?.status ?? e?.statusCode);
    if (status >= 400 && status < 500 && !res.headersSent) {
      const text = getT("de")("errors.badRequest");
      if (req.path.startsWith("/api/")) return problem(res, status, "Ungültige Anfrage", text);
      return void res.status(status).type("text/plain; charset=utf-8").send(`${text}\n`);
    }
    // The route's pattern, not the address: a path may carry an id or an e-mail address.
    log(`Fehler bei ${req.method} ${routeLabel(req, res)}: ${(err as Error)?.stack ?? err}`);
    if (res.headersSent) return;
    if (req.path.startsWith("/api/"))
      return problem(res, 500, "Interner Fehler", "Die Anfrage konnte nicht verarbeitet werden.");
    res
      .status(500)
      .type("text/plain; charset=utf-8")
      .send("Es ist ein interner Fehler aufgetreten. Bitte versuchen Sie es später erneut.");
  });
  // Every instance runs queued jobs (an import from the UI); the database hands each job to one.
  if (opts.jobs !== false) app.locals.jobs = startJobRunner(opts.db, jobHandlers(), { pollMs: opts.jobs?.pollMs, log });
  return app;
}

async function openConfiguredDatabase() {
  const { openDatabase } = await import("~/kernel/db/client");
  const c = config();
  return openDatabase({
    url: c.databaseUrl,
    listenUrl: c.databaseDirectUrl,
    dataDir: path.resolve(c.dataDir, "pglite"),
    sharedBuffers: c.sharedBuffers,
  });
}

/** Connections to the read replica per process: only the public API's anonymous GETs use it. */
const READ_POOL_SIZE = 4;

/**
 * The read replica (DATABASE_READ_URL, decision 0021), if there is one. It is never migrated: the
 * primary's migrations and data arrive there by replication.
 */
async function openReadReplica(): Promise<Database | undefined> {
  const url = config().databaseReadUrl;
  return url ? openDatabase({ url, poolSize: READ_POOL_SIZE }) : undefined;
}

/**
 * Migrations and, on first run, the demo data: done once, before any process serves. They run
 * under session-level advisory locks (one instance migrates, the others wait), which a pooler in
 * transaction mode would release on another server connection than took them, or never: behind
 * one they run on DATABASE_DIRECT_URL.
 */
async function prepare(db: Database): Promise<boolean> {
  const c = config();
  if (c.databaseDirectUrl) {
    const { openDatabase } = await import("~/kernel/db/client");
    const direct = await openDatabase({ url: c.databaseDirectUrl });
    try {
      return await prepareOn(direct);
    } finally {
      await direct.close();
    }
  }
  return prepareOn(db);
}

async function prepareOn(db: Database): Promise<boolean> {
  const c = config();
  await migrate(db, (m) => console.log(m));
  await preflight(db, (m) => console.log(m));
  const seeded = c.demoData ? await seedDemoIfEmpty(db, (m) => console.log(m)) : false;
  // The embedded database runs no autovacuum, so without this its planner has no table statistics
  // and guesses one row per table (decision 0015); a server keeps them current itself.
  if (db.kind === "pglite") await db.execScript("ANALYZE");
  return seeded;
}

async function announce(location: string, seeded: boolean, processes: number) {
  const { groupSecret } = await import("~/kernel/auth/totp");
  const c = config();
  const replica = c.databaseReadUrl ? `; Lese-Replik für die öffentliche API: ${redactUrl(c.databaseReadUrl)}` : "";
  console.log(
    `\nTeilhabe läuft auf ${c.baseUrl} (Datenbank: ${location}${replica}${processes > 1 ? `; ${processes} Prozesse` : ""})`,
  );
  if (c.demoData) {
    console.log(seeded ? "Demodaten wurden geladen." : "Demodaten waren bereits vorhanden.");
    console.log("Demo-Zugänge (Passwort für alle: siehe unten):");
    const logins = await allDemoLogins();
    const width = Math.max(38, ...logins.map((l) => l.email.length));
    for (const l of logins) {
      console.log(`  ${l.email.padEnd(width)} ${l.description}`);
      // The demo is public: its second factors are too, for adding to an authenticator app.
      if (l.totpSecret) console.log(`  ${"".padEnd(width)} TOTP-Schlüssel: ${groupSecret(l.totpSecret)}`);
    }
    console.log(`  Passwort: ${logins[0]?.password}\n`);
  }
}

/**
 * Production entry: migrate, load demo data on first run, serve. Used by server.js. A worker of a
 * cluster (startCluster) finds the database prepared and leaves the greeting to the primary.
 */
export async function startServer(opts: { worker?: boolean } = {}) {
  const c = config();
  const db = await openConfiguredDatabase();
  const seeded = opts.worker ? false : await prepare(db);
  const read = await openReadReplica();
  const app = createApp({ db, read });
  const server = app.listen(c.port, c.host, () => {
    if (!opts.worker) void announce(db.kind === "pglite" ? `eingebettet, ${db.location}` : db.location, seeded, 1);
  });
  // Periodic tasks (decision 0048): mail retries, prunings, the embedded database's upkeep, the daily
  // backup and the modules' tasks. Every process runs a scheduler; the database hands each run to one.
  const scheduler = startScheduler(db, scheduledTasks());
  // SIGTERM: readiness says 503, the port takes no new connections, running requests finish (at most
  // SHUTDOWN_TIMEOUT_SECONDS), then jobs and database close and the process ends with 0.
  const ops = app.locals.operations as Operations;
  let stopping = false;
  let finishing: Promise<void> | undefined;
  const finish = (why: string) =>
    (finishing ??= (async () => {
      if (why) console.error(why);
      server.closeAllConnections();
      await Promise.all([(app.locals.jobs as JobRunner | undefined)?.stop(), scheduler.stop()]);
      await Promise.allSettled([db.close(), read?.close()]);
      process.exit(0);
    })());
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    ops.startDraining();
    server.close();
    server.closeIdleConnections();
    const running = ops.inFlight();
    if (running) console.error(`Server wird beendet: ${running} laufende Anfrage(n) werden noch beantwortet`);
    setTimeout(
      () =>
        void finish(`Server beendet nach ${c.shutdownTimeoutMs / 1000} s, ${ops.inFlight()} Anfrage(n) abgebrochen`),
      c.shutdownTimeoutMs,
    ).unref();
    void ops.idle().then(() => finish(""));
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
  return server;
}

/**
 * How many server processes `npm start` runs (decision 0019): WEB_CONCURRENCY, by default one per
 * core on a PostgreSQL server and always one on the embedded database, which only one process may open.
 */
export function processCount(): number {
  const c = config();
  if (!c.databaseUrl) {
    if (c.webConcurrency && c.webConcurrency > 1)
      console.error("WEB_CONCURRENCY gilt nur mit DATABASE_URL: die eingebettete Datenbank nutzt ein Prozess.");
    return 1;
  }
  return c.webConcurrency ?? os.availableParallelism();
}

/**
 * Prepares the database once, then forks `n` workers that share the port (node:cluster). A worker
 * that dies is replaced; SIGTERM/SIGINT end all of them. Every worker is a full app instance: all
 * shared state is in PostgreSQL (sessions, login protection, outbox claims, page-cache versions).
 */
export async function startCluster(n: number) {
  const cluster = (await import("node:cluster")).default;
  const db = await openConfiguredDatabase();
  const seeded = await prepare(db);
  const location = db.location;
  await db.close();
  // An unreachable replica stops the start here, once, rather than every worker dying and being replaced.
  await (await openReadReplica())?.close();
  await serveClusterMetrics();
  let stopping = false;
  const fork = () => cluster.fork();
  for (let i = 0; i < n; i++) fork();
  let listening = 0;
  cluster.on("listening", () => {
    if (++listening === n) void announce(location, seeded, n);
  });
  cluster.on("exit", (w, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(`Prozess ${w.process.pid} beendet (${signal ?? code}), wird neu gestartet`);
    fork();
  });
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    // The workers drain for at most SHUTDOWN_TIMEOUT_SECONDS; then a little room to close.
    setTimeout(() => process.exit(0), config().shutdownTimeoutMs + 5000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

/** Every page route's full path pattern, for the route × role × tenant test. */
export async function routePatterns(): Promise<string[]> {
  const b = serverBuild as unknown as ServerBuild;
  const full = (id: string): string => {
    const r = b.routes[id]!;
    const own = r.path ?? "";
    if (!r.parentId) return own;
    const parent = full(r.parentId);
    return own ? `${parent.replace(/\/$/, "")}/${own}` : parent;
  };
  return [
    ...new Set(
      Object.keys(b.routes)
        .filter((id) => id !== "root")
        .map((id) => "/" + full(id).replace(/^\//, "")),
    ),
  ].sort();
}
