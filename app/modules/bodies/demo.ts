import type { Database } from "~/kernel/db/client";
import { withSystem, withTenant } from "~/kernel/db/context";
import { ServiceError, type Result } from "~/kernel/errors";
import { createOrganisation, listOrganisations } from "~/kernel/organisations/service";
import { getTenantBySlug } from "~/kernel/tenancy/service";
import { addMembership, addSeatRule, createBody, type MembershipInput } from "./service";
import {
  addAgendaItem,
  addGuest,
  createMeeting,
  getMeeting,
  recordItemResult,
  setAttendance,
  setMinutes,
} from "./meetings";
import { createPaper, getPaper, listPapers, setConsultationBody } from "./papers";

// Aachen's bodies as the seeds describe them. The composition of the Steuerungsgruppe is the
// concept's (seed 000:757–766: four seats each for the administration and the Arbeitsplattform
// Migration, three for migrant organisations, and the chair of the Integrationsrat); its five
// agencies are named in footnote 15. The people are invented and marked as examples.
export const STEUERUNGSGRUPPE = "Steuerungsgruppe „Integration im Querschnitt“";
export const INTEGRATIONSRAT = "Integrationsrat der Stadt Aachen";
export const AUSSCHUSS = "Ausschuss für Soziales, Integration und Demographie";
const APM = "Arbeitsplattform Migration";
const APM_AGENCIES = [
  "Caritasverband für die Regionen Aachen-Stadt und Aachen-Land e.V.",
  "Der Paritätische – StädteRegion Aachen",
  "Diakonisches Werk im Kirchenkreis Aachen e.V.",
  "Deutsches Rotes Kreuz in der StädteRegion Aachen",
  "Pädagogisches Zentrum e.V.",
];
const MIGRANT_ORGS = "Migrantenorganisationen in Aachen (Vertretung in der Steuerungsgruppe)";
const EXAMPLE = "Beispiel für die Demonstration: die Personen sind erfunden.";
const EXAMPLE_MEETING =
  "Beispiel für die Demonstration: Sitzung, Tagesordnung, Anwesenheit und Protokoll sind erfunden.";
/** The concept demo's Vorlage (seed 000): its Beratungsfolge names these bodies. */
const VORLAGE = "FB 56/0043/WP17";
const INT = "Integrationsrat";
const SGA = "Ausschuss für Soziales, Integration und Demographie";
const OTHER_PAPERS = [
  {
    number: "FB 50/0144/WP17",
    title:
      "Schaffung eines Integration Point in der Stadt Aachen zur Vermittlung von Flüchtlingen in Ausbildung und Arbeit",
    submittedOn: "2016-03-24",
    leadOffice: "Fachbereich Soziales und Integration",
    involvedOffices: "Fachbereich Wirtschaftsförderung / Europäische Angelegenheiten",
    proposal:
      "Der Integrationsrat nimmt die Ausführungen der Verwaltung zur Kenntnis.\n\nDer Ausschuss für Arbeit, Wirtschaft und Wissenschaft nimmt die Ausführungen der Verwaltung zur Kenntnis.\n\nDer Ausschuss für Soziales, Integration und Demographie nimmt die Ausführungen der Verwaltung zur Kenntnis.",
    consultations: [
      { bodyName: INT, short: "INT", meetsOn: "2016-04-13", competence: "kenntnisnahme" as const },
      {
        bodyName: "Ausschuss für Arbeit, Wirtschaft und Wissenschaft",
        short: "AAWW",
        meetsOn: "2016-04-27",
        competence: "kenntnisnahme" as const,
      },
      { bodyName: SGA, short: "SGA", meetsOn: "2016-04-28", competence: "kenntnisnahme" as const },
    ],
  },
  {
    number: "FB 56/0065/WP18",
    title: "Integrationskonzept der Stadt Aachen: Aktualisierung und Fortschreibung",
    submittedOn: "2021-05-17",
    leadOffice: "FB 56 - Fachbereich Wohnen, Soziales und Integration",
    proposal:
      "Der Integrationsrat nimmt die Ausführungen zu der Aktualisierung und Fortschreibung des Integrationskonzepts der Stadt Aachen zur Kenntnis.\n\nDer Ausschuss für Soziales, Integration und Demographie nimmt die Ausführungen zu der Aktualisierung und Fortschreibung des Integrationskonzepts der Stadt Aachen zur Kenntnis.",
    consultations: [
      { bodyName: INT, short: "INT", meetsOn: "2021-06-16", competence: "kenntnisnahme" as const },
      { bodyName: SGA, short: "SGA", meetsOn: "2021-06-24", competence: "kenntnisnahme" as const },
    ],
  },
];

const must = <T>(r: Result<T>): T => {
  if (!r.ok) throw new ServiceError(r.error.code, r.error.params);
  return r.value;
};

export async function seedDemo(db: Database) {
  const tenant = await withSystem(db, (tx) => getTenantBySlug(tx, "aachen"));
  if (!tenant) return;
  await withTenant(db, { tenantId: tenant.id, actor: { userId: null, label: "Demodaten" } }, async (tx) => {
    const known = new Set((await listOrganisations(tx)).map((o) => o.name));
    for (const name of [...APM_AGENCIES, APM, MIGRANT_ORGS])
      if (!known.has(name))
        await createOrganisation(tx, {
          name,
          kind: name === MIGRANT_ORGS ? "migrantenorganisation" : "wohlfahrtsverband",
        });
    const org = new Map((await listOrganisations(tx)).map((o) => [o.name, o.id]));
    const id = (name: string) => {
      const v = org.get(name);
      if (!v) throw new Error(`Demodaten: Organisation „${name}“ fehlt`);
      return v;
    };

    const rat = must(
      await createBody(tx, {
        name: INTEGRATIONSRAT,
        kind: "integrationsrat",
        cadence: "etwa sechsmal im Jahr",
        description: EXAMPLE,
        isDemo: true,
      }),
    ).id;
    const ratSeats = must(
      await addSeatRule(tx, { bodyId: rat, label: "Gewählte Mitglieder (Beispiel)", seats: 3, position: 1 }),
    ).id;
    const member = (m: Omit<MembershipInput, "startsOn">) =>
      addMembership(tx, { startsOn: "2020-11-01", ...m }).then(must);
    await member({
      bodyId: rat,
      personName: "Leyla Beispiel",
      role: "member",
      seatRuleId: ratSeats,
      function: "chair",
    });
    await member({ bodyId: rat, personName: "Dragan Muster", role: "member", seatRuleId: ratSeats });

    const sg = must(
      await createBody(tx, {
        name: STEUERUNGSGRUPPE,
        kind: "steuerungsgruppe",
        secretariatId: id("Kommunales Integrationszentrum Aachen"),
        cadence: "vierteljährlich",
        description: `Steuert das Integrationskonzept und koordiniert seine Umsetzung; die Mitglieder haben sich im Rahmen einer Selbstverpflichtung zusammengesetzt. ${EXAMPLE}`,
        isDemo: true,
      }),
    ).id;
    const admin = must(
      await addSeatRule(tx, {
        bodyId: sg,
        label: "Verwaltung",
        seats: 4,
        organisationKinds: ["fachbereich"],
        position: 1,
      }),
    ).id;
    const apm = must(
      await addSeatRule(tx, {
        bodyId: sg,
        label: APM,
        seats: 4,
        organisationIds: [APM, ...APM_AGENCIES].map(id),
        position: 2,
      }),
    ).id;
    const mo = must(
      await addSeatRule(tx, {
        bodyId: sg,
        label: "Migrantenorganisationen",
        seats: 3,
        organisationKinds: ["migrantenorganisation"],
        position: 3,
      }),
    ).id;
    must(
      await addSeatRule(tx, {
        bodyId: sg,
        label: "Vorsitz des Integrationsrates",
        seats: 1,
        exOfficio: { bodyId: rat, function: "chair" },
        position: 4,
      }),
    );
    const kiLead = await member({
      bodyId: sg,
      personName: "Katrin Beispiel",
      organisationId: id("Kommunales Integrationszentrum Aachen"),
      role: "member",
      seatRuleId: admin,
      function: "chair",
    });
    await member({
      bodyId: sg,
      personName: "Jonas Muster",
      organisationId: id("Fachbereich Wohnen, Soziales und Integration"),
      role: "member",
      seatRuleId: admin,
    });
    await member({
      bodyId: sg,
      personName: "Maria Exempel",
      organisationId: id(APM_AGENCIES[0]),
      role: "member",
      seatRuleId: apm,
    });
    await member({
      bodyId: sg,
      personName: "Thomas Probe",
      organisationId: id(APM_AGENCIES[2]),
      role: "member",
      seatRuleId: apm,
    });
    await member({
      bodyId: sg,
      personName: "Amina Beispiel",
      organisationId: id(MIGRANT_ORGS),
      role: "member",
      seatRuleId: mo,
    });
    await member({
      bodyId: sg,
      personName: "Stefan Vertretung",
      organisationId: id("Kommunales Integrationszentrum Aachen"),
      role: "deputy",
      deputyOf: kiLead.id,
    });

    const ausschuss = must(
      await createBody(tx, {
        name: AUSSCHUSS,
        kind: "ausschuss",
        secretariatId: id("Fachbereich Wohnen, Soziales und Integration"),
        description: "Fachausschuss des Rates; berät und entscheidet über Vorlagen zum Integrationskonzept.",
        isDemo: true,
      }),
    ).id;

    // The concept demo's Vorlage names its bodies as text: link them to the register.
    const head = (await listPapers(tx)).find((p) => p.number === VORLAGE);
    const paper = head && (await getPaper(tx, head.id));
    if (paper) {
      const byShort: Record<string, string> = { INT: rat, SGA: ausschuss };
      for (const c of paper.consultations)
        if (c.bodyShort && byShort[c.bodyShort]) must(await setConsultationBody(tx, c.id, byShort[c.bodyShort]));
    }

    // The seeds' two other real Vorlagen (seed 002 and 001), as their first pages give them; the
    // Ausschuss für Arbeit, Wirtschaft und Wissenschaft is not in the demo register, so it stays text.
    for (const paper of OTHER_PAPERS)
      must(
        await createPaper(tx, {
          ...paper,
          consultations: paper.consultations.map(({ short, ...c }) => ({
            ...c,
            bodyShort: short,
            ...(short === "INT" ? { bodyId: rat } : short === "SGA" ? { bodyId: ausschuss } : {}),
          })),
        }),
      );

    // Two meetings of the Steuerungsgruppe, invented and marked as examples.
    const held = must(
      await createMeeting(tx, {
        bodyId: sg,
        meetsOn: "2026-03-12",
        startsAt: "14:00",
        endsAt: "16:00",
        location: "Kommunales Integrationszentrum, Besprechungsraum (Beispiel)",
        state: "held",
        isPublic: false,
        isDemo: true,
      }),
    ).id;
    must(await addAgendaItem(tx, held, { number: "1", title: "Begrüßung und Feststellung der Tagesordnung" }));
    const report = must(
      await addAgendaItem(tx, held, { number: "2", title: "Sachstand der Umsetzung des Integrationskonzepts" }),
    ).id;
    must(
      await recordItemResult(tx, held, report, {
        result: "kenntnisnahme",
        resolution: "Die Steuerungsgruppe nimmt den Sachstand zur Kenntnis. (Beispiel)",
      }),
    );
    must(await addAgendaItem(tx, held, { number: "3", title: "Verschiedenes" }));
    must(
      await setMinutes(
        tx,
        held,
        `${EXAMPLE_MEETING} Die Sitzung beginnt um 14:05 Uhr; die Tagesordnung wird ohne Änderungen angenommen.`,
      ),
    );
    const meeting = await getMeeting(tx, held);
    const status: Record<string, "present" | "excused" | "absent"> = {
      "Katrin Beispiel": "present",
      "Jonas Muster": "excused",
      "Maria Exempel": "present",
      "Thomas Probe": "absent",
      "Amina Beispiel": "present",
    };
    must(
      await setAttendance(
        tx,
        held,
        (meeting?.attendance ?? [])
          .filter((a) => status[a.personName])
          .map((a) => ({ membershipId: a.membershipId, status: status[a.personName] })),
      ),
    );
    must(await addGuest(tx, held, "Gast aus dem Jobcenter (Beispiel)"));
    must(
      await createMeeting(tx, {
        bodyId: sg,
        meetsOn: "2026-06-11",
        startsAt: "14:00",
        location: "Kommunales Integrationszentrum, Besprechungsraum (Beispiel)",
        isPublic: false,
        isDemo: true,
      }),
    );
  });
}
