import type { Database, Tx } from "~/kernel/db/client";
import { withSystem, withTenant } from "~/kernel/db/context";
import { ServiceError, type Result } from "~/kernel/errors";
import { listOrganisations } from "~/kernel/organisations/service";
import { getTenantBySlug } from "~/kernel/tenancy/service";
import type { Rating } from "./schema";
import {
  addAction,
  addWorkshopNote,
  completeAssessment,
  createAssessment,
  getAssessment,
  saveAnswers,
  saveRatings,
  setPhase,
} from "./service";

// Aachen's Fachbereich assesses itself against the ten Ansatzpunkte in 2024 (completed) and 2025 (under
// way), so the comparison with last year has something to show; the Caritas (the demo partner
// account's organisation) completed 2024, so its lead can start 2025 and compare. Ratings, evidence
// and notes are invented and marked as example.
export const DEMO_FB = "Fachbereich Wohnen, Soziales und Integration";
export const DEMO_PARTNER_ORG = "Caritasverband für die Regionen Aachen-Stadt und Aachen-Land e.V.";
const EXAMPLE = "Beispiel (erfunden)";

const must = <T>(r: Result<T>): T => {
  if (!r.ok) throw new ServiceError(r.error.code, r.error.params);
  return r.value;
};

async function rate(tx: Tx, id: string, marks: readonly (Rating | null)[]) {
  const v = (await getAssessment(tx, id))!;
  must(
    await saveRatings(
      tx,
      id,
      v.criteria.map((c, i) => ({
        itemId: c.id,
        rating: marks[i],
        evidence: marks[i] === "met" || marks[i] === "partly" ? `${EXAMPLE}: Nachweis zu „${c.text}“` : "",
      })),
    ),
  );
  return v;
}

async function completed(tx: Tx, organisationId: string, unit: string, year: number, marks: readonly Rating[]) {
  const { id } = must(
    await createAssessment(
      tx,
      {
        organisationId,
        unit,
        year,
        catalogueKey: "ansatzpunkte",
        mission: `${EXAMPLE}: Vielfalt ist Teil unseres Leitbilds; wir wollen für alle Menschen in Aachen gleich gut erreichbar sein.`,
      },
      { isDemo: true },
    ),
  );
  await rate(tx, id, marks);
  must(await completeAssessment(tx, id, `${year}-11-30`));
  return id;
}

export async function seedDemo(db: Database) {
  const tenant = await withSystem(db, (tx) => getTenantBySlug(tx, "aachen"));
  if (!tenant) return;
  await withTenant(db, { tenantId: tenant.id, actor: { userId: null, label: "Demodaten" } }, async (tx) => {
    const orgs = new Map((await listOrganisations(tx)).map((o) => [o.name, o.id]));
    const fb = orgs.get(DEMO_FB);
    const caritas = orgs.get(DEMO_PARTNER_ORG);
    if (!fb || !caritas) throw new Error("Demodaten: Organisationen für die Selbstbewertung fehlen");

    await completed(tx, fb, "", 2024, [
      "partly",
      "not_met",
      "partly",
      "not_met",
      "met",
      "not_met",
      "partly",
      "not_met",
      "partly",
      "not_met",
    ]);
    const { id } = must(
      await createAssessment(
        tx,
        {
          organisationId: fb,
          year: 2025,
          catalogueKey: "ansatzpunkte",
          mission: `${EXAMPLE}: Vielfalt ist Teil unseres Leitbilds; wir wollen für alle Menschen in Aachen gleich gut erreichbar sein.`,
        },
        { isDemo: true },
      ),
    );
    const v = await rate(tx, id, ["met", "partly", "partly", "met", "met", "partly", "partly", null, "met", null]);
    const barriers = v.lists.find((l) => l.key === "zugangsbarrieren")!;
    must(
      await saveAnswers(tx, id, [
        {
          itemId: barriers.items[0].id,
          checked: true,
          answer: `${EXAMPLE}: Bescheide nur auf Deutsch, Wege im Haus unklar.`,
        },
        { itemId: barriers.items[5].id, checked: true, answer: `${EXAMPLE}: Dolmetschen nur auf Zuruf.` },
      ]),
    );
    const prompts = v.lists.find((l) => l.key === "widerstaende")!;
    must(
      await addWorkshopNote(tx, id, prompts.items[0].id, `${EXAMPLE}: Gleich behandeln heißt nicht gleich erreichen.`),
    );
    must(await addWorkshopNote(tx, id, prompts.items[5].id, `${EXAMPLE}: Ohne Zeit für Fortbildung geht es nicht.`));
    must(
      await addAction(tx, id, {
        title: `${EXAMPLE}: Mehrsprachige Wegweiser im Bürgerbüro`,
        owner: "Bürgerservice",
        itemId: v.criteria[9].id,
        milestoneTitle: "Entwurf der Beschilderung abgestimmt",
        milestoneDue: "2026-03-31",
      }),
    );
    must(await setPhase(tx, id, "bestandsaufnahme"));

    await completed(tx, caritas, "", 2024, [
      "met",
      "partly",
      "not_met",
      "partly",
      "partly",
      "not_met",
      "met",
      "not_met",
      "partly",
      "not_applicable",
    ]);
  });
}
