import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { sharedData } from "~/kernel/config";

/**
 * Database templates shared by all test files of a run. Making a database is expensive (PGlite runs
 * initdb, then every migration; the demo data hashes passwords and loads Köln's statistics), so
 * tests/support/global-setup.ts makes each kind once and every test file starts from its own copy:
 * a copied data directory for PGlite, `CREATE DATABASE … TEMPLATE` on PostgreSQL. Each file still
 * gets a database of its own, exactly as isolated as one made from scratch.
 */
export type TemplateKind = "migrated" | "demo" | "demo-modules";
export const TEMPLATE_KINDS: TemplateKind[] = ["migrated", "demo", "demo-modules"];

export interface TestDbOptions {
  /** Start with the demo tenants, accounts and organisations (as seedDemo). */
  demo?: boolean;
  /** With demo: also every module's demo data (as seedDemo with modules: true). */
  modules?: boolean;
}
export const templateKind = (o: TestDbOptions): TemplateKind =>
  !o.demo ? "migrated" : o.modules ? "demo-modules" : "demo";

/**
 * What the global setup hands to the test files: a PGlite data directory per kind (always: the CLI
 * and process tests use the embedded database in every run) and with TEST_DB=pg a database name.
 */
export type Templates = { pglite: Record<TemplateKind, string>; pg?: Record<TemplateKind, string> };

/** The run's templates; undefined without the global setup (outside Vitest, e.g. in bench/). */
export function providedTemplates(): Templates | undefined {
  try {
    return inject("testTemplates");
  } catch {
    return undefined;
  }
}

/**
 * The template of a kind for this run's database (a PostgreSQL database name with TEST_DB=pg, else a
 * PGlite data directory), or undefined if the global setup made none: the caller then makes the
 * database itself.
 */
export function templateFor(kind: TemplateKind): string | undefined {
  const t = providedTemplates();
  return process.env.TEST_DB === "pg" ? t?.pg?.[kind] : t?.pglite[kind];
}

export const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * The embedded test databases run with a small buffer pool: PGlite clears all of shared_buffers
 * (128MB by default) on every start, which made opening a test database take seconds.
 */
export const TEST_SHARED_BUFFERS = "16MB";

/**
 * Cache key of the PGlite templates: everything that can change their content (the application
 * code that migrates and seeds, the SQL, the data files of the demo, the PGlite version).
 */
export function templateKey(): string {
  const h = createHash("sha256");
  const walk = (p: string) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      for (const e of fs.readdirSync(p).sort()) walk(path.join(p, e));
    } else if (!/\.test\.tsx?$/.test(p) && !p.includes(`${path.sep}routes${path.sep}`)) {
      h.update(path.relative(ROOT, p));
      h.update(fs.readFileSync(p));
    }
  };
  walk(path.join(ROOT, "app/kernel"));
  walk(path.join(ROOT, "app/modules"));
  // The Köln demo data lives outside the repository (SHARED_DATA_DIR, where the monitoring demo
  // looks for it); its files' names, sizes and times stand for it.
  const demoData = sharedData("koeln");
  if (demoData)
    for (const f of fs.readdirSync(demoData).sort()) {
      const st = fs.statSync(path.join(demoData, f));
      h.update(`${demoData}/${f}:${st.size}:${st.mtimeMs}`);
    }
  h.update(fs.readFileSync(path.join(ROOT, "node_modules/@electric-sql/pglite/package.json")));
  h.update(TEST_SHARED_BUFFERS);
  return h.digest("hex").slice(0, 16);
}

/** A fresh directory for one test database; removed again by the returned function. */
export function copyTemplateDir(template: string): { dataDir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "teilhabe-testdb-"));
  const dataDir = path.join(dir, "pglite");
  // A reflink where the file system supports it, a plain copy elsewhere.
  fs.cpSync(template, dataDir, { recursive: true, mode: fs.constants.COPYFILE_FICLONE });
  const remove = () => {
    process.off("exit", remove);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", remove);
  return { dataDir, remove };
}

/** The server URL with another database name. */
export const dbUrl = (admin: string, name: string) => admin.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);

async function adminQuery(sql: string) {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error("TEST_DB=pg braucht TEST_DATABASE_URL");
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/**
 * A new PostgreSQL database, copied from a template or empty; dropped by the returned function.
 * Copies of one template may be made concurrently as long as nobody is connected to the template.
 */
export async function createPgDatabase(
  prefix: string,
  template?: string,
): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ""}`);
  return {
    name,
    url: dbUrl(process.env.TEST_DATABASE_URL!, name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/**
 * A DATA_DIR for a server or CLI process whose embedded database is a copy of a template (as if the
 * server had started there before). Removed by the returned function.
 */
export function templateDataDir(kind: TemplateKind): { dataDir: string; remove: () => void } {
  const template = providedTemplates()?.pglite[kind];
  if (!template) throw new Error("Die PGlite-Vorlagen fehlen (tests/support/global-setup.ts).");
  const copy = copyTemplateDir(template);
  return { dataDir: path.dirname(copy.dataDir), remove: copy.remove };
}
