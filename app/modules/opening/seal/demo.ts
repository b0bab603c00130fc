import type { Database } from "~/kernel/db/client";
import { withSystem, withTenant } from "~/kernel/db/context";
import { addDays, todayBerlin } from "~/kernel/dates";
import { ServiceError, type Result } from "~/kernel/errors";
import type { Log } from "~/kernel/modules";
import { getTenantBySlug } from "~/kernel/tenancy/service";
import { addSealMilestone, agreeSealMilestones, awardSeal, completeSealMilestone, createSealCase } from "./service";

// The seal is a Kreis's (seed 004:5777–5815: the Rhein-Sieg-Kreis's integration centre and its three
// Integrationsagenturen award it), so the demo runs it in the StädteRegion Aachen. The seed names no
// holder (only "die ersten beiden Kommunen", 004:5796), so every case here is invented and marked as
// an example; dates are relative to the day the demo is loaded, so each state shows.

const must = <T>(r: Result<T>): T => {
  if (!r.ok) throw new ServiceError(r.error.code, r.error.params);
  return r.value;
};

interface DemoMilestone {
  title: string;
  /** Days before today (negative: in the future). */
  due: number;
  done?: number;
}
interface DemoCase {
  name: string;
  applied: number;
  agreed?: number;
  /** Milestones agreed for a round, then (if given) the award that closes it: the first certifies, later ones re-certify. */
  rounds: { milestones: DemoMilestone[]; award?: number }[];
}

const TWO_YEARS = 730;
const CASES: DemoCase[] = [
  {
    name: "Beispielgemeinde Am Venn (Beispiel)",
    applied: 500,
    agreed: 470,
    rounds: [
      {
        milestones: [
          { title: "Leitbild um interkulturelle Öffnung ergänzt", due: 400, done: 410 },
          { title: "Zusatz zur Ansprache in allen Stellenausschreibungen", due: 380, done: 390 },
          { title: "Schulung aller Führungskräfte", due: 330, done: 335 },
        ],
        award: 300,
      },
    ],
  },
  {
    // Certified, re-certified, and now within three months of the end: the reminder is due.
    name: "Beispielstadt an der Wurm (Beispiel)",
    applied: 2 * TWO_YEARS + 40,
    agreed: 2 * TWO_YEARS,
    rounds: [
      { milestones: [{ title: "Mehrsprachige Wegweiser im Bürgerbüro", due: 1240, done: 1250 }], award: 1220 },
      {
        milestones: [{ title: "Sprachmittlerpool für alle Ämter geöffnet", due: 730, done: 750 }],
        award: TWO_YEARS - 40,
      },
    ],
  },
  {
    // Not re-certified: expired.
    name: "Musterverein Vielfalt e.V. (Beispiel)",
    applied: TWO_YEARS + 300,
    agreed: TWO_YEARS + 280,
    rounds: [
      {
        milestones: [{ title: "Ehrenamtliche mehrsprachig gewonnen", due: TWO_YEARS + 200, done: TWO_YEARS + 210 }],
        award: TWO_YEARS + 120,
      },
    ],
  },
  {
    name: "Beispiel-Wohlfahrtsverband Eifel (Beispiel)",
    applied: 120,
    agreed: 100,
    rounds: [
      {
        milestones: [
          { title: "Bestandsaufnahme mit dem Siegelverbund", due: 60, done: 70 },
          { title: "Beschwerdemanagement mehrsprachig", due: -60 },
        ],
      },
    ],
  },
  { name: "Beispielbetrieb Handwerk GmbH (Beispiel)", applied: 20, rounds: [] },
];

export async function seedDemo(db: Database, log: Log) {
  const tenant = await withSystem(db, (tx) => getTenantBySlug(tx, "staedteregion-aachen"));
  if (!tenant) return;
  const today = todayBerlin();
  const day = (n: number) => addDays(today, -n);
  await withTenant(db, { tenantId: tenant.id, actor: { userId: null, label: "Demodaten" } }, async (tx) => {
    for (const c of CASES) {
      const { id } = must(await createSealCase(tx, { applicantName: c.name, appliedOn: day(c.applied), isDemo: true }));
      for (const [i, r] of c.rounds.entries()) {
        for (const m of r.milestones) {
          const ms = must(await addSealMilestone(tx, { caseId: id, title: m.title, dueOn: day(m.due) }));
          if (m.done !== undefined) must(await completeSealMilestone(tx, { id: ms.id, on: day(m.done) }));
        }
        if (i === 0 && c.agreed !== undefined) must(await agreeSealMilestones(tx, { id, on: day(c.agreed) }));
        if (r.award !== undefined) must(await awardSeal(tx, { id, on: day(r.award) }));
      }
    }
  });
  log(`Siegel „Interkulturell orientiert“: ${CASES.length} Beispielfälle (StädteRegion Aachen)`);
}
