import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb } from "../../../tests/support/db";
import { withSystem, withTenant } from "~/kernel/db/context";
import { createTenant, getTenantBySlug } from "~/kernel/tenancy/service";
import type { Database } from "~/kernel/db/client";
import {
  changeEditionStatus,
  getAdoptedEdition,
  getEdition,
  listEditions,
  listHandlungsfelder,
  fundingFreshness,
  createEdition,
  createGoal,
  updateGoal,
  deleteGoal,
  loadGoals,
  getSettings,
  setThreeYearRule,
} from "./services/concept";
import {
  MeasureInput,
  addMilestone,
  changeMeasureStatus,
  createMeasure,
  getMeasureRow,
  listMeasures,
  postUpdate,
} from "./services/measures";
import { conceptTree, matrix } from "./services/views";
import { compareEditions } from "./services/fortschreibung";
import { CARRIED_STATUSES } from "./services/carry";
import { createPaper, recordOutcome } from "~/modules/bodies";
import { EXPECTED, HF_ORDER } from "./fixture.aachen";
import { HANDLUNGSFELDER_AACHEN } from "./data/aachen-2017";
import { german, germanIssues, messageOf } from "../../../tests/support/errors";

let db: Database;
let cleanup: () => Promise<void>;
let tenantId: string;
const asEditor = <T>(fn: Parameters<typeof withTenant<T>>[2]) =>
  withTenant(db, { tenantId, actor: { userId: null, label: "test@example.org" } }, fn);

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true, modules: true }));
  tenantId = (await withSystem(db, (tx) => getTenantBySlug(tx, "aachen")))!.id;
});
afterAll(() => cleanup());

describe("Aachen demo concept", () => {
  it("has the seed's 4 Themenfelder, 23 Leitziele, 66 Teilziele and 26 measures", async () => {
    const { counts, roots } = await asEditor(async (tx) => conceptTree(tx, (await getAdoptedEdition(tx))!.id));
    expect(counts).toEqual({
      themenfelder: EXPECTED.themenfelder,
      leitziele: EXPECTED.leitziele,
      teilziele: EXPECTED.teilziele,
      measures: EXPECTED.measures,
    });
    expect(roots.map((r) => r.children.length)).toEqual(EXPECTED.leitzielePerThemenfeld);
    expect(roots.map((r) => r.children.reduce((s, l) => s + l.children.length, 0))).toEqual(
      EXPECTED.teilzielePerThemenfeld,
    );
  });

  it("matrix counts equal the hand-derived fixture", async () => {
    const mx = await asEditor(async (tx) => matrix(tx, (await getAdoptedEdition(tx))!.id));
    const hfByKey = HF_ORDER.map(
      (_, i) => mx.handlungsfelder.find((h) => h.name === HANDLUNGSFELDER_AACHEN[i].name)!.id,
    );
    const tfs = [...mx.themenfelder].sort((a, b) => a.number.localeCompare(b.number));
    expect(tfs.map((t) => hfByKey.map((h) => mx.measures[t.id][h]))).toEqual(EXPECTED.measureMatrix);
    expect(tfs.map((t) => hfByKey.map((h) => mx.teilziele[t.id][h]))).toEqual(EXPECTED.teilzielMatrix);
    expect(tfs.map((t) => mx.totals[t.id])).toEqual(EXPECTED.measuresPerThemenfeld);
  });
});

describe("measure rules", () => {
  it("rejects an invalid status transition with a German message and changes nothing", async () => {
    await asEditor(async (tx) => {
      const ed = (await getAdoptedEdition(tx))!;
      const m = (await listMeasures(tx, { editionId: ed.id, status: "verstetigt" }))[0];
      const count = async () =>
        (
          (await tx.execute(sql`SELECT count(*)::int AS n FROM concept_status_changes`)) as unknown as {
            rows: { n: number }[];
          }
        ).rows[0].n;
      const before = await count();
      const r = await changeMeasureStatus(tx, m.id, "vorgeschlagen", "Versuch");
      expect(german(r)).toMatchObject({
        ok: false,
        error:
          "Eine Maßnahme im Status „verstetigt“ kann nicht in den Status „vorgeschlagen“ wechseln. Der Status ist endgültig.",
      });
      expect((await getMeasureRow(tx, m.id))!.status).toBe("verstetigt");
      expect(await count()).toBe(before);
    });
  });

  it("records a valid transition with date, person and reason", async () => {
    await asEditor(async (tx) => {
      const ed = (await getAdoptedEdition(tx))!;
      const m = (await listMeasures(tx, { editionId: ed.id, status: "beschlossen" }))[0];
      const r = await changeMeasureStatus(tx, m.id, "in_umsetzung", "Projektstart nach Förderbescheid", "2026-02-01");
      expect(r.ok).toBe(true);
      const last = (await tx.execute(
        sql`SELECT from_status, to_status, changed_on::text AS on, actor_label, reason FROM concept_status_changes WHERE measure_id = ${m.id} ORDER BY created_at DESC LIMIT 1`,
      )) as unknown as { rows: unknown[] };
      expect(last.rows[0]).toEqual({
        from_status: "beschlossen",
        to_status: "in_umsetzung",
        on: "2026-02-01",
        actor_label: "test@example.org",
        reason: "Projektstart nach Förderbescheid",
      });
    });
  });

  it("rejects a milestone before the measure's start", async () => {
    await asEditor(async (tx) => {
      const ed = (await getAdoptedEdition(tx))!;
      const m = (await listMeasures(tx, { editionId: ed.id }))[0];
      const r = await addMilestone(tx, m.id, { title: "Zu früh", dueOn: "2001-01-01" });
      expect(r).toMatchObject({ ok: false, field: "dueOn" });
      expect(german(r)).toHaveProperty(
        "error",
        expect.stringMatching(
          /^Der Meilenstein \(01\.01\.2001\) liegt vor dem Beginn der Maßnahme am \d\d\.\d\d\.\d{4}\.$/,
        ),
      );
      const n = (await tx.execute(
        sql`SELECT count(*)::int AS n FROM concept_milestones WHERE title = 'Zu früh'`,
      )) as unknown as { rows: { n: number }[] };
      expect(n.rows[0].n).toBe(0);
    });
  });

  it("lets a partner report only on measures of their organisation", async () => {
    await asEditor(async (tx) => {
      const ed = (await getAdoptedEdition(tx))!;
      const [caritas] = (
        (await tx.execute(sql`SELECT id FROM organisations WHERE name LIKE 'Caritas%'`)) as unknown as {
          rows: { id: string }[];
        }
      ).rows;
      const own = await listMeasures(tx, { editionId: ed.id, organisationId: caritas.id });
      const other = (await listMeasures(tx, { editionId: ed.id })).find((m) => !own.some((o) => o.id === m.id))!;
      const who = { userId: null, label: "partner", role: "partner", organisationId: caritas.id };
      const input = { reportedOn: "2026-01-10", body: "Zwischenstand: zehn Vereine geschult.", progress: 40 };
      expect(await postUpdate(tx, own[0].id, input, who)).toMatchObject({ ok: true, value: { status: "eingereicht" } });
      expect(german(await postUpdate(tx, other.id, input, who))).toEqual({
        ok: false,
        error: "Sie können nur zu Maßnahmen berichten, bei denen Ihre Organisation federführend oder beteiligt ist.",
      });
    });
  });

  it("publishes an editor's report at once only for a measure under way, else when they tick öffentlich zeigen", async () => {
    await asEditor(async (tx) => {
      const ed = (await getAdoptedEdition(tx))!;
      const all = await listMeasures(tx, { editionId: ed.id });
      const planned = all.find((m) => m.status === "beschlossen" || m.status === "vorgeschlagen")!;
      const running = all.find((m) => m.status === "in_umsetzung")!;
      expect(planned, "the demo has a measure not yet under way").toBeDefined();
      const who = { userId: null, label: "editor", role: "editor", organisationId: null };
      const input = { reportedOn: "2026-01-10", body: "Die Planung ist abgeschlossen.", progress: 5 };
      expect(await postUpdate(tx, planned.id, input, who)).toMatchObject({
        ok: true,
        value: { status: "eingereicht" },
      });
      expect(await postUpdate(tx, planned.id, input, who, { showPublicly: true })).toMatchObject({
        ok: true,
        value: { status: "veroeffentlicht" },
      });
      expect(await postUpdate(tx, running.id, input, who)).toMatchObject({
        ok: true,
        value: { status: "veroeffentlicht" },
      });
    });
  });

  it("validates measure input and references", async () => {
    await asEditor(async (tx) => {
      const ed = (await getAdoptedEdition(tx))!;
      const draft = await createEdition(tx, { title: "Fortschreibung 2026", copyFrom: ed.id });
      expect(draft.ok).toBe(true);
      const hf = await listHandlungsfelder(tx);
      const parsed = MeasureInput.safeParse({
        code: "X",
        title: "Ohne Ziel",
        goalIds: [],
        startsOn: "2026-05-01",
        endsOn: "2026-04-01",
      });
      expect(parsed.success).toBe(false);
      expect(germanIssues(parsed.error!.issues)).toEqual([
        "Bitte mindestens ein Ziel (Teilziel oder Leitziel) wählen.",
        "Das Ende liegt vor dem Beginn der Maßnahme.",
      ]);
      const goal = (
        (await tx.execute(
          sql`SELECT id FROM concept_goals WHERE edition_id = ${ed.id} AND kind = 'teilziel' LIMIT 1`,
        )) as unknown as { rows: { id: string }[] }
      ).rows[0].id;
      const r = await createMeasure(tx, ed.id, {
        code: "M 1.1.3-1",
        title: "Doppelt",
        goalIds: [goal],
        handlungsfeldIds: [hf[0].id],
        partnerOrganisationIds: [],
        progress: 0,
      });
      expect(german(r)).toEqual({
        ok: false,
        field: "code",
        error: "Die Kennung „M 1.1.3-1“ ist in dieser Fassung schon vergeben.",
      });
      // The copied draft has the same goals and none of the measures; a new Teilziel shows up as added.
      const lz = (
        (await tx.execute(
          sql`SELECT id FROM concept_goals WHERE edition_id = ${draft.ok && draft.value.id} AND kind = 'leitziel' AND number = '5' AND parent_id = (SELECT id FROM concept_goals WHERE edition_id = ${draft.ok && draft.value.id} AND kind = 'themenfeld' AND number = '2')`,
        )) as unknown as { rows: { id: string }[] }
      ).rows[0].id;
      expect(
        (
          await createGoal(tx, draft.ok ? draft.value.id : "", {
            kind: "teilziel",
            parentId: lz,
            number: "5.1",
            title: "Präventionsangebote erreichen alle Schulen.",
            handlungsfeldIds: [],
          })
        ).ok,
      ).toBe(true);
      expect(
        german(
          await createGoal(tx, draft.ok ? draft.value.id : "", {
            kind: "teilziel",
            parentId: null,
            number: "9.9",
            title: "Ohne Leitziel",
            handlungsfeldIds: [],
          }),
        ),
      ).toMatchObject({ ok: false, error: "Ein Teilziel gehört zu einem Leitziel oder Teilziel." });
      const diff = await compareEditions(tx, ed.id, draft.ok ? draft.value.id : "");
      expect(diff.goals).toEqual({
        added: [{ ref: "2/5.1", title: "Präventionsangebote erreichen alle Schulen." }],
        removed: [],
        changed: [],
      });
      // The open measures were carried unchanged; the finished ones stayed behind.
      const finished = (await listMeasures(tx, { editionId: ed.id })).filter(
        (m) => !CARRIED_STATUSES.includes(m.status),
      );
      expect(finished.length).toBeGreaterThan(0);
      expect(diff.measures.removed.map((m) => m.ref).sort()).toEqual(finished.map((m) => m.code).sort());
      expect(diff.measures.added).toEqual([]);
      expect(diff.measures.changed).toEqual([]);
    });
  });
});

describe("editions and tenancy", () => {
  it("allows only sensible edition transitions and lets a recorded decision adopt and supersede", async () => {
    await asEditor(async (tx) => {
      const old = (await getAdoptedEdition(tx))!;
      const draft = await createEdition(tx, { title: "Integrationskonzept 2026", copyFrom: old.id });
      if (!draft.ok) throw new Error(german(draft).error);
      const id = draft.value.id;
      const paper = await createPaper(tx, {
        number: "FB 56/0999/WP18",
        title: "Fortschreibung des Integrationskonzeptes",
        submittedOn: "2026-01-15",
        leadOffice: "Fachbereich 56",
        editionId: id,
        consultations: [
          { bodyName: "Integrationsrat", competence: "kenntnisnahme", meetsOn: "2026-02-01" },
          { bodyName: "Rat der Stadt Aachen", competence: "entscheidung", meetsOn: "2026-03-01" },
        ],
      });
      if (!paper.ok) throw new Error("paper");
      expect(german(await changeEditionStatus(tx, id, "beschlossen", { paperId: paper.value.id }))).toMatchObject({
        ok: false,
        error: "Eine Fassung im Status „Entwurf“ kann nicht in den Status „beschlossen“ wechseln.",
      });
      expect((await changeEditionStatus(tx, id, "in_beratung")).ok).toBe(true);
      // No paper named: refused with a German message on the paper field.
      expect(german(await changeEditionStatus(tx, id, "beschlossen"))).toEqual({
        ok: false,
        field: "paperId",
        error: "Bitte die Vorlage wählen, deren Beschluss die Fassung annimmt.",
      });
      // The paper has no recorded decision yet; taking note in the Integrationsrat adopts nothing.
      const steps = (
        (await tx.execute(
          sql`SELECT id FROM body_consultations WHERE paper_id = ${paper.value.id} ORDER BY position`,
        )) as unknown as { rows: { id: string }[] }
      ).rows;
      expect((await recordOutcome(tx, steps[0].id, { result: "kenntnisnahme", decidedOn: "2026-02-01" })).ok).toBe(
        true,
      );
      expect(german(await changeEditionStatus(tx, id, "beschlossen", { paperId: paper.value.id }))).toEqual({
        ok: false,
        field: "paperId",
        error:
          "Zur Vorlage FB 56/0999/WP18 ist noch kein Beschluss erfasst: Ein Gremium mit Entscheidungsbefugnis muss sie (geändert) beschlossen haben.",
      });
      // A paper that brings another edition does not adopt this one.
      const other = await createPaper(tx, {
        number: "FB 56/1000/WP18",
        title: "Andere Fassung",
        submittedOn: "2026-01-15",
        leadOffice: "Fachbereich 56",
        editionId: old.id,
      });
      if (!other.ok) throw new Error("paper");
      expect(german(await changeEditionStatus(tx, id, "beschlossen", { paperId: other.value.id }))).toMatchObject({
        ok: false,
        field: "paperId",
        error: expect.stringContaining("bringt nicht diese Fassung ein"),
      });
      expect(
        (await recordOutcome(tx, steps[1].id, { result: "geaendert_beschlossen", decidedOn: "2026-03-01" })).ok,
      ).toBe(true);
      expect(
        german(await changeEditionStatus(tx, id, "beschlossen", { paperId: paper.value.id, adoptedOn: "2026-02-28" })),
      ).toEqual({
        ok: false,
        field: "adoptedOn",
        error: "Das Beschlussdatum kann nicht vor dem Beschluss über die Vorlage (01.03.2026) liegen.",
      });
      const adopted = await changeEditionStatus(tx, id, "beschlossen", { paperId: paper.value.id });
      expect(adopted).toMatchObject({
        ok: true,
        value: {
          status: "beschlossen",
          adoptedOn: "2026-03-01",
          adoptedBy: "Rat der Stadt Aachen",
          adoptedPaperId: paper.value.id,
          replacesEditionId: old.id,
          sourceEditionId: old.id,
        },
      });
      expect((await getAdoptedEdition(tx))!.id).toBe(id);
      expect((await getEdition(tx, old.id))!.status).toBe("abgeloest");
      throw new Error("rollback");
    }).catch((e: Error) => {
      if (e.message !== "rollback") throw e;
    });
  });

  it("edits and deletes goals only in drafts, and never a goal with sub-goals or measures", async () => {
    await asEditor(async (tx) => {
      const adopted = (await getAdoptedEdition(tx))!;
      const adoptedGoal = (await loadGoals(tx, adopted.id)).find((g) => g.kind === "teilziel")!;
      expect(german(await updateGoal(tx, adoptedGoal.id, { number: "9.9", title: "Geändert" }))).toMatchObject({
        ok: false,
        error: expect.stringContaining("beschlossene"),
      });
      const draft = await createEdition(tx, { title: "Fortschreibung 2027", copyFrom: adopted.id });
      if (!draft.ok) throw new Error(german(draft).error);
      const goals = await loadGoals(tx, draft.value.id);
      const leitziel = goals.find((g) => g.kind === "leitziel")!;
      expect(german(await deleteGoal(tx, leitziel.id))).toMatchObject({
        ok: false,
        error: expect.stringContaining("untergeordnete"),
      });
      const tz = goals.find((g) => g.kind === "teilziel" && g.parentId === leitziel.id)!;
      const renamed = await updateGoal(tx, tz.id, { number: tz.number, title: "Neu formuliertes Teilziel" });
      expect(renamed).toMatchObject({ ok: true, value: { title: "Neu formuliertes Teilziel" } });
      const fresh = await createGoal(tx, draft.value.id, {
        kind: "teilziel",
        parentId: leitziel.id,
        number: "9.9",
        title: "Wird wieder gelöscht",
        handlungsfeldIds: [],
      });
      if (!fresh.ok) throw new Error(german(fresh).error);
      expect((await deleteGoal(tx, fresh.value.id)).ok).toBe(true);
      expect((await loadGoals(tx, draft.value.id)).some((g) => g.id === fresh.value.id)).toBe(false);
      // The adopted edition is untouched.
      expect((await loadGoals(tx, adopted.id)).find((g) => g.id === adoptedGoal.id)!.title).toBe(adoptedGoal.title);
      throw new Error("rollback");
    }).catch((e: Error) => {
      if (e.message !== "rollback") throw e;
    });
  });

  it("keeps each tenant's concept to itself (row-level security)", async () => {
    const koeln = (await withSystem(db, (tx) => getTenantBySlug(tx, "koeln")))!.id;
    const aachen = await asEditor(async (tx) => (await listEditions(tx)).map((e) => e.id));
    expect(aachen.length).toBeGreaterThan(0);
    // Köln has its own example concept: it must see none of Aachen's editions and no other tenant's measure.
    const seen = await withTenant(db, { tenantId: koeln, actor: { userId: null, label: "test" } }, async (tx) => ({
      editions: (await listEditions(tx)).filter((e) => aachen.includes(e.id)).length,
      measures: (
        (await tx.execute(
          sql`SELECT count(*)::int AS n FROM concept_measures WHERE tenant_id <> app_tenant_id()`,
        )) as unknown as { rows: { n: number }[] }
      ).rows[0].n,
    }));
    expect(seen).toEqual({ editions: 0, measures: 0 });
  });
});

describe("funding freshness", () => {
  it("keeps the KI eligible for three years and warns six months before", () => {
    expect(fundingFreshness(true, "2024-06-30", "2026-01-01")).toMatchObject({ state: "ok", validUntil: "2027-06-30" });
    expect(fundingFreshness(true, "2024-06-30", "2027-01-01")).toMatchObject({ state: "warning" });
    expect(fundingFreshness(true, "2024-06-30", "2027-06-30")).toMatchObject({ state: "expired" });
    expect(fundingFreshness(false, "2018-06-27", "2026-01-01").state).toBe("ok");
  });

  it("offers the rule only where the Land has it: on in Aachen (NRW), refused in German in Berlin and Hessen", async () => {
    expect(await asEditor((tx) => getSettings(tx))).toEqual({
      threeYearRule: true,
      landHasRule: true,
      land: "Nordrhein-Westfalen",
    });
    for (const [slug, kind, ags, land] of [
      ["berlin", "stadtstaat", "11000000", "Berlin"],
      ["marburg", "kommune", "06534014", "Hessen"],
    ] as const) {
      const id = (await withSystem(db, (tx) => createTenant(tx, { slug, name: land, kind, ags }))).id;
      const inIt = <T>(fn: Parameters<typeof withTenant<T>>[2]) =>
        withTenant(db, { tenantId: id, actor: { userId: null, label: "test@example.org" } }, fn);
      const r = await inIt((tx) => setThreeYearRule(tx, true));
      expect(messageOf(r)).toBe(
        `In ${land} gibt es keine Drei-Jahres-Regel für das Integrationskonzept; sie lässt sich nur für Kommunen in Nordrhein-Westfalen einstellen.`,
      );
      // A value stored before (or by hand) does not switch it on where the Land has no such rule.
      await inIt((tx) =>
        tx.execute(sql`INSERT INTO concept_settings (tenant_id, three_year_rule) VALUES (app_tenant_id(), true)`),
      );
      expect(await inIt((tx) => getSettings(tx))).toEqual({ threeYearRule: false, landHasRule: false, land });
      expect((await inIt((tx) => setThreeYearRule(tx, false))).ok).toBe(true);
    }
  });
});
