import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb, rolledBack, tenantIds } from "../../../tests/support/db";
import { messageOf, must } from "../../../tests/support/errors";
import { rows } from "~/kernel/db/context";
import { translateError } from "~/kernel/errors";
import { getT } from "~/kernel/i18n";
import type { Database, Tx } from "~/kernel/db/client";
import { createEdition, createGoal, getAdoptedEdition, getEdition } from "./services/concept";
import {
  addMilestone,
  cancelMilestone,
  changeMeasureStatus,
  completeMilestone,
  createMeasure,
  deleteMeasure,
  deleteMilestone,
  getMeasureRow,
  listMeasures,
  measureRecords,
  updateMilestone,
} from "./services/measures";
import { dashboard } from "./services/views";

// Milestones consistent with the measure's status (issue 13, item 3) and editing only in drafts.
// Each test works on a small draft edition of its own inside a transaction that is rolled back.

let db: Database, cleanup: () => Promise<void>, aachen: string;
beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true, modules: true }));
  ({ aachen } = await tenantIds(db));
});
afterAll(() => cleanup());

const inAachen = (fn: (tx: Tx) => Promise<void>) => rolledBack(db, aachen, fn);

const TODAY = "2026-01-15";

/** A draft edition with one Themenfeld, Leitziel and Teilziel and a running measure with two milestones. */
async function fixture(tx: Tx) {
  const edition = must(await createEdition(tx, { title: "Testfassung Meilensteine" }));
  const tf = must(
    await createGoal(tx, edition.id, { kind: "themenfeld", number: "1", title: "Bildung", handlungsfeldIds: [] }),
  );
  const lz = must(
    await createGoal(tx, edition.id, {
      kind: "leitziel",
      number: "1",
      title: "Sprache",
      parentId: tf.id,
      handlungsfeldIds: [],
    }),
  );
  const m = must(
    await createMeasure(
      tx,
      edition.id,
      {
        code: "T-1",
        title: "Ausbildungslotsen",
        goalIds: [lz.id],
        startsOn: "2025-01-01",
        endsOn: "2027-12-31",
        progress: 0,
        handlungsfeldIds: [],
        partnerOrganisationIds: [],
      },
      { status: "in_umsetzung" },
    ),
  );
  const late = must(await addMilestone(tx, m.id, { title: "Kooperationsvertrag unterschrieben", dueOn: "2025-06-30" }));
  const later = must(await addMilestone(tx, m.id, { title: "Erste Lotsen geschult", dueOn: "2026-06-30" }));
  return { edition, lz, m, late, later };
}

const overdueIn = async (tx: Tx, editionId: string) => {
  const list = await listMeasures(tx, { editionId, today: TODAY });
  const flagged = await listMeasures(tx, { editionId, today: TODAY, overdue: true });
  const e = (await getEdition(tx, editionId))!;
  const d = await dashboard(tx, e, TODAY);
  return {
    counts: Object.fromEntries(list.map((x) => [x.code, x.overdueMilestones])),
    filtered: flagged.map((x) => x.code),
    dashboard: d.overdue.map((x) => x.title),
    dashboardCount: d.overdueCount,
  };
};

describe("milestones consistent with the status", () => {
  it("refuses umgesetzt while milestones are open, naming them in German, and finishes once each is resolved", async () => {
    await inAachen(async (tx) => {
      const { m, late, later } = await fixture(tx);
      const refused = await changeMeasureStatus(tx, m.id, "umgesetzt", "Projekt abgeschlossen", TODAY);
      expect(refused.ok).toBe(false);
      expect(messageOf(refused)).toBe(
        "Die Maßnahme kann nicht auf „umgesetzt“ gesetzt werden: 2 Meilensteine sind noch offen: " +
          "„Kooperationsvertrag unterschrieben“ (30.06.2025), „Erste Lotsen geschult“ (30.06.2026). " +
          "Bitte bei jedem angeben, ob er erledigt ist oder entfällt.",
      );
      // The status is a key in the error, so an English page names it in English.
      expect(refused.ok || translateError(getT("en"), refused.error)).toMatch(
        /^The measure cannot be set to “implemented”: 2 milestones are still open: /,
      );
      expect((await getMeasureRow(tx, m.id))!.status).toBe("in_umsetzung");
      // Resolving only one still names the other.
      const half = await changeMeasureStatus(tx, m.id, "umgesetzt", "Projekt abgeschlossen", TODAY, {
        milestones: { [late.id]: "done" },
      });
      expect(messageOf(half)).toContain("Ein Meilenstein ist noch offen: „Erste Lotsen geschult“ (30.06.2026)");
      must(
        await changeMeasureStatus(tx, m.id, "umgesetzt", "Projekt abgeschlossen", TODAY, {
          milestones: { [late.id]: "done", [later.id]: "cancelled" },
        }),
      );
      const [a, b] = (await measureRecords(tx, [m.id])).milestones.get(m.id) ?? [];
      // The cancelled one is no longer planned: the records for reports leave it out.
      expect([a?.title, a?.doneOn, b]).toEqual(["Kooperationsvertrag unterschrieben", TODAY, undefined]);
      const [c] = await rows<{ cancelled_on: string }>(
        tx,
        sql`SELECT cancelled_on::text FROM concept_milestones WHERE id = ${later.id}`,
      );
      expect(c.cancelled_on).toBe(TODAY);
      const late2 = await addMilestone(tx, m.id, { title: "Nachzügler", dueOn: "2026-03-01" });
      expect(messageOf(late2)).toBe("Eine Maßnahme im Status „umgesetzt“ bekommt keine neuen Meilensteine mehr.");
      expect(late2.ok || translateError(getT("en"), late2.error)).toBe(
        "A measure with status “implemented” takes no new milestones.",
      );
    });
  });

  it("cancels the open milestones of a dropped measure with it", async () => {
    await inAachen(async (tx) => {
      const { m, late } = await fixture(tx);
      must(await changeMeasureStatus(tx, m.id, "zurueckgestellt", "Förderung fehlt", TODAY));
      must(await changeMeasureStatus(tx, m.id, "verworfen", "Förderung endgültig abgelehnt", TODAY));
      const left = await rows<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM concept_milestones WHERE measure_id = ${m.id} AND cancelled_on IS NULL`,
      );
      expect(left[0].n).toBe(0);
      expect(messageOf(await completeMilestone(tx, late.id, TODAY))).toBe(
        "Der Meilenstein „Kooperationsvertrag unterschrieben“ ist entfallen und kann nicht mehr erledigt werden.",
      );
    });
  });

  it("never shows an overdue milestone of a finished measure, even one left open by older data", async () => {
    await inAachen(async (tx) => {
      const { edition, m } = await fixture(tx);
      const before = await overdueIn(tx, edition.id);
      expect(before).toEqual({
        counts: { "T-1": 1 },
        filtered: ["T-1"],
        dashboard: ["Kooperationsvertrag unterschrieben"],
        dashboardCount: 1,
      });
      // Data from before the rule: finished with the milestone still open.
      await tx.execute(sql`UPDATE concept_measures SET status = 'umgesetzt' WHERE id = ${m.id}`);
      expect(await overdueIn(tx, edition.id)).toEqual({
        counts: { "T-1": 0 },
        filtered: [],
        dashboard: [],
        dashboardCount: 0,
      });
    });
  });

  it("does not count a cancelled milestone as overdue", async () => {
    await inAachen(async (tx) => {
      const { edition, late } = await fixture(tx);
      must(await cancelMilestone(tx, late.id, TODAY));
      expect((await overdueIn(tx, edition.id)).counts).toEqual({ "T-1": 0 });
    });
  });
});

describe("editing and deleting only in a draft", () => {
  it("edits and deletes milestones and measures of a draft, with audit entries", async () => {
    await inAachen(async (tx) => {
      const { m, late, later } = await fixture(tx);
      const moved = must(await updateMilestone(tx, late.id, { title: "Vertrag unterschrieben", dueOn: "2025-09-30" }));
      expect([moved.title, moved.dueOn]).toEqual(["Vertrag unterschrieben", "2025-09-30"]);
      expect(messageOf(await updateMilestone(tx, late.id, { title: "Vertrag", dueOn: "2024-01-01" }))).toBe(
        "Der Meilenstein (01.01.2024) liegt vor dem Beginn der Maßnahme am 01.01.2025.",
      );
      must(await deleteMilestone(tx, later.id));
      must(await deleteMeasure(tx, m.id));
      expect(await getMeasureRow(tx, m.id)).toBeUndefined();
      const audit = await rows<{ entity: string; action: string }>(
        tx,
        sql`SELECT entity, action FROM audit_log WHERE entity_id IN (${m.id}, ${later.id}) AND action = 'delete' ORDER BY entity`,
      );
      expect(audit).toEqual([
        { entity: "concept_measure", action: "delete" },
        { entity: "concept_milestone", action: "delete" },
      ]);
    });
  });

  it("refuses to edit or delete in an adopted edition, and a carried measure in a draft", async () => {
    await inAachen(async (tx) => {
      const adopted = (await getAdoptedEdition(tx))!;
      const [m] = await listMeasures(tx, { editionId: adopted.id, status: "beschlossen" });
      const [ms] = await rows<{ id: string }>(
        tx,
        sql`SELECT id FROM concept_milestones WHERE measure_id = ${m.id} LIMIT 1`,
      );
      const notDraft = `Die Fassung „${adopted.title}“ ist beschlossen, kein Entwurf mehr. Bearbeiten und Löschen gehen nur im Entwurf – eine beschlossene Fassung ist Geschichte.`;
      expect(messageOf(await deleteMeasure(tx, m.id))).toBe(notDraft);
      expect(messageOf(await updateMilestone(tx, ms.id, { title: "Umbenannt", dueOn: "2020-11-30" }))).toBe(notDraft);
      expect(messageOf(await deleteMilestone(tx, ms.id))).toBe(notDraft);
      expect(await getMeasureRow(tx, m.id)).toBeDefined();
      // A Fortschreibung's carried measure is ended with a reason, not deleted.
      const draft = must(await createEdition(tx, { title: "Fortschreibung Test", copyFrom: adopted.id }));
      const [carried] = await listMeasures(tx, { editionId: draft.id, measureIds: undefined });
      expect(messageOf(await deleteMeasure(tx, carried.id))).toBe(
        `Die Maßnahme ${carried.code} ist aus einer früheren Fassung fortgeführt. Statt sie zu löschen, bitte „Maßnahme nicht fortführen“ mit einer Begründung wählen.`,
      );
    });
  });
});
