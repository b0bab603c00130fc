// The module contract: what a domain module declares in app/modules/<name>/module.ts. The kernel
// defines the shape and the functions that use it; it never imports a module. The app's
// registry (app/modules/index.ts, app/registry.server.ts) discovers the manifests and passes what
// the kernel needs in by parameter.
//
// This file is evaluated by React Router's route-config loader at build time (through the
// manifests' type imports only) and its nav helpers run in the server: keep it free of runtime
// imports.
import type { AttentionModule } from "./attention";
import type { Router } from "express";
import type { Database } from "./db/client";
import type { CliCommand } from "./cli";
import type { Role } from "./roles";
import type { JobHandler } from "./jobs/service";
import type { ScheduledTask } from "./schedules/service";
import type { ApiOptions } from "./api/endpoint";
import type { ProvenanceModule } from "./provenance";
import type { EvidenceModule } from "./evidence";
import type { AreaContentsModule } from "./area-contents";
import type { TaxonomyUsageModule } from "./taxonomy/usage";

/** A page of a module: `path` below /t/:slug (public) or /t/:slug/verwaltung (staff), `file` relative to the module folder. */
/** A demo account as the start prints it (kernel demo data and modules' `logins()`). */
export interface DemoLogin {
  email: string;
  password: string;
  description: string;
  tenant?: string;
  role?: Role | "superadmin";
  /** A module's demo account with an enrolled second factor: the TOTP secret (base32) for an authenticator app. */
  totpSecret?: string;
}

export interface ModuleRoute {
  path: string;
  file: string;
  /** Needed when the same file serves two paths. */
  id?: string;
}

export interface NavEntry {
  to: string;
  labelKey: string;
  minRole?: Role;
}
export interface ModuleNav {
  /** Position among the modules on the tenant page and in the staff menu (default 50). */
  order?: number;
  public?: NavEntry[];
  staff?: NavEntry[];
}

export type Log = (m: string) => void;
export interface DemoModule {
  seedDemo(db: Database, log: Log): Promise<void>;
  /** Accounts the module's demo adds, printed with the kernel's at start (with a demo TOTP secret, if enrolled). */
  logins?(): DemoLogin[];
}
export interface ApiModule {
  /** Passes `opts` on to each of its `endpoint()` calls (the read replica, decision 0021). */
  registerApi(router: Router, db: Database, opts: ApiOptions): void;
}
/** Handlers of background jobs by kind (kernel/jobs/service.ts), e.g. "monitoring.import". */
export interface JobsModule {
  handlers: Record<string, JobHandler>;
}
/** A module's own HTTP interface outside /api/v1 (OParl's /oparl/v1), mounted before the address guard. */
export interface ModuleMount {
  path: `/${string}`;
  load: () => Promise<{ router(db: Database): Router }>;
}
/** Periodic tasks (kernel/schedules/service.ts, decision 0048): `{ name, everySeconds | dailyAtHour, run(db, now) }`. */
export interface SchedulesModule {
  schedules: ScheduledTask[];
}
export interface CliModule {
  commands: Record<string, CliCommand>;
}
/** SQL files by path (only the file name counts), as `import.meta.glob(…, { query: "?raw", import: "default" })` returns them. */
export type MigrationFiles = Record<string, string | (() => Promise<string>)>;

export interface ModuleManifest {
  /** Equal to the folder name and to the top-level key of the module's i18n strings. */
  name: string;
  routes?: { public?: ModuleRoute[]; staff?: ModuleRoute[] };
  nav?: ModuleNav;
  /**
   * Key prefixes (or whole keys) of the strings the module's public pages show. Declaring them puts
   * the public pages into every public UI language (kernel/i18n/languages.ts); tests/repo/public-strings
   * checks that each language has all of them and that the public pages use no other key.
   */
  publicStrings?: string[];
  /** The module's migrations folder: `import.meta.glob("./migrations/*.sql", { query: "?raw", import: "default" })`. */
  migrations?: MigrationFiles;
  /** Demo data, loaded after the kernel's demo tenants in ascending `order` (default 50). */
  demo?: { order?: number; load: () => Promise<DemoModule> };
  cli?: () => Promise<CliModule>;
  jobs?: () => Promise<JobsModule>;
  /** Periodic tasks, run by the scheduler of every app process (one instance claims each run). */
  schedules?: () => Promise<SchedulesModule>;
  api?: () => Promise<ApiModule>;
  /** Loaded on first request, like `api`, so nothing of it reaches a page's bundle. */
  mounts?: ModuleMount[];
  /** Where other modules' things came from, as this module records it (kernel/provenance.ts, decision 0028). */
  provenance?: () => Promise<ProvenanceModule>;
  /** Which indicators show other modules' things' effect, and where they work (kernel/evidence.ts, decision 0032). */
  evidence?: () => Promise<EvidenceModule>;
  /** Public things this module places in an area, for the area profile (kernel/area-contents.ts). */
  areaContents?: () => Promise<AreaContentsModule>;
  /** What of this module needs a staff member's attention today, for the staff home (kernel/attention.ts). */
  attention?: () => Promise<AttentionModule>;
  /** How many of this module's things carry each term of the tenant's taxonomy (kernel/taxonomy/usage.ts, decision 0037). */
  taxonomyUsage?: () => Promise<TaxonomyUsageModule>;
  /**
   * Checks before the server serves, after the migrations and before the demo data: a ConfigError
   * thrown here stops the start with its message (case work without its master key, decision 0044).
   */
  preflight?: () => Promise<{ preflight(db: Database, log: Log): Promise<void> }>;
  /** The module's public entry, the only file other modules may import (see eslint/module-boundaries.js). */
  publicApi?: "index.ts";
}

/** The navigation of all modules, as the kernel's pages and middleware need it. */
export interface AppNav {
  public: NavEntry[];
  staff: NavEntry[];
  /** Pages shown in every public UI language. */
  allLanguagePaths: readonly RegExp[];
}

const byOrder = <T extends { order?: number }>(a: T, b: T) => (a.order ?? 50) - (b.order ?? 50);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The legal pages, the platform's and each tenant's (app/routes.ts), which every public language covers.
 * The same three as LEGAL_KINDS in kernel/legal/service.ts (that file pulls in the database layer).
 */
export const KERNEL_PUBLIC_PAGES = ["impressum", "datenschutz", "barrierefreiheit"];

/** A route path such as `beteiligung/:id/entwurf/:draftId` as a pattern for the path below /t/:slug/. */
const pathPattern = (path: string) =>
  path
    .split("/")
    .map((seg) => (seg.startsWith(":") ? "[^/]+" : escape(seg)))
    .join("/");

/**
 * The start page, the platform's and each tenant's legal pages, a tenant's page, and the public pages
 * of every module that declares its public strings (each route and what lies below it, such as
 * an offer's print view).
 */
export function allLanguagePathsFor(modules: readonly Pick<ModuleManifest, "routes" | "publicStrings">[]): RegExp[] {
  const legal = KERNEL_PUBLIC_PAGES.map(escape).join("|");
  return [
    /^\/$/,
    new RegExp(`^/(${legal})$`),
    /^\/t\/[^/]+\/?$/,
    new RegExp(`^/t/[^/]+/(${legal})$`),
    ...modules
      .filter((m) => m.publicStrings?.length)
      .flatMap((m) => m.routes?.public ?? [])
      .map((r) => new RegExp(`^/t/[^/]+/${pathPattern(r.path)}(/|$)`)),
  ];
}

export function collectNav(modules: readonly ModuleManifest[]): AppNav {
  const navs = modules.flatMap((m) => (m.nav ? [m.nav] : [])).sort(byOrder);
  const pub = navs.flatMap((n) => n.public ?? []);
  return { public: pub, staff: navs.flatMap((n) => n.staff ?? []), allLanguagePaths: allLanguagePathsFor(modules) };
}

/** The modules' demo loaders in the order they must run. */
export function demoLoaders(modules: readonly ModuleManifest[]): (() => Promise<DemoModule>)[] {
  return modules
    .flatMap((m) => (m.demo ? [m.demo] : []))
    .sort(byOrder)
    .map((d) => d.load);
}
