import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb, rolledBack, tenantIds } from "../../../tests/support/db";
import { rows } from "~/kernel/db/context";
import type { Database, Tx } from "~/kernel/db/client";
import { createPaper, recordOutcome } from "~/modules/bodies";
import { german } from "../../../tests/support/errors";
import { CARRIED_STATUSES } from "./services/carry";
import { changeEditionStatus, createEdition, getAdoptedEdition, getEdition, loadGoals } from "./services/concept";
import {
  carryStateOf,
  carryStates,
  compareEditions,
  endCarriedMeasure,
  measureHistory,
  replacedEdition,
} from "./services/fortschreibung";
import {
  createMeasure,
  getMeasureRow,
  listMeasures,
  postUpdate,
  updateMeasure,
  type MeasureListItem,
} from "./services/measures";

// Fortschreibung (decision 0035), on the Aachen demo concept: each test works in a transaction that
// is rolled back, so the demo stays as it is for the next.

let db: Database, cleanup: () => Promise<void>, aachen: string;
beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true, modules: true }));
  ({ aachen } = await tenantIds(db));
});
afterAll(() => cleanup());

const inAachen = (fn: (tx: Tx) => Promise<void>) => rolledBack(db, aachen, fn);

/** A draft Fortschreibung of the adopted edition. */
async function fortschreibung(tx: Tx, title = "Integrationskonzept 2026 (Fortschreibung)") {
  const old = (await getAdoptedEdition(tx))!;
  const r = await createEdition(tx, { title, copyFrom: old.id });
  if (!r.ok) throw new Error(german(r).error);
  return { old, draft: r.value };
}

const asInput = (m: MeasureListItem) => ({
  code: m.code,
  title: m.title,
  description: m.description,
  targetGroups: m.targetGroups,
  startsOn: m.startsOn,
  endsOn: m.endsOn,
  quantitativeTarget: m.quantitativeTarget,
  budget: m.budget,
  progress: m.progress,
  goalIds: m.goalIds,
  handlungsfeldIds: m.handlungsfeldIds,
  leadOrganisationId: m.lead?.id ?? null,
  partnerOrganisationIds: m.partners.map((p) => p.id),
  internalNote: m.internalNote,
});

describe("Fortschreibung", () => {
  it("carries every open measure with its predecessor, goals, fields, organisations and open milestones", async () => {
    await inAachen(async (tx) => {
      const { old, draft } = await fortschreibung(tx);
      const before = await listMeasures(tx, { editionId: old.id });
      const after = await listMeasures(tx, { editionId: draft.id });
      const open = before.filter((m) => CARRIED_STATUSES.includes(m.status));
      const finished = before.filter((m) => !CARRIED_STATUSES.includes(m.status));
      // The demo has both kinds, so the rule is exercised either way.
      expect(open.length).toBeGreaterThan(0);
      expect(finished.length).toBeGreaterThan(0);
      expect(after.map((m) => m.predecessorId).sort()).toEqual(open.map((m) => m.id).sort());
      const draftGoals = new Set((await loadGoals(tx, draft.id)).map((g) => g.id));
      for (const m of after) {
        const p = before.find((x) => x.id === m.predecessorId)!;
        expect(m, p.code).toMatchObject({
          code: p.code,
          title: p.title,
          description: p.description,
          status: p.status,
          progress: p.progress,
          startsOn: p.startsOn,
          endsOn: p.endsOn,
          goalRefs: p.goalRefs,
          handlungsfeldIds: p.handlungsfeldIds,
          lead: p.lead,
          partners: p.partners,
          exampleNote: p.exampleNote,
        });
        // Attached to the copied goals, not the old edition's.
        expect(
          m.goalIds.every((g) => draftGoals.has(g)),
          p.code,
        ).toBe(true);
      }
      // Open milestones move along; done ones stay in the history.
      const [{ open: oldOpen }] = await rows<{ open: number }>(
        tx,
        sql`SELECT count(*)::int AS open FROM concept_milestones ms JOIN concept_measures m ON m.id = ms.measure_id
            WHERE m.edition_id = ${old.id} AND ms.done_on IS NULL AND m.status IN ('vorgeschlagen', 'beschlossen', 'in_umsetzung', 'zurueckgestellt')`,
      );
      const [{ copied }] = await rows<{ copied: number }>(
        tx,
        sql`SELECT count(*)::int AS copied FROM concept_milestones ms JOIN concept_measures m ON m.id = ms.measure_id
            WHERE m.edition_id = ${draft.id}`,
      );
      expect(copied).toBe(oldOpen);
      // The old edition is untouched.
      expect(await listMeasures(tx, { editionId: old.id })).toEqual(before);
    });
  });

  it("shows a carried measure's history: where it came from and the earlier entries", async () => {
    await inAachen(async (tx) => {
      const old = (await getAdoptedEdition(tx))!;
      const reported = (await listMeasures(tx, { editionId: old.id })).find((m) => m.status === "in_umsetzung")!;
      const editor = { userId: null, label: "editor.aachen@example.org", role: "editor", organisationId: null };
      const report = { reportedOn: "2026-02-01", body: "Zwischenstand: zwölf Ämter geschult.", progress: 50 };
      expect((await postUpdate(tx, reported.id, report, editor)).ok).toBe(true);
      expect(
        (
          await postUpdate(tx, reported.id, { ...report, body: "Noch nicht geprüfter Entwurf." }, editor, {
            status: "eingereicht",
          })
        ).ok,
      ).toBe(true);
      const { draft } = await fortschreibung(tx);
      const [carried] = await rows<{ id: string }>(
        tx,
        sql`SELECT id FROM concept_measures WHERE predecessor_id = ${reported.id} AND edition_id = ${draft.id}`,
      );
      expect(carried, "a measure in Umsetzung is carried").toBeDefined();
      const staff = await measureHistory(tx, carried.id);
      expect(staff.carriedFrom).toEqual({ edition: old.title, measureId: reported.id });
      expect(staff.entries.every((e) => e.edition === old.title)).toBe(true);
      expect(staff.entries).toContainEqual(
        expect.objectContaining({
          kind: "status",
          title: "beschlossen",
          date: "2018-06-27",
          detail: "Mit dem Integrationskonzept beschlossen (Beispieldatum)",
        }),
      );
      const reports = staff.entries.filter((e) => e.kind === "update");
      expect(reports.map((r) => r.state).sort()).toEqual(["eingereicht", "veroeffentlicht"]);
      // The public sees published reports only, and no reasons or names.
      const pub = await measureHistory(tx, carried.id, { publicOnly: true });
      expect(pub.entries.filter((e) => e.kind === "update").map((r) => r.state)).toEqual(["veroeffentlicht"]);
      expect(pub.entries.every((e) => !e.detail && !e.who)).toBe(true);
      // The carried measure's own first entry names the edition it continues.
      const [own] = await rows<{ reason: string; to_status: string }>(
        tx,
        sql`SELECT reason, to_status FROM concept_status_changes WHERE measure_id = ${carried.id}`,
      );
      expect(own.reason).toBe(`Aus Fassung „${old.title}“ fortgeführt`);
      // A measure of an edition without a predecessor has no history.
      expect(await measureHistory(tx, reported.id)).toEqual({ carriedFrom: null, entries: [] });
    });
  });

  it("gives each measure of the draft its carry state, and ends a carried one only with a reason", async () => {
    await inAachen(async (tx) => {
      const { old, draft } = await fortschreibung(tx);
      const carried = await listMeasures(tx, { editionId: draft.id });
      let c = await carryStates(tx, draft);
      expect(c.source).toEqual({ id: old.id, title: old.title });
      expect(Object.values(c.states).every((s) => s === "fortgefuehrt")).toBe(true);
      expect(c.counts.fortgefuehrt).toBe(carried.length);
      // Ended for their status: in the list without a reason.
      expect(c.ended.every((m) => m.reason === null && !CARRIED_STATUSES.includes(m.status as never))).toBe(true);

      const [changed, ended] = carried;
      expect(
        (await updateMeasure(tx, changed.id, { ...asInput(changed), title: `${changed.title} (überarbeitet)` })).ok,
      ).toBe(true);
      const fresh = await createMeasure(tx, draft.id, {
        code: "M NEU-1",
        title: "Neue Maßnahme der Fortschreibung",
        goalIds: [changed.goalIds[0]],
        handlungsfeldIds: [],
        partnerOrganisationIds: [],
        progress: 0,
      });
      if (!fresh.ok) throw new Error(german(fresh).error);

      // Ending needs a reason (German message on the field), a carried measure and a draft.
      expect(german(await endCarriedMeasure(tx, ended.id, "  "))).toEqual({
        ok: false,
        field: "reason",
        error: "Bitte begründen Sie, warum die Maßnahme nicht fortgeführt wird.",
      });
      expect(german(await endCarriedMeasure(tx, fresh.value.id, "Doch nicht nötig"))).toMatchObject({
        ok: false,
        error: "Nur eine aus der vorigen Fassung fortgeführte Maßnahme kann hier beendet werden.",
      });
      expect(german(await endCarriedMeasure(tx, ended.predecessorId!, "Abgeschlossen"))).toMatchObject({
        ok: false,
        error: "Nur eine aus der vorigen Fassung fortgeführte Maßnahme kann hier beendet werden.",
      });
      expect(await endCarriedMeasure(tx, ended.id, "Wird vom Jobcenter als Regelangebot übernommen.")).toEqual({
        ok: true,
        value: { editionId: draft.id },
      });
      expect(await getMeasureRow(tx, ended.id)).toBeUndefined();
      // The predecessor and its history stay.
      expect((await getMeasureRow(tx, ended.predecessorId!))?.editionId).toBe(old.id);

      c = await carryStates(tx, (await getEdition(tx, draft.id))!);
      expect(c.states[changed.id]).toBe("geaendert");
      expect(c.states[fresh.value.id]).toBe("neu");
      expect(c.states[carried[2].id]).toBe("fortgefuehrt");
      expect(c.ended).toContainEqual(
        expect.objectContaining({
          id: ended.predecessorId,
          reason: "Wird vom Jobcenter als Regelangebot übernommen.",
          by: "test@example.org",
        }),
      );
      expect(c.counts).toMatchObject({ geaendert: 1, neu: 1, fortgefuehrt: carried.length - 2 });
      // The measure page asks for one measure's state alone, and gets the same.
      const draftRow = (await getEdition(tx, draft.id))!;
      expect(await carryStateOf(tx, (await getMeasureRow(tx, changed.id))!, draftRow)).toBe("geaendert");
      expect(await carryStateOf(tx, (await getMeasureRow(tx, fresh.value.id))!, draftRow)).toBe("neu");
      expect(await carryStateOf(tx, (await getMeasureRow(tx, carried[2].id))!, draftRow)).toBe("fortgefuehrt");

      // Once the draft is adopted, its measures can no longer be ended.
      const paper = await createPaper(tx, {
        number: "FB 56/0998/WP18",
        title: "Fortschreibung",
        submittedOn: "2026-01-10",
        leadOffice: "FB 56",
        editionId: draft.id,
        consultations: [{ bodyName: "Rat der Stadt Aachen", competence: "entscheidung" }],
      });
      if (!paper.ok) throw new Error("paper");
      const [step] = await rows<{ id: string }>(
        tx,
        sql`SELECT id FROM body_consultations WHERE paper_id = ${paper.value.id}`,
      );
      expect((await recordOutcome(tx, step.id, { result: "beschlossen", decidedOn: "2026-04-01" })).ok).toBe(true);
      expect((await changeEditionStatus(tx, draft.id, "in_beratung")).ok).toBe(true);
      expect((await changeEditionStatus(tx, draft.id, "beschlossen", { paperId: paper.value.id })).ok).toBe(true);
      expect(german(await endCarriedMeasure(tx, carried[2].id, "Zu spät"))).toMatchObject({
        ok: false,
        error: "Eine Maßnahme kann nur in einer Fassung im Entwurf oder in Beratung beendet werden.",
      });
      const adopted = (await getEdition(tx, draft.id))!;
      expect((await replacedEdition(tx, adopted))?.id).toBe(old.id);
    });
  });

  it("compares goals and measures word by word, with Handlungsfelder, lead and status", async () => {
    await inAachen(async (tx) => {
      const { old, draft } = await fortschreibung(tx);
      const [m, other] = await listMeasures(tx, { editionId: draft.id });
      const orgs = await rows<{ id: string; name: string }>(
        tx,
        sql`SELECT id, name FROM organisations WHERE id <> ${m.lead?.id ?? null}::uuid ORDER BY name LIMIT 1`,
      );
      expect(
        (
          await updateMeasure(tx, m.id, {
            ...asInput(m),
            title: "Interkulturelle Öffnung der städtischen Ämter",
            leadOrganisationId: orgs[0].id,
            partnerOrganisationIds: asInput(m).partnerOrganisationIds.filter((p) => p !== orgs[0].id),
          })
        ).ok,
      ).toBe(true);
      expect((await endCarriedMeasure(tx, other.id, "Ziel erreicht, kein Bedarf mehr.")).ok).toBe(true);
      await tx.execute(sql`UPDATE concept_measures SET status = 'zurueckgestellt' WHERE id = ${m.id}`);
      const goal = (await loadGoals(tx, draft.id)).find((g) => g.kind === "teilziel")!;
      await tx.execute(sql`UPDATE concept_goals SET title = ${`${goal.title} Bis 2030.`} WHERE id = ${goal.id}`);

      const c = await compareEditions(tx, old.id, draft.id);
      const changed = c.measures.changed.find((x) => x.ref === m.code)!;
      const title = changed.changes.find((x) => x.field === "title")!;
      expect(title.before).toBe(m.title);
      expect(title.after).toBe("Interkulturelle Öffnung der städtischen Ämter");
      // Word runs: what stays, what went, what came.
      const text = (kind: string) =>
        title
          .words!.filter((w) => w.kind === kind)
          .map((w) => w.text.trim())
          .filter(Boolean);
      expect(text("ins").join(" ")).toContain("städtischen Ämter");
      expect(title.words!.map((w) => (w.kind === "ins" ? "" : w.text)).join("")).toBe(m.title);
      expect(title.words!.map((w) => (w.kind === "del" ? "" : w.text)).join("")).toBe(
        "Interkulturelle Öffnung der städtischen Ämter",
      );
      expect(changed.changes.find((x) => x.field === "lead")).toMatchObject({
        before: m.lead?.name ?? "",
        after: orgs[0].name,
      });
      expect(changed.changes.find((x) => x.field === "status")).toEqual({
        field: "status",
        before: m.status,
        after: "zurueckgestellt",
        words: null,
      });
      expect(c.measures.removed).toContainEqual(
        expect.objectContaining({ ref: other.code, reason: "Ziel erreicht, kein Bedarf mehr." }),
      );
      const g = c.goals.changed.find((x) => x.ref === goal.ref)!;
      expect(g.changes[0].words!.filter((w) => w.kind === "ins").map((w) => w.text.trim())).toEqual(["Bis 2030."]);
      expect(c.handlungsfelder).toEqual({ added: [], removed: [] });
    });
  });
});
