import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb, rolledBack, tenantIds } from "../../../tests/support/db";
import { must } from "../../../tests/support/errors";
import { rows } from "~/kernel/db/context";
import type { Database, Tx } from "~/kernel/db/client";
import { createEdition, createGoal, createMeasure, listHandlungsfelder, type MeasureStatus } from "~/modules/concept";
import { createArea } from "~/modules/monitoring";
import { controlling, parseControllingFilter, type ControllingFilter } from "./services/controlling";
import { measureAreas } from "./schema";

// The controlling overview's filters and counts on a small fixture of its own: a draft edition with
// two Themenfelder, four measures, two Handlungsfelder, two leading organisations and a Stadtteil
// below a Stadtbezirk. Each test runs in a transaction that is rolled back.

let db: Database, cleanup: () => Promise<void>, aachen: string;
beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true, modules: true }));
  ({ aachen } = await tenantIds(db));
});
afterAll(() => cleanup());

const inAachen = (fn: (tx: Tx) => Promise<void>) => rolledBack(db, aachen, fn);

const TODAY = "2026-01-15";
const none: ControllingFilter = {
  themenfeld: null,
  handlungsfeld: null,
  status: null,
  lead: null,
  area: null,
  overdue: false,
  q: null,
};

async function fixture(tx: Tx) {
  const e = must(await createEdition(tx, { title: "Testfassung Controlling" }));
  const goal = async (kind: "themenfeld" | "leitziel" | "teilziel", number: string, title: string, parentId?: string) =>
    must(await createGoal(tx, e.id, { kind, number, title, parentId, handlungsfeldIds: [] }));
  const tf1 = await goal("themenfeld", "1", "Bildung");
  const lz11 = await goal("leitziel", "1", "Sprache von Anfang an", tf1.id);
  const tz111 = await goal("teilziel", "1.1", "Kita-Sprachförderung ausbauen", lz11.id);
  const tf2 = await goal("themenfeld", "2", "Arbeit");
  const lz21 = await goal("leitziel", "1", "Ausbildung sichern", tf2.id);
  const [hfA, hfB] = await listHandlungsfelder(tx);
  const [orgA, orgB] = await rows<{ id: string; name: string }>(
    tx,
    sql`SELECT id, name FROM organisations ORDER BY name LIMIT 2`,
  );
  const bezirk = await createArea(tx, { level: "stadtbezirk", key: "T9", name: "Testbezirk" });
  const viertel = await createArea(tx, { level: "stadtteil", key: "T901", name: "Testviertel", parentId: bezirk.id });
  const measure = async (
    code: string,
    title: string,
    status: MeasureStatus,
    goalIds: string[],
    handlungsfeldIds: string[],
    lead: string,
    description: string | null = null,
  ) =>
    must(
      await createMeasure(
        tx,
        e.id,
        {
          code,
          title,
          description,
          goalIds,
          handlungsfeldIds,
          leadOrganisationId: lead,
          partnerOrganisationIds: [],
          startsOn: "2025-01-01",
          endsOn: "2027-12-31",
          progress: 0,
        },
        { status },
      ),
    ).id;
  const m1 = await measure("C-1", "Sprachcafé für Eltern", "beschlossen", [tz111.id], [hfA.id], orgA.id);
  const m2 = await measure("C-2", "Ausbildungslotsen", "in_umsetzung", [lz21.id], [hfB.id], orgB.id);
  const m3 = await measure(
    "C-3",
    "Elternbrief in Leichter Sprache",
    "vorgeschlagen",
    [tz111.id, lz21.id],
    [hfA.id, hfB.id],
    orgB.id,
    "Gemeinsam mit dem Jobcenter verschickt.",
  );
  const m4 = await measure("C-4", "Sprachkurs mit Abschluss", "umgesetzt", [tz111.id], [], orgA.id);
  await tx.execute(
    sql`INSERT INTO concept_milestones (tenant_id, measure_id, title, due_on) VALUES
        (app_tenant_id(), ${m2}, 'Kooperationsvertrag', '2025-06-30'),
        -- older data: a finished measure with a milestone left open
        (app_tenant_id(), ${m4}, 'Abschlussprüfung', '2025-06-30')`,
  );
  await tx
    .insert(measureAreas)
    .values({ tenantId: sql`app_tenant_id()` as unknown as string, measureId: m1, areaId: viertel.id });
  return { e, tf1, tf2, hfA, hfB, orgA, orgB, bezirk, viertel, ids: { m1, m2, m3, m4 } };
}

describe("controlling overview", () => {
  it("filters and searches to exactly the expected measures", async () => {
    await inAachen(async (tx) => {
      const x = await fixture(tx);
      const codes = async (f: Partial<ControllingFilter>) =>
        (await controlling(tx, x.e.id, { ...none, ...f }, { publicOnly: false, today: TODAY })).measures.map(
          (m) => m.code,
        );
      expect(await codes({})).toEqual(["C-1", "C-2", "C-3", "C-4"]);
      expect(await codes({ status: "in_umsetzung" })).toEqual(["C-2"]);
      expect(await codes({ themenfeld: x.tf1.id })).toEqual(["C-1", "C-3", "C-4"]);
      expect(await codes({ handlungsfeld: x.hfA.id })).toEqual(["C-1", "C-3"]);
      expect(await codes({ lead: x.orgB.id })).toEqual(["C-2", "C-3"]);
      expect(await codes({ themenfeld: x.tf1.id, lead: x.orgA.id })).toEqual(["C-1", "C-4"]);
      // A Stadtbezirk takes the measures of its Stadtteile along.
      expect(await codes({ area: x.viertel.id })).toEqual(["C-1"]);
      expect(await codes({ area: x.bezirk.id })).toEqual(["C-1"]);
      // The finished measure's open milestone is not overdue; the running one's is.
      expect(await codes({ overdue: true })).toEqual(["C-2"]);
      expect(await codes({ q: "jobcenter" })).toEqual(["C-3"]);
      expect(await codes({ q: "sprach", status: "umgesetzt" })).toEqual(["C-4"]);
      expect(await codes({ q: "gibt es nicht" })).toEqual([]);
      // The URL form of the same filter, with a bad value ignored rather than failing.
      const sp = new URLSearchParams({
        themenfeld: x.tf1.id,
        federfuehrung: x.orgA.id,
        status: "kaputt",
        suche: "kurs",
      });
      expect(parseControllingFilter(sp)).toEqual({ ...none, themenfeld: x.tf1.id, lead: x.orgA.id, q: "kurs" });
    });
  });

  it("counts per status by Themenfeld and Handlungsfeld and names goals by number and text", async () => {
    await inAachen(async (tx) => {
      const x = await fixture(tx);
      const c = await controlling(tx, x.e.id, none, { publicOnly: false, today: TODAY });
      const counts = (r: { label: string; byStatus: Record<string, number>; total: number }) => [
        r.label,
        Object.fromEntries(Object.entries(r.byStatus).filter(([, n]) => n > 0)),
        r.total,
      ];
      expect(c.byThemenfeld.map(counts)).toEqual([
        ["1 Bildung", { vorgeschlagen: 1, beschlossen: 1, umgesetzt: 1 }, 3],
        ["2 Arbeit", { vorgeschlagen: 1, in_umsetzung: 1 }, 2],
      ]);
      const hf = new Map(c.byHandlungsfeld.map((r) => [r.id, counts(r)]));
      expect(hf.get(x.hfA.id)).toEqual([x.hfA.name, { vorgeschlagen: 1, beschlossen: 1 }, 2]);
      expect(hf.get(x.hfB.id)).toEqual([x.hfB.name, { vorgeschlagen: 1, in_umsetzung: 1 }, 2]);
      expect(counts(c.withoutHandlungsfeld)).toEqual(["", { umgesetzt: 1 }, 1]);
      expect(c.total.total).toBe(4);
      expect(c.overdueMilestones).toBe(1);
      const m3 = c.measures.find((m) => m.code === "C-3")!;
      expect(m3.goals).toEqual([
        { ref: "1/1.1", number: "1.1", title: "Kita-Sprachförderung ausbauen" },
        { ref: "2/1", number: "1", title: "Ausbildung sichern" },
      ]);
      expect(c.measures.find((m) => m.code === "C-1")!.areas).toEqual(["Testviertel"]);
      expect(c.leitziele.map((l) => `${l.themenfeld}/${l.number} ${l.title}`)).toEqual([
        "1/1 Sprache von Anfang an",
        "2/1 Ausbildung sichern",
      ]);
      // Filtered, the counts follow the filter.
      const f = await controlling(tx, x.e.id, { ...none, lead: x.orgB.id }, { publicOnly: false, today: TODAY });
      expect(f.byThemenfeld.map((r) => r.total)).toEqual([1, 2]);
      expect(f.leitziele).toHaveLength(2);
    });
  });
});
