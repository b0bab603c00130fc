import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { must } from "../../../tests/support/errors";
import { sql } from "drizzle-orm";
import { createTestDb, tenantIds } from "../../../tests/support/db";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withTenant } from "~/kernel/db/context";
import type { Result } from "~/kernel/errors";
import { FACHFORUM } from "./demo";
import { addCard, createProcess, listProcesses, setOutcome } from "./service";
import { carryIntoConcept, origins, processMeasures } from "./provenance";

// Proposal → measure (issue 12 item 4; decision 0028) on Aachen's demo data.
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
const asAachen = <T>(fn: (tx: Tx) => Promise<T>) => inTenant(aachen, fn);
const code = (r: Result<unknown>) => (r.ok ? "ok" : r.error.code);
const sqlState = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: { code?: string; cause?: { code?: string } }) => e.cause?.code ?? e.code ?? String(e),
  );

/** A fresh process with one proposal of the given outcome; returns ids. */
async function proposal(tx: Tx, outcome: "uebernommen" | "geaendert_uebernommen" | "in_pruefung", body: string) {
  const p = must(await createProcess(tx, { kind: "fachforum", title: `Forum ${body}`, startsOn: "2026-01-10" }));
  const c = must(await addCard(tx, p.id, { kind: "proposal", body }));
  must(await setOutcome(tx, p.id, c.id, { outcome, reason: outcome === "in_pruefung" ? undefined : "Begründung" }));
  return { processId: p.id, cardId: c.id };
}
const aGoal = (tx: Tx) =>
  rows<{ id: string }>(
    tx,
    sql`SELECT g.id FROM concept_goals g JOIN concept_editions e ON e.id = g.edition_id
        WHERE e.status = 'beschlossen' AND g.kind <> 'themenfeld' ORDER BY g.position LIMIT 1`,
  ).then((r) => r[0].id);
const aMeasure = (tx: Tx, offset = 0) =>
  rows<{ id: string; status: string }>(
    tx,
    sql`SELECT m.id, m.status FROM concept_measures m JOIN concept_editions e ON e.id = m.edition_id
        WHERE e.status = 'beschlossen' AND m.status IN ('vorgeschlagen', 'beschlossen') ORDER BY m.position OFFSET ${offset} LIMIT 1`,
  ).then((r) => r[0]);

describe("carrying a proposal into the concept", () => {
  it("makes a new draft measure from the card and records where it came from", async () => {
    await asAachen(async (tx) => {
      const { processId, cardId } = await proposal(tx, "uebernommen", "Sprachpatenschaften in allen Stadtteilen");
      const goalId = await aGoal(tx);
      const { measureId } = must(
        await carryIntoConcept(tx, processId, cardId, { relation: "new", goalId, code: "B-T1" }),
      );
      const [m] = await rows<{ title: string; description: string; status: string; reason: string }>(
        tx,
        sql`SELECT m.title, m.description, m.status, s.reason FROM concept_measures m
            JOIN concept_status_changes s ON s.measure_id = m.id WHERE m.id = ${measureId}`,
      );
      expect(m).toMatchObject({
        title: "Sprachpatenschaften in allen Stadtteilen",
        description: "Sprachpatenschaften in allen Stadtteilen",
        status: "vorgeschlagen",
      });
      expect(m.reason).toBe("Entstanden aus Beteiligung „Forum Sprachpatenschaften in allen Stadtteilen“, Karte Nr. 1");
      const o = await origins(tx, "concept.measure", [measureId], { publicOnly: false });
      expect(o).toEqual([
        expect.objectContaining({ subjectId: measureId, relation: "new", module: "participation", number: 1 }),
      ]);
      // a draft process is not public: the public lookup leaves it out
      expect(await origins(tx, "concept.measure", [measureId], { publicOnly: true })).toEqual([]);
      const [link] = await rows<{ actor_label: string; kind: string }>(
        tx,
        sql`SELECT actor_label, kind FROM participation_measure_links WHERE card_id = ${cardId}`,
      );
      expect(link).toEqual({ actor_label: "Test", kind: "new" });
      expect(await processMeasures(tx, processId)).toEqual([
        expect.objectContaining({ cardId, measureId, relation: "new", code: "B-T1" }),
      ]);
    });
  });

  it("records amending an existing measure as such, and refuses the same link twice", async () => {
    await asAachen(async (tx) => {
      const { processId, cardId } = await proposal(tx, "geaendert_uebernommen", "Kurse auch abends");
      const m = await aMeasure(tx);
      must(await carryIntoConcept(tx, processId, cardId, { relation: "amends", measureId: m.id }));
      const o = await origins(tx, "concept.measure", [m.id], { publicOnly: false });
      expect(o.filter((x) => x.title === "Forum Kurse auch abends").map((x) => x.relation)).toEqual(["amends"]);
      const again = await carryIntoConcept(tx, processId, cardId, { relation: "confirms", measureId: m.id });
      expect(code(again)).toBe("participation.errors.alreadyLinked");
    });
  });

  it("retires a measure through the concept's status change, whose reason names the card", async () => {
    await asAachen(async (tx) => {
      const { processId, cardId } = await proposal(tx, "uebernommen", "Maßnahme ist erledigt");
      const m = await aMeasure(tx, 1);
      must(await carryIntoConcept(tx, processId, cardId, { relation: "retires", measureId: m.id }));
      const [s] = await rows<{ to_status: string; reason: string }>(
        tx,
        sql`SELECT to_status, reason FROM concept_status_changes WHERE measure_id = ${m.id} ORDER BY created_at DESC LIMIT 1`,
      );
      expect(s).toEqual({
        to_status: "verworfen",
        reason: "Aufgehoben durch Beteiligung „Forum Maßnahme ist erledigt“, Karte Nr. 1",
      });
    });
  });

  it("refuses a card that was not adopted, and a new measure without a goal", async () => {
    await asAachen(async (tx) => {
      const { processId, cardId } = await proposal(tx, "in_pruefung", "Noch offen");
      const m = await aMeasure(tx);
      expect(code(await carryIntoConcept(tx, processId, cardId, { relation: "confirms", measureId: m.id }))).toBe(
        "participation.errors.notAdopted",
      );
      await expect(carryIntoConcept(tx, processId, cardId, { relation: "new" })).rejects.toThrow();
    });
  });

  it("refuses a card of another tenant and a measure of another tenant", async () => {
    const foreign = await inTenant(koeln, (tx) => proposal(tx, "uebernommen", "Kölner Vorschlag"));
    await asAachen(async (tx) => {
      const m = await aMeasure(tx);
      const r = await carryIntoConcept(tx, foreign.processId, foreign.cardId, {
        relation: "confirms",
        measureId: m.id,
      });
      expect(code(r)).toBe("participation.errors.cardUnknown");
    });
    const aachenMeasure = await asAachen((tx) => aMeasure(tx));
    await inTenant(koeln, async (tx) => {
      const r = await carryIntoConcept(tx, foreign.processId, foreign.cardId, {
        relation: "amends",
        measureId: aachenMeasure.id,
      });
      expect(code(r)).toBe("participation.errors.measureUnknown");
    });
    // and the database refuses it too, past the service
    const state = await sqlState(
      inTenant(koeln, (tx) =>
        rows(
          tx,
          sql`INSERT INTO participation_measure_links (tenant_id, process_id, card_id, card_kind, measure_id, kind, actor_label)
              VALUES (app_tenant_id(), ${foreign.processId}, ${foreign.cardId}, 'proposal', ${aachenMeasure.id}, 'amends', 'x')`,
        ),
      ),
    );
    expect(state).toBe("23503");
  });

  it("the demo's 2021 Fachforum amends existing measures (example content)", async () => {
    await asAachen(async (tx) => {
      const forum = (await listProcesses(tx)).find((p) => p.title === FACHFORUM)!;
      const links = await processMeasures(tx, forum.id);
      expect(links.length).toBeGreaterThan(0);
      expect(links.every((l) => l.relation === "amends")).toBe(true);
    });
  });
});
