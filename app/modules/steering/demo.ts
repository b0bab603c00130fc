import type { Database } from "~/kernel/db/client";
import { withSystem, withTenant } from "~/kernel/db/context";
import { getTenantBySlug } from "~/kernel/tenancy/service";
import { getAdoptedEdition, KOELN_EXAMPLE, listMeasures, loadGoals } from "~/modules/concept";
import { listAreas } from "~/modules/monitoring";
import { addTarget, setMeasureLinks } from "./services/links";

const NOTE =
  "Beispiel: Zielwerte und Zuordnungen sind für die Demonstration erfunden; die Werte im Monitoring sind echte Daten der Stadt Köln.";

/**
 * Köln's example concept (concept/data/koeln-example.ts) linked to Köln's real monitoring data: each
 * goal's targets, each measure's indicators and Stadtteile – so the whole cycle can be walked there.
 */
export async function seedDemo(db: Database, log: (m: string) => void) {
  const tenant = await withSystem(db, (tx) => getTenantBySlug(tx, "koeln"));
  if (!tenant) return;
  await withTenant(db, { tenantId: tenant.id, actor: { userId: null, label: "Demodaten" } }, async (tx) => {
    const edition = await getAdoptedEdition(tx);
    // Without the shared Köln data the monitoring has no areas (and no values): nothing to link to.
    if (!edition || !(await listAreas(tx)).length) return log("Steuerung: keine Köln-Daten, keine Verknüpfungen");
    const goals = new Map((await loadGoals(tx, edition.id)).map((g) => [g.ref, g.id]));
    let targets = 0;
    for (const tf of KOELN_EXAMPLE.themenfelder)
      for (const lz of tf.leitziele)
        for (const g of [lz, ...lz.teilziele])
          for (const x of g.targets) {
            const r = await addTarget(tx, {
              goalId: goals.get(`${tf.number}/${g.number}`)!,
              indicator: x.indicator,
              area: x.area ?? "",
              group: x.group ?? "gesamt",
              kind: x.kind,
              targetValue: x.kind === "value" ? (x.value ?? null) : null,
              direction: x.direction,
              targetYear: x.year ?? null,
              baseYear: x.baseYear ?? null,
              compareGroup: x.kind === "parity" ? (x.compareGroup ?? "gesamt") : null,
              exampleNote: NOTE,
            });
            if (!r.ok) throw new Error(`Köln-Beispiel, Ziel ${tf.number}/${g.number}: ${r.error.code}`);
            targets++;
          }
    const measures = new Map((await listMeasures(tx, { editionId: edition.id })).map((m) => [m.code, m.id]));
    for (const m of KOELN_EXAMPLE.measures) {
      const r = await setMeasureLinks(tx, measures.get(m.code)!, { indicators: m.indicators, areas: m.areas });
      if (!r.ok) throw new Error(`Köln-Beispiel, Maßnahme ${m.code}: ${r.error.code}`);
    }
    log(`Steuerung: ${targets} Zielwerte und ${KOELN_EXAMPLE.measures.length} Maßnahmen mit Daten verknüpft (koeln)`);
  });
}
