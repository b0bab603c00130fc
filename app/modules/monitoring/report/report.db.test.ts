import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, tenantIds } from "../../../../tests/support/db";
import { must } from "../../../../tests/support/errors";
import { docxPictures, docxText, hasPoppler, pdfContent, poppler } from "../../../../tests/support/documents";
import type { Database, Tx } from "~/kernel/db/client";
import { withTenant } from "~/kernel/db/context";
import { sharedData } from "~/kernel/config";
import { listAreas } from "../services/areas";
import { getIndicator } from "../services/indicators";
import { indicatorValues } from "../services/values";
import { ObservationProfile, runImport } from "../services/importer";
import { classBreaks, classOf, NO_DATA_COLOR, PALETTE } from "~/kernel/ui/classes";
import { makeMonitoringReport, reportChoices, type MonitoringReportInput } from "./service";
import { monitoringReportData } from "./data";

// The monitoring report per period on the Köln demo (real data 2005–2012): every chosen indicator
// and every Stadtteil in the PDF's text, a tagged Figure with Alt text for each map, fonts embedded,
// the table values in the DOCX; and for 2013, a year imported here, the disclosure states – a count
// under the threshold and the sibling hidden to protect it are "•" and their numbers appear nowhere,
// an estimate is "(S)" with its footnote, an empty value "nicht erhoben", an absent one "keine Daten".
const haveData = !!sharedData("koeln");
let db: Database, cleanup: () => Promise<void>, koeln: string;
const inT = <T>(fn: (tx: Tx) => Promise<T>) =>
  withTenant(db, { tenantId: koeln, actor: { userId: null, label: "Test Integrationsbüro" } }, fn);
const make = async (input: MonitoringReportInput) =>
  must(await inT((tx) => makeMonitoringReport(tx, input, { tenantName: "Stadt Köln" }))).bytes;

const squash = (s: string) => s.replace(/\s+/g, " ");
const de = (v: number) => new Intl.NumberFormat("de-DE", { maximumFractionDigits: 0 }).format(v);

// 2013, imported here: Stadtbezirk 6 and its Stadtteile (their sum is its total). The first Stadtteil
// has 2 inhabitants (under the threshold of 3); the second, 4711, is the smallest of the others and
// so hidden to protect the first from being computed back. In Stadtbezirk 1, the first Stadtteil is
// an estimate with a footnote and the second was not collected.
const SMALL = 2;
const SIBLING = 4711;
const ESTIMATE = 5555;
const FOOTNOTE = "Fortgeschrieben aus dem Melderegister (Test)";
let hidden: { key: string; name: string }[] = [];
let estimated: { key: string; name: string }, notCollected: { key: string; name: string };

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true, modules: true }));
  ({ koeln } = await tenantIds(db));
  if (!haveData) return;
  const teile = await inT((tx) => listAreas(tx, "stadtteil"));
  const bezirk = (k: string) => teile.filter((a) => a.key.startsWith(k) && a.key.length === 3);
  const six = bezirk("6");
  const one = bezirk("1");
  hidden = six.slice(0, 2);
  [estimated, notCollected] = one;
  const values = six.map((a, i) => (i === 0 ? SMALL : i === 1 ? SIBLING : 8000 + 100 * i));
  const lines = [
    "Gebiet;Jahr;Anzahl;S;Fn",
    `6;2013;${values.reduce((a, b) => a + b, 0)};;`,
    ...six.map((a, i) => `${a.key};2013;${values[i]};;`),
    `${estimated.key};2013;${ESTIMATE};s;${FOOTNOTE}`,
    `${notCollected.key};2013;;;`,
  ];
  const r = await runImport(inT, {
    bytes: new TextEncoder().encode(lines.join("\n")),
    fileName: "einwohner-2013.csv",
    profile: ObservationProfile.parse({
      kind: "observations",
      name: "einwohner-2013",
      layout: "long",
      format: {},
      area: { column: "Gebiet" },
      period: { column: "Jahr" },
      value: { column: "Anzahl" },
      indicator: "einwohner",
      group: { fixed: "gesamt" },
      columns: { estimate: "S", footnote: "Fn" },
      emptyValues: "not_collected",
    }),
    dryRun: false,
  });
  expect(r.committed, JSON.stringify(r.errors)).toBe(true);
});
afterAll(() => cleanup());

describe.runIf(haveData)("the monitoring report per period", () => {
  it("offers the years with values and preselects the public indicators with data that year", async () => {
    const c = await inT((tx) => reportChoices(tx, "2012"));
    expect(c.years.slice(0, 2)).toEqual(["2013", "2012"]);
    expect(c.level).toBe("stadtteil");
    expect(c.defaults).toContain("einwohner");
    expect(c.defaults).toContain("mh_anteil");
    // Only public ones, only with data.
    const byCode = new Map(c.indicators.map((i) => [i.code, i]));
    for (const code of c.defaults) expect(byCode.get(code)).toMatchObject({ isPublic: true, hasData: true });
    expect(c.indicators.some((i) => !c.defaults.includes(i.code) && !i.hasData)).toBe(true);
  });

  it("names every chosen indicator and Stadtteil in the PDF, tags each map as a Figure and embeds its fonts; the DOCX has the table values", async () => {
    const choices = await inT((tx) => reportChoices(tx, "2012"));
    const names = choices.indicators.filter((i) => choices.defaults.includes(i.code)).map((i) => i.name);
    const pdf = await make({ year: "2012", format: "pdf" });
    const c = await pdfContent(pdf);
    expect(c.marked).toBe(true);
    expect(c.lang).toBe("de-DE");
    for (const role of ["H1", "H2", "H3", "P", "L", "LI", "Table", "TR", "TH", "TD", "Figure"])
      expect(c.roles, role).toContain(role);
    const text = squash(c.text);
    for (const n of names) expect(text, n).toContain(n);
    const teile = await inT((tx) => listAreas(tx, "stadtteil"));
    expect(teile.length).toBeGreaterThan(80);
    for (const a of teile) expect(text, a.name).toContain(a.name);
    // One map per indicator (all have Köln data in 2012), each a Figure with an Alt text.
    const maps = c.alts.filter((a) => a.startsWith("Karte "));
    expect(maps).toHaveLength(names.length);
    expect(maps[0]).toMatch(/nach Stadtteil, 2012\. Klasse 1 \(.+\): \d+ Gebiete?\./);
    if (hasPoppler) {
      const fonts = poppler("pdffonts", pdf).trim().split("\n").slice(2);
      expect(fonts.length).toBeGreaterThan(0);
      for (const f of fonts) expect(f).toMatch(/DejaVuSans.* yes +yes +yes /);
    }

    // The DOCX's table holds the same values as indicatorValues (published only) for each Stadtteil.
    const docx = await docxText(await make({ year: "2012", format: "docx", codes: ["einwohner"] }));
    const cells = await inT(async (tx) =>
      indicatorValues(
        tx,
        (await getIndicator(tx, "einwohner"))!,
        { level: "stadtteil", group: "gesamt", from: "2012", to: "2012" },
        { reveal: false },
      ),
    );
    expect(cells.length).toBe(teile.length);
    for (const cell of cells)
      expect(docx, cell.areaName).toContain(
        `\n${cell.areaKey}\n${cell.areaName}\n${cell.value === null ? "•" : de(cell.value)}\n`,
      );
    for (const s of [
      "Monitoringbericht 2012",
      "Stadt Köln",
      "Einwohner",
      "Legende (Personen)",
      "Datenquelle: Stadt Köln, CC BY",
    ])
      expect(docx).toContain(s);
  });

  it("prints a suppressed cell as • in PDF and DOCX, and its number nowhere; estimates, footnotes and missing values in words", async () => {
    const input = { year: "2013", codes: ["einwohner"] };
    const docx = await docxText(await make({ ...input, format: "docx" }));
    const pdf = await make({ ...input, format: "pdf" });
    const c = await pdfContent(pdf);
    const text = squash(c.text);
    for (const a of hidden) {
      expect(docx).toContain(`\n${a.key}\n${a.name}\n•\n`);
      expect(text).toContain(`${a.key} ${a.name} •`);
    }
    expect(docx).toContain(`\n${estimated.key}\n${estimated.name}\n${de(ESTIMATE)} (S)\n[1]\n`);
    expect(text).toContain(`${estimated.key} ${estimated.name} ${de(ESTIMATE)} (S) [1]`);
    expect(docx).toContain(`[1] ${FOOTNOTE}`);
    expect(text).toContain(`[1] ${FOOTNOTE}`);
    expect(docx).toContain(`\n${notCollected.key}\n${notCollected.name}\nnicht erhoben\n`);
    expect(text).toContain(`${notCollected.key} ${notCollected.name} nicht erhoben`);
    // Stadtteile of other Stadtbezirke have no 2013 value at all.
    expect(docx).toMatch(/\n\d{3}\n[^\n]+\nkeine Daten\n/);
    // Neither number is anywhere: not in the tables, the legend, the Alt texts or the PDF's text.
    const plain = hasPoppler ? squash(poppler("pdftotext", pdf, { layout: true })) : "";
    const sibling = new RegExp(`(^|[^\\d.,])(${SIBLING}|${de(SIBLING).replace(".", "\\.")})([^\\d.,]|$)`);
    expect(docx).not.toMatch(sibling);
    expect(text).not.toMatch(sibling);
    expect(plain).not.toMatch(sibling);
    for (const alt of c.alts) expect(alt).not.toMatch(sibling);
    // The small count is no distinctive number, but its row says only "•" (above), and no Alt text lists values per area.
    for (const alt of c.alts) for (const a of hidden) expect(alt).not.toContain(a.name);
    const map = c.alts.find((a) => a.startsWith("Karte "))!;
    expect(map).toMatch(/Ohne veröffentlichten Wert: \d+ Gebiete\./);
  });

  it("colours the map by the web map's classes of the published values; a suppressed area is grey", async () => {
    const d = await inT((tx) =>
      monitoringReportData(tx, { tenantName: "Stadt Köln", year: "2013", codes: ["einwohner"], level: "stadtteil" }),
    );
    const [ind] = d.indicators;
    const published = ind.rows.flatMap((r) => (r.cell?.value != null ? [r.cell.value] : []));
    expect(published.length).toBeGreaterThan(5);
    const breaks = classBreaks(published, 5, "quantile");
    expect(ind.breaks).toEqual(breaks);
    for (const r of ind.rows)
      expect(r.color, r.name).toBe(r.cell?.value != null ? PALETTE[classOf(r.cell.value, breaks)] : NO_DATA_COLOR);
    for (const a of hidden) {
      const row = ind.rows.find((r) => r.key === a.key)!;
      expect(row.cell).toMatchObject({ value: null, suppressed: true, state: "suppressed" });
      expect(row.color).toBe(NO_DATA_COLOR);
    }
    // No break is the hidden sibling's number: the breaks come from published values only.
    expect(ind.breaks).not.toContain(SIBLING);
    expect(ind.min).not.toBe(SIBLING);
  });

  it("draws each map in the DOCX as an SVG with a PNG for Word without SVG, in the classes' colours, with its Alt text", async () => {
    const codes = ["einwohner", "mh_anteil"];
    const pictures = await docxPictures(await make({ year: "2012", format: "docx", codes }));
    const d = await inT((tx) =>
      monitoringReportData(tx, { tenantName: "Stadt Köln", year: "2012", codes, level: "stadtteil" }),
    );
    expect(pictures.descriptions).toHaveLength(codes.length);
    for (const alt of pictures.descriptions) expect(alt).toMatch(/^Karte .+ nach Stadtteil, 2012\. Klasse 1 \(/);
    expect(pictures.svgs).toHaveLength(codes.length);
    expect(pictures.pngs).toHaveLength(codes.length);
    // One path per area, filled as the report's data colours it (the same multiset of colours).
    const fills = (svg: string) =>
      [...svg.matchAll(/<path d="M[^"]+" fill="(#[0-9a-fA-F]{6})"\/>/g)].map((m) => m[1]).sort();
    const colours = d.indicators.map((ind) => ind.rows.map((r) => r.color).sort());
    expect(pictures.svgs.map(fills).sort()).toEqual(colours.sort());
    // The PNG is the SVG at twice its size (about 190 dpi at the printed width).
    const size = (svg: string) => /width="(\d+)" height="(\d+)"/.exec(svg)!.slice(1).map(Number);
    for (const [i, svg] of pictures.svgs.entries()) {
      const [w, h] = size(svg);
      expect(pictures.pngs[i]).toEqual({ width: 2 * w, height: 2 * h });
    }
  });

  it("refuses a year without values, an unknown indicator and a level without areas", async () => {
    const r = (input: MonitoringReportInput) =>
      inT((tx) => makeMonitoringReport(tx, input, { tenantName: "Stadt Köln" }));
    expect(await r({ year: "1999", format: "pdf" })).toMatchObject({ ok: false, field: "year" });
    expect(await r({ year: "2012", format: "pdf", codes: ["gibtsnicht"] })).toMatchObject({
      ok: false,
      field: "codes",
    });
    expect(await r({ year: "2012", format: "pdf", level: "quartier" })).toMatchObject({ ok: false, field: "level" });
  });
});
