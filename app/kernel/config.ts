import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

/** The geocoders GEOCODER_URL may point to (kernel/geocoding/remote.ts speaks both). */
export const GEOCODER_KINDS = ["nominatim", "photon"] as const;
export type GeocoderKind = (typeof GEOCODER_KINDS)[number];

/** Nominatim answers at …/search (older installations …/search.php), Photon at …/api; else unknown. */
export function geocoderKindOf(url: string): GeocoderKind | null {
  const last = new URL(url).pathname.replace(/\/+$/, "").split("/").pop()?.toLowerCase();
  return last === "search" || last === "search.php" ? "nominatim" : last === "api" ? "photon" : null;
}

const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

const Env = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z.string().url().optional(),
  // The server itself when DATABASE_URL goes through a pooler in transaction mode (PgBouncer):
  // start-up work under a session lock and LISTEN need a connection of their own (decision 0019).
  DATABASE_DIRECT_URL: z.string().url().optional(),
  // A read replica of that server for the public API's anonymous GETs (decision 0021).
  DATABASE_READ_URL: z.string().url().optional(),
  DATA_DIR: z.string().default("data"),
  PUBLIC_URL: z.string().url().optional(),
  COOKIE_SECURE: bool.default(true),
  TRUST_PROXY: bool.default(false),
  DEMO_DATA: bool.default(true),
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: z.coerce.number().int().default(587),
  SMTP_SECURE: bool.default(false),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_FROM: z.string().default("Teilhabe <noreply@teilhabe.invalid>"),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(5),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_000_000),
  // The one limit for every uploaded file (imports, area files), in MB; fractions allowed (tests use tiny ones).
  UPLOAD_MAX_MB: z.coerce.number().positive().max(1024).default(20),
  // What an uploaded file may unpack to and contain (docs/decisions/0010-upload-parsing.md); the
  // parser in its worker thread stops at the first limit it crosses.
  UPLOAD_MAX_UNPACKED_MB: z.coerce.number().positive().max(4096).default(200),
  UPLOAD_MAX_SHEETS: z.coerce.number().int().min(1).default(50),
  UPLOAD_MAX_ROWS: z.coerce.number().int().min(1).default(1_048_576),
  UPLOAD_MAX_COLUMNS: z.coerce.number().int().min(1).default(1000),
  UPLOAD_MAX_CELLS: z.coerce.number().int().min(1).default(10_000_000),
  UPLOAD_MAX_POINTS: z.coerce.number().int().min(1).default(500_000),
  UPLOAD_PARSE_SECONDS: z.coerce.number().positive().default(60),
  // Fetching from another council information system's OParl endpoint (decision 0026): its size and
  // time limits, and the hosts, addresses or networks (CIDR) it may reach although they are private.
  OPARL_FETCH_MAX_MB: z.coerce.number().positive().max(1024).default(20),
  OPARL_FETCH_SECONDS: z.coerce.number().positive().max(600).default(30),
  OPARL_FETCH_ALLOW: z.string().default(""),
  UPLOAD_PARSE_MEMORY_MB: z.coerce.number().int().min(32).default(512),
  // A self-hosted geocoder the atlas asks for addresses its tenant's register lacks (decision 0053): the
  // search endpoint of a Nominatim (…/search) or Photon (…/api) instance. The operator sets it, so a
  // private address is fine here (unlike OParl's staff-typed URLs). The kind is read from the path's
  // last segment unless GEOCODER_KIND names it.
  GEOCODER_URL: z
    .string()
    .url("GEOCODER_URL: eine http- oder https-Adresse, z. B. http://nominatim:8080/search")
    .refine((u) => /^https?:\/\//i.test(u), "GEOCODER_URL: nur http- oder https-Adressen")
    .optional(),
  GEOCODER_KIND: z.enum(GEOCODER_KINDS, { message: "GEOCODER_KIND: erlaubt sind nominatim oder photon" }).optional(),
  GEOCODER_SECONDS: z.coerce
    .number({ message: "GEOCODER_SECONDS: eine Zahl von Sekunden, z. B. 5" })
    .positive("GEOCODER_SECONDS: eine Zahl von Sekunden größer als 0")
    .max(60, "GEOCODER_SECONDS: höchstens 60")
    .default(5),
  MAP_STYLE_URL: z.string().optional(),
  // The folder of the base maps (decision 0050): <slug>.pmtiles per tenant, served by the app with
  // byte ranges; unset, maps draw the tenant's area outlines only.
  BASEMAP_DIR: z.string().optional(),
  // The master key of case work's envelope encryption (decision 0044), or the file holding it
  // (default <DATA_DIR>/cases.key). Never inside the database or its backups.
  CASES_KEY: z.string().optional(),
  CASES_KEY_FILE: z.string().optional(),
  // Server processes on one machine (decision 0019); default one per core with DATABASE_URL, else 1.
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional(),
  // Public pages for anonymous visitors held per app process (decision 0018); 0 turns the cache off.
  PAGE_CACHE_MB: z.coerce.number().min(0).max(4096).default(64),
  // Longest a cached page is served without a write (for content that changes with the date).
  PAGE_CACHE_MAX_AGE_SECONDS: z.coerce.number().int().min(1).default(300),
  /** Reference data shared by installations (e.g. Köln open data), outside the repository. */
  SHARED_DATA_DIR: z.string().default("../shared/data"),
  // Buffer pool of the embedded database (PostgreSQL's shared_buffers, default 128MB). A smaller
  // pool starts faster; the test suite runs its CLI and database tests with one.
  PGLITE_SHARED_BUFFERS: z
    .string()
    .regex(/^[0-9]+(kB|MB|GB)$/, "PGLITE_SHARED_BUFFERS: z. B. 16MB")
    .optional(),
  // Operations (docs/operations.md, decision 0046). /metrics answers only with this token as Bearer;
  // unset, /metrics does not exist (404).
  METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN: mindestens 16 Zeichen (z. B. openssl rand -hex 32)").optional(),
  // "json": one JSON line per request and error, without personal data; "text" (default): readable.
  LOG_FORMAT: z.enum(["text", "json"], { message: "LOG_FORMAT: erlaubt sind text oder json" }).default("text"),
  // Longest a SIGTERM waits for running requests before the process ends anyway.
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce
    .number({ message: "SHUTDOWN_TIMEOUT_SECONDS: eine Zahl von Sekunden, z. B. 20" })
    .positive("SHUTDOWN_TIMEOUT_SECONDS: eine Zahl von Sekunden größer als 0")
    .max(3600, "SHUTDOWN_TIMEOUT_SECONDS: höchstens 3600")
    .default(20),
  // Single sign-on (decision 0047): allow identity providers over plain http (development and tests only).
  OIDC_ALLOW_HTTP: bool.default(false),
  // Connections of the PostgreSQL pool per process (app/kernel/db/client.ts reads it).
  DB_POOL_SIZE: z.coerce.number().int().min(1, "DB_POOL_SIZE: mindestens 1").max(1000).default(10),
  // The daily online backup (decision 0048): its folder (default <DATA_DIR>/backups on the embedded
  // database; on a PostgreSQL server only when set, pg_dump being the better tool there) and how many
  // of its files are kept (the oldest are deleted). BACKUP_DIR=off turns it off.
  BACKUP_DIR: z.string().optional(),
  BACKUP_KEEP: z.coerce
    .number({ message: "BACKUP_KEEP: eine Anzahl von Sicherungen, z. B. 7" })
    .int("BACKUP_KEEP: eine ganze Zahl")
    .min(1, "BACKUP_KEEP: mindestens 1")
    .max(1000)
    .default(7),
  // Hour of the day (Europe/Berlin) of the daily backup.
  BACKUP_HOUR: z.coerce.number().int().min(0).max(23, "BACKUP_HOUR: 0 bis 23").default(3),
});

export type Config = ReturnType<typeof config>;

/** Every environment variable the app reads through this schema (compose.yaml is checked against it). */
export const ENV_NAMES: readonly string[] = Object.keys(Env.shape);

/** A setting that cannot work as given; its message is meant for the operator as it stands. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

let cached: ReturnType<typeof build> | undefined;
function build() {
  // Empty variables count as unset (as in most .env tooling).
  const env = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ""));
  const e = Env.parse(env);
  if (e.DATABASE_READ_URL && !e.DATABASE_URL)
    throw new ConfigError(
      "DATABASE_READ_URL gilt nur mit DATABASE_URL: Eine Lese-Replik gibt es nur zu einem PostgreSQL-Server, " +
        "nicht zur eingebetteten Datenbank. Bitte DATABASE_URL setzen oder DATABASE_READ_URL entfernen.",
    );
  if (e.GEOCODER_KIND && !e.GEOCODER_URL)
    throw new ConfigError(
      "GEOCODER_KIND gilt nur mit GEOCODER_URL: Bitte die Adresse des Geocoders setzen oder GEOCODER_KIND entfernen.",
    );
  const geocoderKind = e.GEOCODER_URL ? (e.GEOCODER_KIND ?? geocoderKindOf(e.GEOCODER_URL)) : null;
  if (e.GEOCODER_URL && !geocoderKind)
    throw new ConfigError(
      "GEOCODER_URL: Die Art des Geocoders ist an der Adresse nicht zu erkennen (Nominatim endet auf /search, " +
        "Photon auf /api). Bitte GEOCODER_KIND=nominatim oder GEOCODER_KIND=photon setzen.",
    );
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseDirectUrl: e.DATABASE_DIRECT_URL,
    databaseReadUrl: e.DATABASE_READ_URL,
    dataDir: e.DATA_DIR,
    baseUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    cookieSecure: e.COOKIE_SECURE,
    trustProxy: e.TRUST_PROXY,
    demoData: e.DEMO_DATA,
    smtp: {
      host: e.SMTP_HOST,
      port: e.SMTP_PORT,
      secure: e.SMTP_SECURE,
      user: e.SMTP_USER,
      password: e.SMTP_PASSWORD,
      from: e.SMTP_FROM,
    },
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    oidcAllowHttp: e.OIDC_ALLOW_HTTP,
    maxBodyBytes: e.MAX_BODY_BYTES,
    maxUploadBytes: Math.round(e.UPLOAD_MAX_MB * 1024 * 1024),
    uploadLimits: {
      unpackedBytes: Math.round(e.UPLOAD_MAX_UNPACKED_MB * 1024 * 1024),
      sheets: e.UPLOAD_MAX_SHEETS,
      rows: e.UPLOAD_MAX_ROWS,
      columns: e.UPLOAD_MAX_COLUMNS,
      cells: e.UPLOAD_MAX_CELLS,
      points: e.UPLOAD_MAX_POINTS,
      seconds: e.UPLOAD_PARSE_SECONDS,
      memoryMb: e.UPLOAD_PARSE_MEMORY_MB,
    },
    oparlFetch: {
      maxBytes: Math.round(e.OPARL_FETCH_MAX_MB * 1024 * 1024),
      timeoutMs: e.OPARL_FETCH_SECONDS * 1000,
      allow: e.OPARL_FETCH_ALLOW.split(",")
        .map((x) => x.trim())
        .filter(Boolean),
    },
    geocoder:
      e.GEOCODER_URL && geocoderKind
        ? { url: e.GEOCODER_URL, kind: geocoderKind, timeoutMs: Math.round(e.GEOCODER_SECONDS * 1000) }
        : null,
    mapStyleUrl: e.MAP_STYLE_URL,
    basemapDir: e.BASEMAP_DIR ? path.resolve(e.BASEMAP_DIR) : null,
    casesKey: e.CASES_KEY,
    casesKeyFile: e.CASES_KEY_FILE,
    webConcurrency: e.WEB_CONCURRENCY,
    pageCache: { maxBytes: Math.round(e.PAGE_CACHE_MB * 1024 * 1024), maxAgeMs: e.PAGE_CACHE_MAX_AGE_SECONDS * 1000 },
    sharedDataDir: path.resolve(e.SHARED_DATA_DIR),
    sharedBuffers: e.PGLITE_SHARED_BUFFERS,
    metricsToken: e.METRICS_TOKEN,
    logFormat: e.LOG_FORMAT,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    dbPoolSize: e.DB_POOL_SIZE,
    backup: {
      dir: e.BACKUP_DIR === "off" ? null : (e.BACKUP_DIR ?? (e.DATABASE_URL ? null : path.join(e.DATA_DIR, "backups"))),
      keep: e.BACKUP_KEEP,
      hour: e.BACKUP_HOUR,
    },
  };
}
/** Configuration from the environment, validated once. */
export function config() {
  return (cached ??= build());
}
export function resetConfig() {
  cached = undefined;
}

/** A data set in the shared reference data (SHARED_DATA_DIR), or null where this installation has none. */
export function sharedData(name: string): string | null {
  const dir = path.join(config().sharedDataDir, name);
  return fs.existsSync(dir) ? dir : null;
}
