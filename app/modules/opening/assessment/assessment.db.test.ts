import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import "./strings";
import fixture from "../../../../tests/fixtures/opening/catalogues.json";
import { createTestDb, tenantIds } from "../../../../tests/support/db";
import { messageOf, must } from "../../../../tests/support/errors";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withTenant } from "~/kernel/db/context";
import {
  addAction,
  addMilestone,
  addWorkshopNote,
  completeAssessment,
  completeMilestone,
  createAssessment,
  createCatalogue,
  ensureBuiltinCatalogues,
  getAssessment,
  getCatalogue,
  listAssessments,
  listCatalogues,
  reassess,
  saveAnswers,
  saveMission,
  saveRatings,
  setPhase,
} from "./service";

// The self-assessment cycle on PGlite (issue 15 item 1).
let db: Database;
let cleanup: () => Promise<void>;
let aachen: string, koeln: string;

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true, modules: true }));
  ({ aachen, koeln } = await tenantIds(db));
});
afterAll(async () => {
  await cleanup();
});

const inTenant = <T>(tenantId: string, fn: (tx: Tx) => Promise<T>) =>
  withTenant(db, { tenantId, actor: { userId: null, label: "Test" } }, fn);

async function newOrg(tx: Tx, name: string) {
  const [o] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO organisations (tenant_id, name, kind) VALUES (app_tenant_id(), ${name}, 'fachbereich') RETURNING id`,
  );
  return o.id;
}

describe("catalogues in the database", () => {
  it("the seeded copies equal the hand-typed fixtures, texts and source lines, once per tenant", async () => {
    await inTenant(koeln, async (tx) => {
      await ensureBuiltinCatalogues(tx);
      await ensureBuiltinCatalogues(tx);
      const pairsOf = async (key: string) => (await getCatalogue(tx, key))!.items.map((i) => [i.lineFrom, i.text]);
      expect(await pairsOf("zugangsbarrieren")).toEqual(fixture.barriers);
      expect(await pairsOf("widerstaende")).toEqual(fixture.resistance);
      expect(await pairsOf("ansatzpunkte")).toEqual(fixture.ansatzpunkte);
      expect(await pairsOf("erfolgsfaktoren")).toEqual(fixture.successFactors);
      const sets = await rows<{ key: string; n: number }>(
        tx,
        sql`SELECT c.key, count(i.id)::int AS n FROM opening_catalogues c JOIN opening_catalogue_items i ON i.catalogue_id = c.id
            WHERE c.kind = 'questions' GROUP BY c.key, c.position ORDER BY c.position`,
      );
      expect(sets.map((s) => s.n)).toEqual([4, 5, 4, 3, 5, 1]);
      const qs = [];
      for (const s of sets) qs.push(await pairsOf(s.key));
      expect(qs).toEqual(Object.values(fixture.questionSets));
    });
  });

  it("a tenant's own catalogue takes one criterion per line; a second with the same title is refused", async () => {
    await inTenant(koeln, async (tx) => {
      const r = must(
        await createCatalogue(tx, {
          title: "Modulare Selbstbewertung",
          source: "Wohlfahrtsverband, Modul 1",
          items: "Kriterium eins\n\n  Kriterium zwei  \r\nKriterium drei",
        }),
      );
      const c = (await getCatalogue(tx, r.key))!;
      expect(c.items.map((i) => i.text)).toEqual(["Kriterium eins", "Kriterium zwei", "Kriterium drei"]);
      const again = await createCatalogue(tx, { title: "modulare selbstbewertung", source: "x", items: "a" });
      expect(messageOf(again)).toMatch(/gibt es schon/);
    });
  });
});

describe("an assessment", () => {
  it("refuses “erfüllt” without evidence, saving nothing of the form", async () => {
    const made = await inTenant(aachen, async (tx) => {
      const org = await newOrg(tx, "Stadt Aachen – Testamt A");
      const { id } = must(
        await createAssessment(tx, { organisationId: org, year: 2025, catalogueKey: "ansatzpunkte" }),
      );
      const v = (await getAssessment(tx, id))!;
      const [c1, c2] = v.criteria;
      const r = await saveRatings(tx, id, [
        { itemId: c1.id, rating: "partly", evidence: "" },
        { itemId: c2.id, rating: "met", evidence: "   " },
      ]);
      expect(r.ok).toBe(false);
      expect("errors" in r && r.errors).toEqual({
        [`evidence-${c2.id}`]: "opening.assessment.errors.evidenceRequired",
      });
      expect((await getAssessment(tx, id))!.summary.open).toBe(10);
      return { id, item: c2.id };
    });
    // The database holds the rule too.
    await expect(
      inTenant(aachen, (tx) =>
        tx.execute(
          sql`INSERT INTO opening_ratings (tenant_id, assessment_id, item_id, rating) VALUES (app_tenant_id(), ${made.id}, ${made.item}, 'met')`,
        ),
      ),
    ).rejects.toMatchObject({ cause: { constraint: "opening_ratings_check" } });
  });

  it("two assessments a year apart show the change per criterion", async () => {
    await inTenant(aachen, async (tx) => {
      const org = await newOrg(tx, "Stadt Aachen – Testamt B");
      const first = must(
        await createAssessment(tx, {
          organisationId: org,
          unit: "Fachbereich Soziales",
          year: 2024,
          catalogueKey: "ansatzpunkte",
        }),
      ).id;
      const crit = (await getAssessment(tx, first))!.criteria;
      const ratings2024 = [
        "not_met",
        "partly",
        "met",
        "not_met",
        "partly",
        "not_met",
        "met",
        "not_applicable",
        "partly",
        "not_met",
      ] as const;
      must(
        await saveRatings(
          tx,
          first,
          crit.map((c, i) => ({
            itemId: c.id,
            rating: ratings2024[i],
            evidence: ratings2024[i] === "met" ? "Dienstanweisung 2024" : "",
          })),
        ),
      );
      expect(messageOf(await reassess(tx, first))).toBe("(kein Fehler)");
      const [next] = (await listAssessments(tx, { organisationId: org })).filter((a) => a.year === 2025);
      expect(next.unit).toBe("Fachbereich Soziales");
      const [done2024] = (await listAssessments(tx, { organisationId: org })).filter((a) => a.year === 2024);
      expect([done2024.rated, done2024.criteria, done2024.met]).toEqual([10, 10, 2]);
      const ratings2025 = [
        "partly",
        "partly",
        "met",
        "met",
        "not_met",
        "not_met",
        "met",
        "partly",
        null,
        "not_met",
      ] as const;
      must(
        await saveRatings(
          tx,
          next.id,
          crit.map((c, i) => ({
            itemId: c.id,
            rating: ratings2025[i],
            evidence: ratings2025[i] === "met" ? "Nachweis" : "",
          })),
        ),
      );
      const v = (await getAssessment(tx, next.id))!;
      expect(v.previous?.year).toBe(2024);
      expect(v.criteria.map((c) => c.change)).toEqual([
        "better",
        "same",
        "same",
        "better",
        "worse",
        "same",
        "same",
        "new",
        "none",
        "same",
      ]);
      expect(v.criteria[0].previous).toEqual({ rating: "not_met", evidence: null });
      expect(v.summary).toEqual({ met: 3, partly: 3, not_met: 3, not_applicable: 0, open: 1 });
      // Not complete while a criterion is open; then complete, and locked.
      expect(messageOf(await completeAssessment(tx, next.id, "2025-11-30"))).toBe(
        "Ein Kriterium ist noch nicht bewertet.",
      );
      must(await saveRatings(tx, next.id, [{ itemId: crit[8].id, rating: "partly" }]));
      must(await completeAssessment(tx, next.id, "2025-11-30"));
      expect(messageOf(await saveRatings(tx, next.id, [{ itemId: crit[0].id, rating: "not_met" }]))).toMatch(
        /abgeschlossen/,
      );
      // Nothing else of a completed assessment changes either: not its phase, Leitbild or workshop notes.
      const done = (await getAssessment(tx, next.id))!;
      const prompt = done.lists.find((l) => l.key === "widerstaende")!.items[0].id;
      expect(messageOf(await setPhase(tx, next.id, "ziele"))).toMatch(/abgeschlossen/);
      expect(messageOf(await addWorkshopNote(tx, next.id, prompt, "zu spät"))).toMatch(/abgeschlossen/);
      expect(messageOf(await saveMission(tx, next.id, "neu"))).toMatch(/abgeschlossen/);
      // A third year compares with the nearest earlier one, not the first.
      const third = must(await reassess(tx, first)).id;
      expect((await getAssessment(tx, third))!.previous?.year).toBe(2025);
    });
  });

  it("keeps one assessment per organisation, unit, catalogue and year", async () => {
    await inTenant(aachen, async (tx) => {
      const org = await newOrg(tx, "Stadt Aachen – Testamt C");
      must(await createAssessment(tx, { organisationId: org, year: 2025, catalogueKey: "ansatzpunkte" }));
      const again = await createAssessment(tx, { organisationId: org, year: 2025, catalogueKey: "ansatzpunkte" });
      expect(messageOf(again)).toMatch(/Für 2025 gibt es schon/);
      expect(
        must(
          await createAssessment(tx, {
            organisationId: org,
            unit: "Jugendamt",
            year: 2025,
            catalogueKey: "ansatzpunkte",
          }),
        ).id,
      ).toBeTruthy();
      // The barriers list is not a criteria catalogue.
      expect(
        messageOf(await createAssessment(tx, { organisationId: org, year: 2026, catalogueKey: "zugangsbarrieren" })),
      ).toMatch(/Kriterienkatalog/);
    });
  });

  it("answers, barriers, workshop notes without author, and the action plan with a concept measure", async () => {
    await inTenant(aachen, async (tx) => {
      const org = await newOrg(tx, "Stadt Aachen – Testamt D");
      const id = must(await createAssessment(tx, { organisationId: org, year: 2025, catalogueKey: "ansatzpunkte" })).id;
      let v = (await getAssessment(tx, id))!;
      const barriers = v.lists.find((l) => l.key === "zugangsbarrieren")!;
      const leitbild = v.lists.find((l) => l.key === "fragen.leitbild")!;
      must(
        await saveAnswers(tx, id, [
          { itemId: barriers.items[4].id, checked: true, answer: "Angst vor der Ausländerbehörde im selben Haus" },
          { itemId: leitbild.items[1].id, answer: "Ja, seit 2019." },
        ]),
      );
      // A criterion is not an answer item.
      expect(messageOf(await saveAnswers(tx, id, [{ itemId: v.criteria[0].id, answer: "x" }]))).toMatch(/gehört nicht/);
      const prompts = v.lists.find((l) => l.key === "widerstaende")!;
      must(await addWorkshopNote(tx, id, prompts.items[5].id, "Zeit für Schulungen fehlt"));
      must(await addWorkshopNote(tx, id, prompts.items[5].id, "Auch andere Gruppen brauchen Hilfe"));
      expect(messageOf(await addWorkshopNote(tx, id, barriers.items[0].id, "x"))).toMatch(/Sätze/);
      const [measure] = await rows<{ id: string }>(tx, sql`SELECT id FROM concept_measures LIMIT 1`);
      const action = must(
        await addAction(tx, id, {
          title: "Mehrsprachige Wegweiser im Bürgerbüro",
          owner: "Bürgerservice",
          itemId: v.criteria[9].id,
          conceptMeasureId: measure.id,
          milestoneTitle: "Entwurf der Beschilderung",
          milestoneDue: "2026-03-31",
        }),
      ).id;
      must(await addMilestone(tx, id, action, { title: "Beschilderung angebracht", dueOn: "2026-09-30" }));
      expect(messageOf(await addAction(tx, id, { title: "x", owner: "y", milestoneTitle: "nur Titel" }))).toMatch(
        /Datum/,
      );
      v = (await getAssessment(tx, id))!;
      expect(v.lists.find((l) => l.key === "zugangsbarrieren")!.items[4]).toMatchObject({ checked: true });
      expect(v.lists.find((l) => l.key === "widerstaende")!.items[5].notes).toEqual([
        "Auch andere Gruppen brauchen Hilfe",
        "Zeit für Schulungen fehlt",
      ]);
      const a = v.actions[0];
      expect(a.conceptMeasure?.id).toBe(measure.id);
      expect(a.criterion).toBe("Räumliche Veränderungen insbesondere im Empfangsbereich finden statt.");
      expect(a.milestones.map((m) => m.title)).toEqual(["Entwurf der Beschilderung", "Beschilderung angebracht"]);
      must(await completeMilestone(tx, id, a.milestones[0].id, "2026-03-15"));
      expect((await getAssessment(tx, id))!.actions[0].milestones[0].doneOn).toBe("2026-03-15");
    });
  });

  it("the workshop notes table has no column that could name or date its author", async () => {
    const cols = await inTenant(aachen, (tx) =>
      rows<{ column_name: string }>(
        tx,
        sql`SELECT column_name FROM information_schema.columns WHERE table_name = 'opening_workshop_notes' ORDER BY ordinal_position`,
      ),
    );
    expect(cols.map((c) => c.column_name)).toEqual(["id", "tenant_id", "assessment_id", "item_id", "note"]);
  });

  it("another tenant sees none of it", async () => {
    const seen = await inTenant(koeln, (tx) => listAssessments(tx));
    expect(seen.some((a) => a.organisation.startsWith("Stadt Aachen – Testamt"))).toBe(false);
  });
});

describe("the demo", () => {
  it("Aachen's Fachbereich has 2024 completed and 2025 under way, compared per criterion; all marked as example", async () => {
    await inTenant(aachen, async (tx) => {
      const list = (await listAssessments(tx)).filter((a) => a.isDemo);
      const fb = list.filter((a) => a.organisation === "Fachbereich Wohnen, Soziales und Integration");
      expect(fb.map((a) => [a.year, !!a.completedOn])).toEqual([
        [2025, false],
        [2024, true],
      ]);
      const v = (await getAssessment(tx, fb[0].id))!;
      expect(v.previous?.year).toBe(2024);
      expect(v.criteria.map((c) => c.change)).toEqual([
        "better",
        "better",
        "same",
        "better",
        "same",
        "better",
        "same",
        "none",
        "better",
        "none",
      ]);
      expect(v.criteria.filter((c) => c.rating === "met").every((c) => c.evidence?.startsWith("Beispiel"))).toBe(true);
    });
  });
});

describe("the catalogue list", () => {
  it("names every catalogue with its number of items", async () => {
    const list = await inTenant(aachen, (tx) => listCatalogues(tx));
    const n = Object.fromEntries(list.map((c) => [c.key, c.items]));
    expect(n).toMatchObject({ ansatzpunkte: 10, zugangsbarrieren: 7, widerstaende: 6, erfolgsfaktoren: 8 });
  });
});
