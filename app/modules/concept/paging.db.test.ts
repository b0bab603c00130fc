import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../../tests/support/db";
import { withSystem, withTenant } from "~/kernel/db/context";
import { getTenantBySlug } from "~/kernel/tenancy/service";
import type { Database } from "~/kernel/db/client";
import { addDays } from "~/kernel/dates";
import { MEASURE_STATUSES } from "./constants";
import { getAdoptedEdition, loadGoals } from "./services/concept";
import { countMeasures, listMeasures, STALE_AFTER_DAYS, type MeasureFilter } from "./services/measures";
import { conceptTree, conceptTreePage, dashboard, type TreeNode, type TreePageNode } from "./services/views";

let db: Database;
let cleanup: () => Promise<void>;
let tenantId: string;
const asEditor = <T>(fn: Parameters<typeof withTenant<T>>[2]) =>
  withTenant(db, { tenantId, actor: { userId: null, label: "test@example.org" } }, fn);
// Far enough ahead that the demo's milestones are overdue and its reports stale.
const LATER = "2031-06-30";

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true, modules: true }));
  tenantId = (await withSystem(db, (tx) => getTenantBySlug(tx, "aachen")))!.id;
});
afterAll(() => cleanup());

/** The tree as lines in document order: each goal, then its measures, then its sub-goals. */
const linesOf = (n: TreeNode): string[] => [
  `goal ${n.id}`,
  ...n.measures.map((m) => `measure ${n.id} ${m.id}`),
  ...n.children.flatMap(linesOf),
];
/** The same for one page: a goal repeated from an earlier page is a heading, not a line. */
const pageLinesOf = (n: TreePageNode): string[] => [
  ...(n.continued ? [] : [`goal ${n.id}`]),
  ...n.measures.map((m) => `measure ${n.id} ${m.id}`),
  ...n.children.flatMap(pageLinesOf),
];

describe("goal tree in pages", () => {
  it.each([10, 37])("read page by page (%i lines each) gives the whole tree once, in order", async (size) => {
    const { whole, pages } = await asEditor(async (tx) => {
      const e = (await getAdoptedEdition(tx))!;
      const whole = (await conceptTree(tx, e.id)).roots.flatMap(linesOf);
      const first = await conceptTreePage(tx, e.id, new URLSearchParams(), size);
      const pages = [first];
      for (let p = 2; p <= first.pages; p++)
        pages.push(await conceptTreePage(tx, e.id, new URLSearchParams({ seite: String(p) }), size));
      return { whole, pages };
    });
    expect(pages.length).toBe(Math.ceil(whole.length / size));
    expect(pages.length).toBeGreaterThan(2);
    for (const p of pages) expect(p.roots.flatMap(pageLinesOf).length).toBeLessThanOrEqual(size);
    expect(pages.flatMap((p) => p.roots.flatMap(pageLinesOf))).toEqual(whole);
    // A page that starts inside a Themenfeld names the Themenfeld it continues.
    const later = pages.slice(1).filter((p) => p.roots[0].continued);
    expect(later.length).toBeGreaterThan(0);
    for (const p of later) expect(p.roots[0].kind).toBe("themenfeld");
  });

  it("shows the last page for a page number past the end", async () => {
    const p = await asEditor(async (tx) =>
      conceptTreePage(tx, (await getAdoptedEdition(tx))!.id, new URLSearchParams({ seite: "999" }), 40),
    );
    expect(p.page).toBe(p.pages);
    expect(p.roots.length).toBeGreaterThan(0);
  });
});

describe("measure list in SQL", () => {
  it("filters by Themenfeld, overdue and stale as the whole list does, and pages it", async () => {
    await asEditor(async (tx) => {
      const e = (await getAdoptedEdition(tx))!;
      const base: MeasureFilter = { editionId: e.id, today: LATER };
      const all = await listMeasures(tx, base);
      const ids = (xs: { id: string }[]) => xs.map((x) => x.id);
      const tfs = (await loadGoals(tx, e.id)).filter((g) => g.kind === "themenfeld");
      for (const tf of tfs) {
        const want = all.filter((m) => m.themenfeldIds.includes(tf.id));
        expect(want.length).toBeGreaterThan(0);
        expect(ids(await listMeasures(tx, { ...base, themenfeldId: tf.id }))).toEqual(ids(want));
        expect(await countMeasures(tx, { ...base, themenfeldId: tf.id })).toBe(want.length);
      }
      const overdue = all.filter((m) => m.overdueMilestones > 0);
      expect(overdue.length).toBeGreaterThan(0);
      expect(ids(await listMeasures(tx, { ...base, overdue: true }))).toEqual(ids(overdue));
      const cut = addDays(LATER, -STALE_AFTER_DAYS);
      const stale = all.filter(
        (m) => ["beschlossen", "in_umsetzung"].includes(m.status) && (!m.lastUpdate || m.lastUpdate < cut),
      );
      expect(stale.length).toBeGreaterThan(0);
      expect(ids(await listMeasures(tx, { ...base, stale: true }))).toEqual(ids(stale));
      // A page is the same slice of the same order, with the same details.
      expect(await listMeasures(tx, base, { limit: 10, offset: 10 })).toEqual(all.slice(10, 20));
      expect(await countMeasures(tx, base)).toBe(all.length);
    });
  });

  it("dashboard counts from SQL match the measure list", async () => {
    await asEditor(async (tx) => {
      const e = (await getAdoptedEdition(tx))!;
      const all = await listMeasures(tx, { editionId: e.id, today: LATER });
      const d = await dashboard(tx, e, LATER);
      expect(d.total).toBe(all.length);
      for (const row of d.byTf)
        for (const s of MEASURE_STATUSES)
          expect(row.byStatus[s], `${row.number} ${s}`).toBe(
            all.filter((m) => m.themenfeldIds.includes(row.id) && m.status === s).length,
          );
      expect(d.byTf.some((r) => Object.values(r.byStatus).some((n) => n > 0))).toBe(true);
      expect(d.overdueCount).toBe(all.reduce((s, m) => s + m.overdueMilestones, 0));
      expect(d.overdue.length).toBe(Math.min(20, d.overdueCount));
      expect(d.staleCount).toBe(await countMeasures(tx, { editionId: e.id, today: LATER, stale: true }));
      expect(d.staleCount).toBeGreaterThan(0);
    });
  });
});
