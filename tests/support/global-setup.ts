import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openDatabase, type Database } from "~/kernel/db/client";
import { migrate, seedDemo } from "./app";
import {
  createPgDatabase,
  ROOT,
  TEMPLATE_KINDS,
  TEST_SHARED_BUFFERS,
  templateKey,
  type TemplateKind,
  type Templates,
} from "./templates";

declare module "vitest" {
  export interface ProvidedContext {
    testTemplates: Templates;
  }
}

/** Fills a migrated database with the demo data of its kind. */
async function fill(db: Database, kind: TemplateKind) {
  await migrate(db);
  if (kind !== "migrated") await seedDemo(db, () => {}, { modules: kind === "demo-modules" });
}

/**
 * Makes the database templates once per run (see templates.ts): PGlite's always (kept between runs),
 * PostgreSQL's with TEST_DB=pg (dropped after the run).
 */
export default async function setup(project: TestProject) {
  // The demo's case work is encrypted (decision 0044): the templates need the test master key that
  // vitest.config.ts gives the test files.
  process.env.CASES_KEY ??= project.config.env?.CASES_KEY;
  const pglite = await pgliteTemplates();
  // vitest.pg.config.ts sets TEST_DB for the test files only, not for this process.
  if ((project.config.env?.TEST_DB ?? process.env.TEST_DB) !== "pg") {
    project.provide("testTemplates", { pglite });
    return;
  }
  const made: Awaited<ReturnType<typeof createPgDatabase>>[] = [];
  const names = {} as Record<TemplateKind, string>;
  try {
    for (const kind of TEMPLATE_KINDS) {
      // The demo templates start as copies of the migrated one.
      const t = await createPgDatabase(`teilhabe_tpl_${kind.replace("-", "_")}`, names.migrated);
      made.push(t);
      const db = await openDatabase({ url: t.url });
      try {
        await fill(db, kind);
      } finally {
        await db.close();
      }
      names[kind] = t.name;
    }
  } catch (e) {
    for (const t of made) await t.drop();
    throw e;
  }
  project.provide("testTemplates", { pglite, pg: names });
  return async () => {
    for (const t of made) await t.drop();
  };
}

/** PGlite's templates live under .tmp/test-templates/<key> until the code or data they come from changes. */
async function pgliteTemplates(): Promise<Record<TemplateKind, string>> {
  const base = path.join(ROOT, ".tmp/test-templates");
  const key = templateKey();
  const dir = path.join(base, key);
  const dirs = Object.fromEntries(TEMPLATE_KINDS.map((k) => [k, path.join(dir, k, "pglite")])) as Record<
    TemplateKind,
    string
  >;
  if (fs.existsSync(path.join(dir, "complete"))) return dirs;
  // Built beside the final place and renamed when complete: a run that is interrupted, or one
  // running at the same time, never sees half a template.
  const tmp = path.join(base, `${key}.${process.pid}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  for (const kind of TEMPLATE_KINDS) {
    const dataDir = path.join(tmp, kind, "pglite");
    if (kind !== "migrated") fs.cpSync(path.join(tmp, "migrated", "pglite"), dataDir, { recursive: true });
    const db = await openDatabase({ dataDir, sharedBuffers: TEST_SHARED_BUFFERS });
    try {
      await fill(db, kind);
    } finally {
      await db.close();
    }
  }
  fs.writeFileSync(path.join(tmp, "complete"), new Date().toISOString());
  try {
    fs.renameSync(tmp, dir);
  } catch {
    // Another run finished the same templates first.
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  // Templates of older code are of no further use.
  for (const e of fs.readdirSync(base))
    if (e !== key && !e.includes(".")) fs.rmSync(path.join(base, e), { recursive: true, force: true });
  return dirs;
}
