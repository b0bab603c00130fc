import type { Database } from "~/kernel/db/client";
import { withSystem, withTenant } from "~/kernel/db/context";
import { ServiceError, type Result } from "~/kernel/errors";
import { listOrganisations } from "~/kernel/organisations/service";
import { getTenantBySlug } from "~/kernel/tenancy/service";
import { sql } from "drizzle-orm";
import { MIGRATION_ANSWERS } from "./constants";
import { setBenchmark, setSeriesPoint, takeSurveyIntoSeries } from "./series";
import { addUnit, closeSurvey, createSurvey, openSurvey, recordCouncilAgreement, submitAnswer } from "./service";

// Aachen's demo (issue 15 item 10): a closed staff survey of the Fachbereich Wohnen, Soziales und
// Integration with synthetic answers marked as example data, and its staff-share series with one
// year "nicht erhoben". Every figure here is invented.
export const DEMO_SURVEY = "Beschäftigtenbefragung Fachbereich 56 (Beispiel)";
const FB = "Fachbereich Wohnen, Soziales und Integration";

const must = <T>(r: Result<T>): T => {
  if (!r.ok) throw new ServiceError(r.error.code, r.error.params);
  return r.value;
};

/** A small deterministic generator, so the demo is the same on every machine. */
function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}

export async function seedDemo(db: Database, log: (m: string) => void = () => {}) {
  const tenant = await withSystem(db, (tx) => getTenantBySlug(tx, "aachen"));
  if (!tenant) return;
  await withTenant(db, { tenantId: tenant.id, actor: { userId: null, label: "Demodaten" } }, async (tx) => {
    const [done] = (await tx.execute(sql`SELECT 1 FROM opening_surveys WHERE title = ${DEMO_SURVEY}`)).rows;
    if (done) return;
    const org = (await listOrganisations(tx)).find((o) => o.name === FB)?.id;
    const { id } = must(
      await createSurvey(tx, {
        organisationId: org,
        kind: "staff",
        title: DEMO_SURVEY,
        opensOn: "2025-10-01",
        closesOn: "2025-10-31",
        periodLabel: "2025",
        mode: "open",
        headcount: 200,
        isDemo: true,
      }),
    );
    const unit = async (name: string, parentId?: string) => must(await addUnit(tx, id, { name, parentId })).id;
    const wohnen = await unit("Abteilung Wohnen");
    const soziales = await unit("Abteilung Soziales");
    const grundsicherung = await unit("Sachgebiet Grundsicherung", soziales);
    const lebenslagen = await unit("Sachgebiet Hilfen in besonderen Lebenslagen", soziales);
    const ki = await unit("Kommunales Integrationszentrum");
    must(
      await recordCouncilAgreement(tx, id, {
        agreedOn: "2025-09-15",
        reference: "Beispiel: Dienstvereinbarung 7/2025",
      }),
    );
    must(await openSurvey(tx, id));
    // Answers per unit: [yes, no, no answer]; languages besides German drawn from a fixed sequence.
    const plan: [string | undefined, [number, number, number]][] = [
      [wohnen, [11, 27, 2]],
      [grundsicherung, [12, 16, 2]],
      [lebenslagen, [3, 6, 0]],
      [soziales, [1, 3, 0]],
      [ki, [13, 10, 1]],
      [undefined, [0, 12, 1]],
    ];
    const rnd = random(56);
    const langs = ["tr", "ar", "ru", "pl", "en", "fr", "uk", "ku", "fa"];
    for (const [unitId, counts] of plan)
      for (const [i, n] of counts.entries())
        for (let j = 0; j < n; j++) {
          const migration = MIGRATION_ANSWERS[i];
          const spoken = ["de", ...langs.filter(() => rnd() < (migration === "yes" ? 0.3 : 0.08))];
          must(await submitAnswer(tx, id, { migration, languages: spoken, unitId }));
        }
    await tx.execute(sql`UPDATE opening_survey_answers SET is_demo = true WHERE survey_id = ${id}`);
    must(await closeSurvey(tx, id));
    const organisationId = org;
    must(
      await setSeriesPoint(tx, {
        organisationId,
        year: 2017,
        state: "value",
        share: 12.4,
        source: "Beispiel: Personalamt",
        isDemo: true,
      }),
    );
    must(
      await setSeriesPoint(tx, {
        organisationId,
        year: 2019,
        state: "value",
        share: 14.1,
        source: "Beispiel: Personalamt",
        isDemo: true,
      }),
    );
    must(
      await setSeriesPoint(tx, {
        organisationId,
        year: 2021,
        state: "not_collected",
        reason: "Beispiel: Befragung ausgesetzt, keine Zustimmung des Personalrats für eine Online-Befragung",
        isDemo: true,
      }),
    );
    // The survey's share joins the series if it is shown (it is with these answers and k = 10).
    await takeSurveyIntoSeries(tx, id, 2025);
    must(
      await setBenchmark(tx, {
        organisationId,
        kind: "target",
        share: 25,
        source: "Beispiel: Zielwert wie in Solingen (25 %)",
      }),
    );
    log("Öffnung: Beispiel-Beschäftigtenbefragung Aachen (geschlossen, synthetische Antworten)");
  });
}
