// Issue 14, items 4–6: statistical symbols read alike from CSV and XLSX, skipped rows listed by
// number, and a rollback that keeps what the remaining imports say.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { createTestDb } from "../../../tests/support/db";
import type { Database } from "~/kernel/db/client";
import { rows, withSystem, withTenant } from "~/kernel/db/context";
import { translateError } from "~/kernel/errors";
import { getT } from "~/kernel/i18n";
import { createTenant } from "~/kernel/tenancy/service";
import { CORE_SET } from "./catalogue";
import { createArea } from "./services/areas";
import { ensureIndicators, getIndicator } from "./services/indicators";
import { getImport, ObservationProfile, rollbackImport, runImport } from "./services/importer";
import { readCell } from "./services/tabular";
import { indicatorValues } from "./services/values";

let db: Database, cleanup: () => Promise<void>, tenantId: string, otherId: string;
const inT = <T>(fn: Parameters<typeof withTenant<T>>[2], id = tenantId) =>
  withTenant(db, { tenantId: id, actor: { userId: null, label: "Prüferin" } }, fn);
const enc = (s: string) => new TextEncoder().encode(s);

const profile = (over: Record<string, unknown> = {}) =>
  ObservationProfile.parse({
    kind: "observations",
    name: "symbole",
    layout: "long",
    area: { column: "Gebiet" },
    period: { column: "Jahr" },
    value: { column: "Anzahl" },
    indicator: "einwohner",
    ...over,
  });

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
  tenantId = (
    await withSystem(db, (tx) =>
      createTenant(tx, { slug: "symbolstadt", name: "Symbolstadt", kind: "kommune", ags: "05999011" }),
    )
  ).id;
  otherId = (
    await withSystem(db, (tx) =>
      createTenant(tx, { slug: "xlsxstadt", name: "Xlsxstadt", kind: "kommune", ags: "05999012" }),
    )
  ).id;
  for (const id of [tenantId, otherId])
    await inT(async (tx) => {
      await ensureIndicators(tx, CORE_SET);
      const s = await createArea(tx, { level: "stadt", key: "0", name: "Symbolstadt" });
      const b = await createArea(tx, { level: "stadtbezirk", key: "7", name: "Porz", parentId: s.id });
      await createArea(tx, { level: "stadtteil", key: "701", name: "Poll", parentId: b.id });
      await createArea(tx, { level: "stadtteil", key: "702", name: "Westhoven", parentId: b.id });
    }, id);
});
afterAll(() => cleanup());

// One value cell per year of area 701: every symbol of the Destatis "Zeichenerklärung", a value in
// brackets, a space and a no-break space between thousands, a negative with spaces, a decimal comma.
const CELLS: [string, string | number][] = [
  ["2001", "-"],
  ["2002", "."],
  ["2003", "x"],
  ["2004", "…"],
  ["2005", "..."],
  ["2006", "/"],
  ["2007", "(12,3)"],
  ["2008", "1 675"],
  ["2009", "1\u00a0675"],
  ["2010", "-  23"],
  ["2011", "12,5"],
];
const EXPECTED = [
  ["2001", 0, "value", null],
  ["2002", null, "secret", "."],
  ["2003", null, "not_applicable", "x"],
  ["2004", null, "not_yet_available", "…"],
  ["2005", null, "not_yet_available", "…"],
  ["2006", null, "unreliable", "/"],
  ["2007", 12.3, "limited", "()"],
  ["2008", 1675, "value", null],
  ["2009", 1675, "value", null],
  ["2010", -23, "value", null],
  ["2011", 12.5, "value", null],
];

describe("statistical symbols (Destatis/GENESIS)", () => {
  it("reads each symbol and number form in one function", () => {
    expect(readCell("-", ",")).toEqual({ kind: "value", value: 0, symbol: null });
    expect(readCell(" . ", ",")).toEqual({ kind: "symbol", symbol: "." });
    expect(readCell("...", ",")).toEqual({ kind: "symbol", symbol: "…" });
    expect(readCell("(12,3)", ",")).toEqual({ kind: "value", value: 12.3, symbol: "()" });
    expect(readCell("1\u202f675", ",")).toEqual({ kind: "value", value: 1675, symbol: null });
    expect(readCell("-  23", ",")).toEqual({ kind: "value", value: -23, symbol: null });
    // XLSX: a numeric cell arrives as a JavaScript number, a text cell as typed (German).
    expect(readCell("12.3", ".", "xlsx")).toEqual({ kind: "value", value: 12.3, symbol: null });
    expect(readCell("(12,3)", ".", "xlsx")).toEqual({ kind: "value", value: 12.3, symbol: "()" });
    expect(readCell("zwölf", ",")).toEqual({ kind: "invalid" });
    expect(readCell("  ", ",")).toEqual({ kind: "empty" });
  });

  it("CSV and XLSX of the same table give identical values and states; '-' is 0, '.' secret", async () => {
    const csv = `Gebiet;Jahr;Anzahl\n${CELLS.map(([y, v]) => `701;${y};${v}`).join("\n")}\n`;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Tabelle");
    ws.addRow(["Gebiet", "Jahr", "Anzahl"]);
    // Text cells as an office types them; the plain decimal as a numeric cell.
    for (const [y, v] of CELLS) ws.addRow(["701", Number(y), v === "12,5" ? 12.5 : v]);
    const xlsx = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);

    const a = await runImport((fn) => inT(fn, tenantId), {
      bytes: enc(csv),
      fileName: "symbole.csv",
      profile: profile(),
      dryRun: false,
    });
    const b = await runImport((fn) => inT(fn, otherId), {
      bytes: xlsx,
      fileName: "symbole.xlsx",
      profile: profile(),
      dryRun: false,
    });
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    expect(a).toMatchObject({ committed: true, inserted: CELLS.length, skipped: 0 });
    expect(b).toMatchObject({ committed: true, inserted: CELLS.length, skipped: 0 });
    const served = (id: string) =>
      inT(async (tx) => {
        const cells = await indicatorValues(tx, (await getIndicator(tx, "einwohner"))!, {}, { reveal: false });
        return cells.map((c) => [c.period, c.value, c.state, c.symbol]);
      }, id);
    const fromCsv = await served(tenantId);
    expect(fromCsv).toEqual(EXPECTED);
    expect(await served(otherId)).toEqual(fromCsv);
    // A secret cell of the source is not our suppression.
    expect(fromCsv.find((c) => c[0] === "2002")).not.toContain("suppressed");
  });
});

describe("skipped rows are never silent", () => {
  it("lists every skipped row by number and reason in the dry run, the report and the import's record", async () => {
    const csv = "Gebiet;Jahr;Anzahl\n701;2020;10\n999;2020;11\n702;2020;\n0;2020;30\n";
    const p = profile({ name: "ueberspringen", unmatchedAreas: "skip", emptyValues: "skip" });
    const expected = [
      { line: 3, code: "monitoring.importErrors.skippedArea", params: { area: "999" } },
      { line: 4, code: "monitoring.importErrors.skippedEmpty", params: { indicator: "einwohner" } },
    ];
    const dry = await runImport(inT, { bytes: enc(csv), fileName: "skip.csv", profile: p, dryRun: true });
    expect(dry).toMatchObject({ committed: false, skipped: 2, observations: 2, skippedRows: expected });
    expect(translateError(getT("de"), dry.skippedRows[0])).toBe("übersprungen: das Gebiet „999“ ist nicht zugeordnet");
    const done = await runImport(inT, { bytes: enc(csv), fileName: "skip.csv", profile: p, dryRun: false });
    expect(done).toMatchObject({ committed: true, skipped: 2, skippedRows: expected });
    const rec = await inT((tx) => getImport(tx, done.importId!));
    expect(rec).toMatchObject({ skipped: 2, skippedRows: expected });
    // Refused when the caller does not accept skipped rows (the CLI without --accept-skipped).
    const refused = await runImport(inT, {
      bytes: enc(csv.replace("30", "31")),
      fileName: "skip2.csv",
      profile: p,
      dryRun: false,
      refuseSkipped: true,
    });
    expect(refused).toMatchObject({ committed: false, refusedSkipped: true, skipped: 2, importId: null });
  });
});

describe("rollback keeps history", () => {
  const file = (lines: string[]) => enc(`Gebiet;Jahr;Anzahl\n${lines.join("\n")}\n`);
  const F1 = file(["701;2040;100", "702;2040;200", "701;2041;300"]);
  const F2 = file(["701;2040;100", "702;2040;210"]);
  const F3 = file(["701;2041;300", "702;2041;50", "702;2040;210"]);
  const p = profile({ name: "geschichte" });
  const imp = (bytes: Uint8Array, name: string) =>
    runImport((fn) => inT(fn, otherId), { bytes, fileName: name, profile: p, dryRun: false });
  const current = () =>
    inT(
      (tx) =>
        rows<{ k: string; v: number; imp: string }>(
          tx,
          sql`SELECT a.key || '/' || o.period AS k, o.value AS v, i.file_name AS imp FROM mon_observations o
            JOIN mon_areas a ON a.id = o.area_id JOIN mon_imports i ON i.id = o.import_id
            WHERE o.period IN ('2040', '2041') ORDER BY 1`,
        ),
      otherId,
    );

  it("three overlapping imports, the first rolled back: every value is what the remaining imports say", async () => {
    const r1 = await imp(F1, "f1.csv");
    const r2 = await imp(F2, "f2.csv");
    const r3 = await imp(F3, "f3.csv");
    expect([r1, r2, r3].map((r) => r.committed)).toEqual([true, true, true]);
    expect(r2).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    const rb = await inT((tx) => rollbackImport(tx, r1.importId!), otherId);
    expect(rb).toEqual({ ok: true, deleted: 0, restored: 0, kept: 3 });
    // Applying F2 and then F3 gives exactly this; each value now belongs to the import that says it.
    expect(await current()).toEqual([
      { k: "701/2040", v: 100, imp: "f2.csv" },
      { k: "701/2041", v: 300, imp: "f3.csv" },
      { k: "702/2040", v: 210, imp: "f3.csv" },
      { k: "702/2041", v: 50, imp: "f3.csv" },
    ]);
    const rec = await inT((tx) => getImport(tx, r1.importId!), otherId);
    expect(rec).toMatchObject({ rolledBackByLabel: "Prüferin" });
    expect(rec!.rolledBackAt).not.toBeNull();

    // The rolled-back file can be imported again; it is then the latest word on its values.
    const again = await imp(F1, "f1.csv");
    expect(again).toMatchObject({ committed: true, alreadyImported: null, updated: 1 });
    expect((await current()).map((c) => [c.k, c.v])).toEqual([
      ["701/2040", 100],
      ["701/2041", 300],
      ["702/2040", 200],
      ["702/2041", 50],
    ]);
    // Rolling back F3 now: 702/2041 only F3 said (removed), the others F1's re-import says (kept).
    expect(await inT((tx) => rollbackImport(tx, r3.importId!), otherId)).toEqual({
      ok: true,
      deleted: 1,
      restored: 0,
      kept: 2,
    });
    // (701/2040 stays F2's: F1's re-import found it unchanged.)
    expect(await current()).toEqual([
      { k: "701/2040", v: 100, imp: "f2.csv" },
      { k: "701/2041", v: 300, imp: "f1.csv" },
      { k: "702/2040", v: 200, imp: "f1.csv" },
    ]);
    // F1's re-import rolled back: F2 is all that remains.
    await inT((tx) => rollbackImport(tx, again.importId!), otherId);
    expect((await current()).map((c) => [c.k, c.v, c.imp])).toEqual([
      ["701/2040", 100, "f2.csv"],
      ["702/2040", 210, "f2.csv"],
    ]);
  });
});
