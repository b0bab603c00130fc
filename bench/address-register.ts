// Address register benchmark (decision 0053): N addresses from a CSV file through what the upload page
// does (parse in the upload worker, check every row, replace the register in one transaction under
// row-level security), on embedded PGlite or on PostgreSQL (BENCH_DATABASE_URL). Beside it, in the same
// run on the same database, the reference: PostgreSQL's own COPY of the same file into a plain table of the
// same columns, as the owner, without checks. Then the lookup: 1,000 addresses in one geocodeMany call
// (what saving entries does, batched), against the same join written by hand over the COPY table.
//   npx vite-node bench/address-register.ts [rows …]      default: 200000 (about Köln's number of addresses)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase, type Database } from "~/kernel/db/client";
import { rows, withSystem, withTenant } from "~/kernel/db/context";
import { createTenant } from "~/kernel/tenancy/service";
import { copyInto } from "~/kernel/db/copy";
import { parseInWorker } from "~/kernel/parsing/run";
import { geocodeMany, importRegister, streetKey } from "~/kernel/geocoding/address-register";

const build = (await import(new URL("../build/server/index.js", import.meta.url).href)) as {
  migrate: (db: Database) => Promise<string[]>;
};
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
if (!sizes.length) sizes.push(200_000);

const STREETS = 2000;
const street = (i: number) => `Teststraße ${i % STREETS}`.replace(/ (\d+)$/, (_m, n) => `-${n}`);
const at = (i: number) => [50.85 + ((i * 7919) % 20000) / 100000, 6.8 + ((i * 104729) % 30000) / 100000];

function writeCsv(n: number, file: string) {
  let out = "Straße;Hausnummer;PLZ;Ort;Breite;Länge\n";
  for (let i = 0; i < n; i++) {
    const [lat, lon] = at(i);
    out += `${street(i)};${Math.floor(i / STREETS) + 1};50667;Köln;${lat.toFixed(6)};${lon.toFixed(6)}\n`;
  }
  fs.writeFileSync(file, out);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "register-bench-"));
const url = process.env.BENCH_DATABASE_URL;
const db = await openDatabase(url ? { url } : { dataDir: path.join(dir, "pglite") });
await build.migrate(db);
const ms = (t0: number) => Math.round(performance.now() - t0);

for (const n of sizes) {
  const file = path.join(dir, `adressen-${n}.csv`);
  writeCsv(n, file);
  const slug = `bench-${n}-${Date.now() % 100000}`;
  const t = await withSystem(db, (tx) =>
    createTenant(tx, { slug, name: `Bench ${n}`, kind: "kommune", ags: "05315000" }),
  );
  const scope = { tenantId: t.id, actor: { userId: null, label: "Benchmark" } };

  let t0 = performance.now();
  const table = await parseInWorker({ kind: "table", bytes: fs.readFileSync(file), options: { type: "csv" } });
  const parse = ms(t0);
  t0 = performance.now();
  const r = await withTenant(db, scope, (tx) => importRegister(tx, table, "wgs84"));
  const store = ms(t0);
  if (!r.ok) throw new Error(JSON.stringify(r.problems.slice(0, 3)));

  // Reference: COPY of the same file into a plain table of the same columns.
  const ref = await withSystem(db, async (tx) => {
    await tx.execute(
      sql.raw(`CREATE TEMP TABLE ref_register (street text, house_number text, postcode text, city text,
        lat float8, lon float8) ON COMMIT DROP`),
    );
    const text = fs.readFileSync(file, "utf8");
    const lines = text.slice(text.indexOf("\n") + 1).split(/(?<=\n)/);
    const c0 = performance.now();
    await copyInto(tx, "ref_register", lines, { csvDelimiter: ";" });
    const copy = ms(c0);
    await tx.execute(sql`CREATE INDEX ON ref_register (street, house_number)`);
    const asked = Array.from({ length: 1000 }, (_, i) => ({
      s: street((i * 37) % n),
      n: String(Math.floor(((i * 37) % n) / STREETS) + 1),
    }));
    const l0 = performance.now();
    const hits = await rows<{ lat: number }>(
      tx,
      sql`SELECT r.lat FROM jsonb_to_recordset(${JSON.stringify(asked)}::jsonb) AS q(s text, n text)
        JOIN ref_register r ON r.street = q.s AND r.house_number = q.n`,
    );
    return { copy, lookup: ms(l0), hits: hits.length };
  });

  const asked = Array.from({ length: 1000 }, (_, i) => ({
    street: `${street((i * 37) % n)} ${Math.floor(((i * 37) % n) / STREETS) + 1}`,
    postcode: "50667",
  }));
  t0 = performance.now();
  const found = await withTenant(db, scope, (tx) => geocodeMany(tx, asked));
  const lookup = ms(t0);
  const hit = found.filter(Boolean).length;
  if (hit !== 1000 || ref.hits !== 1000) throw new Error(`lookup found ${hit} / reference ${ref.hits} of 1000`);
  console.log(
    `${n} addresses (${streetKey("Teststraße")}…): parse ${parse} ms + check and store ${store} ms = ${parse + store} ms; ` +
      `reference COPY ${ref.copy} ms; ratio ${((parse + store) / Math.max(ref.copy, 1)).toFixed(1)}×. ` +
      `Lookup of 1,000 addresses: geocodeMany ${lookup} ms, hand-written join over the COPY table ${ref.lookup} ms.`,
  );
}
await db.close();
fs.rmSync(dir, { recursive: true, force: true });
