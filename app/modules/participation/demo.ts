import type { Database, Tx } from "~/kernel/db/client";
import { withSystem, withTenant } from "~/kernel/db/context";
import { ServiceError, type Result } from "~/kernel/errors";
import { getTenantBySlug } from "~/kernel/tenancy/service";
import { listOrganisations } from "~/kernel/organisations/service";
import { currentEdition, listHandlungsfelder, listMeasures } from "~/modules/concept";
import { carryIntoConcept } from "./provenance";
import {
  addCard,
  addInvitee,
  addRole,
  createProcess,
  listPhases,
  publishProcess,
  setCompetence,
  setOutcome,
  updateDetails,
} from "./service";
import { addStakeholder } from "./stakeholders";

// Aachen's participation as the seeds describe it: the Fachgespräche per Handlungsfeld of the 2017
// concept (seed 000:2475–2540) and the 2021 Fachforen run as Zukunftswerkstatt (seed 001:243–258).
// Procedure and questions are the seeds'; people, invitees and the cards' content are invented and
// marked as examples.
export const FACHGESPRAECH = "Fachgespräch Arbeit / Weiterbildung";
export const FACHFORUM = "Fachforum 2021: Zukunftswerkstatt Sprache / Bildung";
const EXAMPLE = "Beispiel für die Demonstration: Personen, Einladungen und Beiträge sind erfunden.";

const must = <T>(r: Result<T>): T => {
  if (!r.ok) throw new ServiceError(r.error.code, r.error.params);
  return r.value;
};

export async function seedDemo(db: Database) {
  const tenant = await withSystem(db, (tx) => getTenantBySlug(tx, "aachen"));
  if (!tenant) return;
  await withTenant(db, { tenantId: tenant.id, actor: { userId: null, label: "Demodaten" } }, async (tx) => {
    const hf = new Map((await listHandlungsfelder(tx)).map((h) => [h.name, h.id]));
    if (!hf.has("Arbeit / Weiterbildung")) return; // without the concept's demo there is nothing to hang it on
    const sport = hf.get("Sport / Gesundheit");
    if (sport)
      must(
        await setCompetence(tx, {
          handlungsfeldId: sport,
          competence: "partial",
          note: "Gesundheit ist ein Aufgabengebiet der StädteRegion Aachen und deshalb kein Handlungsfeld der Stadt Aachen (Integrationskonzept 2017, Fußnote 21).",
        }),
      );
    await fachgespraech(tx, hf.get("Arbeit / Weiterbildung")!);
    await zukunftswerkstatt(tx, hf.get("Sprache / Bildung") ?? null);
    await stakeholders(tx);
  });
}

/** A few entries of the stakeholder register; the assessments are invented. */
async function stakeholders(tx: Tx) {
  const orgs = new Map((await listOrganisations(tx)).map((o) => [o.name, o.id]));
  const entries: [string, number, number, string][] = [
    ["Jobcenter StädteRegion Aachen", 4, 3, "Vermittlung in Arbeit; Partner im Integration Point (Beispiel)"],
    ["Integrationsrat der Stadt Aachen", 3, 4, "Vertretung der Migrantinnen und Migranten im Rat (Beispiel)"],
    ["IHK Aachen", 3, 2, "Fachkräfte; Sorge um Aufwand bei der Anerkennung (Beispiel)"],
    ["Diakonisches Werk im Kirchenkreis Aachen e.V.", 2, 4, "Beratung und Ehrenamt (Beispiel)"],
  ];
  for (const [name, influence, attitude, interests] of entries) {
    const organisationId = orgs.get(name);
    if (organisationId) must(await addStakeholder(tx, { organisationId, influence, attitude, interests }));
  }
}

async function fachgespraech(tx: Tx, arbeit: string) {
  const id = must(
    await createProcess(tx, {
      kind: "fachgespraech",
      title: FACHGESPRAECH,
      startsOn: "2017-03-15",
      handlungsfeldId: arbeit,
      isDemo: true,
      exampleNote: EXAMPLE,
    }),
  ).id;
  must(
    await updateDetails(tx, id, {
      contactName: "Büro der Integrationsbeauftragten (Beispiel)",
      contactAddress: "integration@example.org",
      decisionScope:
        "Die Teilnehmenden formulieren Handlungsempfehlungen und Maßnahmen für das Handlungsfeld Arbeit / Weiterbildung. Sie fließen in die Fortschreibung des Integrationskonzepts ein; über die Aufnahme entscheidet die Steuerungsgruppe, über das Konzept der Rat.",
      decidingBody: "Steuerungsgruppe „Integration im Querschnitt“",
      answerDueOn: "2017-06-30",
      results: "Die Empfehlungen sind unten mit ihrem Ergebnis aufgeführt (Beispiel).",
    }),
  );
  for (const r of [
    { role: "responsible", personName: "Petra Beispiel (Fachbereich Wirtschaft, Beispiel)" },
    { role: "integration_officer", personName: "Integrationsbeauftragte (Beispiel)" },
    { role: "ki_lead", personName: "Leitung des Kommunalen Integrationszentrums (Beispiel)" },
    { role: "themenfeld_pate", personName: "Ayşe Muster (Beispiel)", themenfeld: "interkulturelle_oeffnung" },
    { role: "themenfeld_pate", personName: "Jan Probe (Beispiel)", themenfeld: "willkommenskultur" },
    { role: "themenfeld_pate", personName: "Maria Exempel (Beispiel)", themenfeld: "quartier" },
    // No Pate for "Gesellschaftliches Engagement und Teilhabe": the page warns about it.
  ] as const)
    must(await addRole(tx, id, r));
  for (const i of [
    {
      name: "Agentur für Arbeit Aachen-Düren",
      reason: "Arbeitsmarktintegration, Anerkennung ausländischer Abschlüsse (Beispiel)",
      nominatedBy: "integration_officer",
    },
    {
      name: "Jobcenter StädteRegion Aachen",
      reason: "Leistungen und Förderung für Geflüchtete (Beispiel)",
      nominatedBy: "ki_lead",
    },
    { name: "Handwerkskammer Aachen", reason: "Ausbildung und Betriebe (Beispiel)", nominatedBy: "responsible" },
  ] as const)
    must(await addInvitee(tx, id, i));
  const recs = [
    {
      themenfeld: "interkulturelle_oeffnung",
      body: "Stellenausschreibungen der Stadt mehrsprachig veröffentlichen (Beispiel).",
      outcome: "uebernommen",
      reason: "Wird als Maßnahme in das Integrationskonzept aufgenommen (Beispiel).",
    },
    {
      themenfeld: "willkommenskultur",
      body: "Lotsen für die Anerkennung ausländischer Berufsabschlüsse (Beispiel).",
      outcome: "geaendert_uebernommen",
      reason:
        "Aufgenommen als Beratungsangebot des Kommunalen Integrationszentrums statt als eigene Stelle (Beispiel).",
    },
    {
      themenfeld: "quartier",
      body: "Sprechstunde des Jobcenters in den Stadtteilbüros (Beispiel).",
      outcome: "in_pruefung",
    },
  ] as const;
  for (const r of recs) {
    const card = must(
      await addCard(tx, id, {
        kind: "recommendation",
        body: r.body,
        themenfeld: r.themenfeld,
        handlungsfeldId: arbeit,
      }),
    );
    must(await setOutcome(tx, id, card.id, { outcome: r.outcome, reason: "reason" in r ? r.reason : undefined }));
  }
  must(await publishProcess(tx, id));
}

async function zukunftswerkstatt(tx: Tx, bildung: string | null) {
  const id = must(
    await createProcess(tx, {
      kind: "zukunftswerkstatt",
      title: FACHFORUM,
      startsOn: "2021-09-22",
      handlungsfeldId: bildung ?? undefined,
      isDemo: true,
      exampleNote: EXAMPLE,
    }),
  ).id;
  const phases = (await listPhases(tx, id)).map((p) => p.id);
  must(
    await updateDetails(tx, id, {
      contactName: "Kommunales Integrationszentrum (Beispiel)",
      contactAddress: "ki@example.org",
      decisionScope:
        "Die Ergebnisse der Zukunftswerkstatt fließen in die Fortschreibung des Integrationskonzepts ein. Welche Vorschläge aufgenommen werden, entscheidet der Rat auf Vorschlag des Integrationsrates.",
      decidingBody: "Integrationsrat der Stadt Aachen",
      answerDueOn: "2022-03-31",
    }),
  );
  const card = async (c: Parameters<typeof addCard>[2]) => must(await addCard(tx, id, c)).id;
  const k1 = await card({
    kind: "critique",
    phaseId: phases[0],
    body: "Wartezeiten auf Integrationskurse sind zu lang (Beispiel).",
  });
  const k2 = await card({
    kind: "critique",
    phaseId: phases[0],
    body: "Eltern erfahren zu spät von Sprachangeboten für Kinder (Beispiel).",
  });
  const k3 = await card({
    kind: "critique",
    phaseId: phases[0],
    body: "Angebote liegen weit weg von den Wohngebieten (Beispiel).",
  });
  const i1 = await card({
    kind: "idea",
    phaseId: phases[1],
    body: "Jede Person beginnt ihren Kurs innerhalb eines Monats (Beispiel).",
    inverts: [k1],
  });
  const i2 = await card({
    kind: "idea",
    phaseId: phases[1],
    body: "Sprachangebote kommen zu den Familien ins Quartier (Beispiel).",
    inverts: [k2, k3],
  });
  const p1 = await card({
    kind: "proposal",
    phaseId: phases[2],
    body: "Zentrale Warteliste aller Kursträger mit monatlicher Abstimmung (Beispiel).",
    concretises: [i1],
    resources: "Eine halbe Stelle Koordination (Beispiel)",
    responsibility: "Kommunales Integrationszentrum (Beispiel)",
    obstacles: "Datenschutz bei der gemeinsamen Liste (Beispiel)",
    verdict: "with_conditions",
  });
  // This one stays "eingegangen": its answer is overdue, which the public page shows.
  await card({
    kind: "proposal",
    phaseId: phases[2],
    body: "Eltern-Sprachcafés in Kitas und Familienzentren (Beispiel).",
    concretises: [i2],
    resources: "Räume der Familienzentren, Honorare (Beispiel)",
    responsibility: "Fachbereich Kinder, Jugend und Schule (Beispiel)",
    obstacles: "keine",
    verdict: "feasible",
  });
  must(
    await setOutcome(tx, id, p1, {
      outcome: "zurueckgestellt",
      reason: "Erst nach Klärung des Datenschutzes mit den Trägern (Beispiel).",
    }),
  );
  // 2021 was a Fortschreibung: an adopted proposal of the Fachforum amends an existing measure of
  // Sprache / Bildung (decision 0028). Example content, like the cards.
  const p3 = await card({
    kind: "proposal",
    phaseId: phases[2],
    body: "Integrationskurse mit Kinderbetreuung im Quartier anbieten (Beispiel).",
    concretises: [i1, i2],
    resources: "Betreuungskräfte der Träger (Beispiel)",
    responsibility: "Kommunales Integrationszentrum mit den Kursträgern (Beispiel)",
    obstacles: "Räume mit Kinderbetreuung (Beispiel)",
    verdict: "feasible",
  });
  must(
    await setOutcome(tx, id, p3, {
      outcome: "geaendert_uebernommen",
      reason: "Aufgenommen als Ergänzung einer bestehenden Maßnahme statt als eigene Maßnahme (Beispiel).",
    }),
  );
  const edition = await currentEdition(tx);
  const [amended] =
    edition && bildung ? await listMeasures(tx, { editionId: edition.id, handlungsfeldId: bildung }) : [];
  if (amended)
    must(
      await carryIntoConcept(tx, id, p3, {
        relation: "amends",
        measureId: amended.id,
        note: "Ergänzt um Kurse mit Kinderbetreuung im Quartier (Beispiel).",
      }),
    );
  must(await publishProcess(tx, id));
}
