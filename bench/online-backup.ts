// The online backup's two candidates on the embedded database with all demo data (run: npm run bench
// -- online-backup; decision 0048): the JSON backup of db:backup in one transaction, and PGlite's
// dumpDataDir (a tarball of the data directory). Also how long a request waits that arrives while the
// JSON backup runs (PGlite runs one statement at a time; the transaction holds the others back).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { throwawayCasesKey } from "./support";

// The demo includes case work, which needs a master key: a throwaway one, as in the other benches.
throwawayCasesKey();

const build = (await import(
  /* @vite-ignore */ new URL("../build/server/index.js", import.meta.url).href
)) as typeof import("../server/index");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "teilhabe-bench-backup-"));
const dataDir = path.join(dir, "pglite");
const ms = (t: number) => `${Math.round(performance.now() - t)} ms`;

let t = performance.now();
const db = await build.openDatabase({ dataDir });
await build.migrate(db);
await build.seedDemo(db, () => {}, { modules: true });
console.log(`Demodaten (alle Module) geladen: ${ms(t)}`);
for (let i = 1; i <= 3; i++) {
  t = performance.now();
  const file = path.join(dir, `b${i}.teilhabe.gz`);
  const backup = build.backup(db, file);
  // A request's query, started once the backup's transaction has begun.
  await new Promise((r) => setTimeout(r, 5));
  const q = performance.now();
  await db.orm.execute(sql`SELECT 1`);
  const waited = performance.now() - q;
  const counts = await backup;
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(
    `JSON-Sicherung ${i}: ${ms(t)}, ${rows} Zeilen, ${(fs.statSync(file).size / 1e6).toFixed(1)} MB; eine Abfrage dabei wartete ${Math.round(waited)} ms`,
  );
}
await db.close();

const { PGlite } = await import("@electric-sql/pglite");
const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
const { unaccent } = await import("@electric-sql/pglite/contrib/unaccent");
const pg = await PGlite.create(dataDir, { extensions: { pg_trgm, unaccent } });
for (let i = 1; i <= 3; i++) {
  t = performance.now();
  const blob = await pg.dumpDataDir("gzip");
  console.log(`dumpDataDir ${i} (gzip): ${ms(t)}, ${(blob.size / 1e6).toFixed(1)} MB`);
}
await pg.close();
fs.rmSync(dir, { recursive: true, force: true });
