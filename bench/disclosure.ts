/**
 * What disclosure control costs (decision 0033): the monitoring's values of one indicator for every
 * Stadtteil and year of the Köln demo data, as every public page and the API read them (primary and
 * complementary suppression over the whole area hierarchy, derivation, states), beside a reference
 * measured in the same run: one plain SQL statement returning the same cells' raw values (the
 * derivation done in SQL, no suppression, no row-level security – the floor).
 *   npx react-router build && SHARED_DATA_DIR=/work/shared/data npm run bench -- disclosure [rounds]   (vite-node)
 * Embedded PGlite in this process; sequential, so the figures are latencies. Compare within one run.
 */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { withTenant } from "../app/kernel/db/context";
import { demoDatabase, pct } from "./support";
import { disclosedValues } from "../app/modules/monitoring";

if (!process.env.SHARED_DATA_DIR) throw new Error("SHARED_DATA_DIR (mit koeln/) fehlt");
const ROUNDS = Number(process.argv[2] ?? 30);
const { db, exec, tenantId } = await demoDatabase("koeln");
const scope = { tenantId, actor: { userId: null, label: "Benchmark" } };

const raw = {
  // A count: its own observations.
  einwohner: sql`SELECT a.key, o.period, o.value FROM mon_observations o
    JOIN mon_indicators i ON i.id = o.indicator_id JOIN mon_areas a ON a.id = o.area_id
    WHERE o.tenant_id = ${tenantId}::uuid AND i.code = 'einwohner' AND a.level = 'stadtteil' AND o.group_code = 'gesamt'`,
  // A share: numerator over denominator per area and year.
  mh_anteil: sql`SELECT a.key, n.period, 100 * n.value / nullif(d.value, 0) AS value
    FROM mon_observations n JOIN mon_indicators ni ON ni.id = n.indicator_id AND ni.code = 'einwohner_mh'
    JOIN mon_observations d ON d.area_id = n.area_id AND d.period = n.period AND d.group_code = 'gesamt'
    JOIN mon_indicators di ON di.id = d.indicator_id AND di.code = 'einwohner'
    JOIN mon_areas a ON a.id = n.area_id
    WHERE n.tenant_id = ${tenantId}::uuid AND a.level = 'stadtteil' AND n.group_code = 'gesamt'`,
};
const fmt = (xs: number[]) => `${pct(xs, 50).toFixed(1)} / ${pct(xs, 95).toFixed(1)}`;

// Köln's Stadtteile are large: at the default threshold nothing is hidden, so these figures are the
// cost of checking (primary and complementary) when there is nothing to hide – the line says so.
console.log(`Offenlegungskontrolle, Köln, Stadtteile × Jahre, ${ROUNDS} Runden (p50 / p95 in ms):`);
for (const [code, reference] of Object.entries(raw)) {
  const service = () =>
    withTenant(db, scope, (tx) => disclosedValues(tx, code, { level: "stadtteil", group: "gesamt" }));
  const cells = (await service())!.cells;
  const plain = (await exec(reference)).rows;
  if (cells.length !== plain.length) throw new Error(`${code}: ${cells.length} Zellen, Referenz ${plain.length}`);
  const hidden = cells.filter((c) => c.suppressed).length;
  const m = { service: [] as number[], reference: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    let t0 = performance.now();
    await service();
    m.service.push(performance.now() - t0);
    t0 = performance.now();
    await exec(reference);
    m.reference.push(performance.now() - t0);
  }
  console.log(
    `  ${code.padEnd(10)} ${cells.length} Zellen (${hidden} unterdrückt)  mit Offenlegungskontrolle ${fmt(m.service)}` +
      `  Referenz (SQL, Rohwerte) ${fmt(m.reference)}  → p50 ${(pct(m.service, 50) / pct(m.reference, 50)).toFixed(1)}×`,
  );
}
await db.close();
