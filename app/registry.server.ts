// Wires the discovered modules (app/modules/index.ts) into the kernel: the kernel's functions take
// what they need from modules as parameters, and this file passes the manifests' parts in.
// Server only (the ".server" name keeps it out of the browser bundle).
import type { Database } from "./kernel/db/client";
import type { CliCommand } from "./kernel/cli";
import type { JobHandler } from "./kernel/jobs/service";
import type { ScheduledTask } from "./kernel/schedules/service";
import { listMigrations, migrate as migrateKernel } from "./kernel/db/migrate";
import {
  demoLogins as kernelDemoLogins,
  seedDemo as seedKernelDemo,
  seedDemoIfEmpty as seedKernelDemoIfEmpty,
  type DemoLogin,
} from "./kernel/demo/seed";
import { collectNav, demoLoaders, type Log } from "./kernel/modules";
import { joinProvenance } from "./kernel/provenance";
import { joinEvidence } from "./kernel/evidence";
import { joinAreaContents } from "./kernel/area-contents";
import { joinAttention } from "./kernel/attention";
import { joinTaxonomyUsage } from "./kernel/taxonomy/usage";
import { modules } from "./modules";

export { modules };

/** Navigation of all modules, handed to the kernel's pages through the request context. */
export const nav = collectNav(modules);

/** Loaders of the modules' REST API registrations (kernel/api/router.ts). */
export const apiModules = modules.flatMap((m) => (m.api ? [m.api] : []));

/** The modules' own interfaces outside /api/v1 (OParl), by path. */
export const moduleMounts = modules.flatMap((m) => m.mounts ?? []);

/** Where a module's things came from in another module (decision 0028), for pages and the API. */
export const provenance = joinProvenance(modules.flatMap((m) => (m.provenance ? [m.provenance] : [])));

/** Which indicators show a module's things' effect and where they work (decision 0032), for pages and the API. */
export const evidence = joinEvidence(modules.flatMap((m) => (m.evidence ? [m.evidence] : [])));

/** Public measures, offers … in an area, for the monitoring's area profile (kernel/area-contents.ts). */
export const areaContents = joinAreaContents(modules.flatMap((m) => (m.areaContents ? [m.areaContents] : [])));

/** What needs a staff member's attention today, for the staff home (kernel/attention.ts). */
export const attention = joinAttention(modules.flatMap((m) => (m.attention ? [m.attention] : [])));

/** Which modules' things still carry a term of the tenant's taxonomy (decision 0037): a term in use is not deleted. */
export const taxonomyUsage = joinTaxonomyUsage(modules.flatMap((m) => (m.taxonomyUsage ? [m.taxonomyUsage] : [])));

const migrationSources = modules.flatMap((m) => (m.migrations ? [m.migrations] : []));

/** Applies the kernel's and all modules' pending migrations. */
export const migrate = (db: Database, log?: Log) => migrateKernel(db, migrationSources, log);

/** The migrations this build brings, kernel and modules, in order (for the readiness check). */
export const bundledMigrations = () => listMigrations(migrationSources);

/** The modules' checks before serving (ModuleManifest.preflight), in module order. */
export async function preflight(db: Database, log: Log = () => {}): Promise<void> {
  for (const m of modules) if (m.preflight) await (await m.preflight()).preflight(db, log);
}

/** The kernel's demo tenants and accounts; with `modules: true` also every module's demo data. */
export const seedDemo = (db: Database, log?: Log, opts: { modules?: boolean } = {}) =>
  seedKernelDemo(db, log, { modules: opts.modules === false ? [] : demoLoaders(modules) });

/** First start: all demo data, if the installation has no tenant yet. */
export const seedDemoIfEmpty = (db: Database, log?: Log) =>
  seedKernelDemoIfEmpty(db, log, { modules: demoLoaders(modules) });

/** The kernel's demo accounts, then the modules' (with their demo TOTP secrets), as the start prints them. */
export async function allDemoLogins(): Promise<DemoLogin[]> {
  const loaded = await Promise.all(demoLoaders(modules).map((load) => load()));
  return [...kernelDemoLogins(), ...loaded.flatMap((m) => m.logins?.() ?? [])];
}

/** The modules' CLI commands, loaded on demand. */
export async function moduleCommands(): Promise<Record<string, CliCommand>> {
  const loaded = await Promise.all(modules.flatMap((m) => (m.cli ? [m.cli()] : [])));
  return Object.assign({}, ...loaded.map((c) => c.commands));
}

/** The modules' periodic tasks, loaded on demand (the kernel's own: kernel/schedules/tasks.ts). */
export async function moduleSchedules(): Promise<ScheduledTask[]> {
  const loaded = await Promise.all(modules.flatMap((m) => (m.schedules ? [m.schedules()] : [])));
  return loaded.flatMap((s) => s.schedules);
}

/** The modules' background job handlers by kind, loaded on demand. */
export async function jobHandlers(): Promise<Record<string, JobHandler>> {
  const loaded = await Promise.all(modules.flatMap((m) => (m.jobs ? [m.jobs()] : [])));
  return Object.assign({}, ...loaded.map((j) => j.handlers));
}
