import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { createTestDb } from "../../../../tests/support/db";
import { must } from "../../../../tests/support/errors";
import { docxText, hasPoppler, pdfContent, poppler } from "../../../../tests/support/documents";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withSystem, withTenant } from "~/kernel/db/context";
import { FIXTURE, parsePartnerTable, TABLE_LINES } from "./parse";
import { seedPartnerNetwork } from "./demo";
import {
  addModule,
  addPeriod,
  attachAgreementFile,
  createPartner,
  listPartners,
  partnerByName,
  reportForPeriod,
  reportView,
  reviewReport,
  saveAgreement,
  saveEntry,
  submitReport,
} from "./service";
import { stateReportData, stateReportDocument, stateReportFile } from "./state-report";

// The partner network's services over a real (PGlite) database: the demo's 28 partners from the
// committed fixture of seed 004:270–334, reports through draft → submitted → reviewed (locked), the
// counts, and the compiled state report read back from its DOCX XML and its PDF's text.

const table = parsePartnerTable(fs.readFileSync(FIXTURE, "utf8"), TABLE_LINES.first);
let db: Database;
let cleanup: () => Promise<void>;
const land = randomUUID();
const other = randomUUID();

const inLand = <T>(fn: (tx: Tx) => Promise<T>) =>
  withTenant(db, { tenantId: land, actor: { userId: null, label: "test@example.org" } }, fn);

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
  await withSystem(db, async (tx) => {
    await tx.execute(
      sql`INSERT INTO tenants (id, slug, name, kind, ags) VALUES (${land}, 'land-test', 'Land Test', 'land', '05')`,
    );
    await tx.execute(
      sql`INSERT INTO tenants (id, slug, name, kind, ags) VALUES (${other}, 'kommune-test', 'Kommune Test', 'kommune', '05334002')`,
    );
  });
  await inLand((tx) => seedPartnerNetwork(tx, table));
});
afterAll(async () => {
  await cleanup?.();
});

const ORDINALS = Array.from({ length: 28 }, (_, i) => i + 1);

describe("partners", () => {
  it("lists the 28 partners in ordinal order with join dates and whether the current report is in", async () => {
    const list = await inLand((tx) => listPartners(tx, "2018-09-30"));
    expect(list.map((p) => p.ordinal)).toEqual(ORDINALS);
    expect(list[11]).toMatchObject({ name: "Städtekooperation Integration. Interkommunal", joinedOn: "2013-07-09" });
    expect(list.filter((p) => p.reportIn).map((p) => p.ordinal)).toEqual([1, 26, 28]);
    // #2 has a draft: begun, not in.
    expect(list[1]).toMatchObject({ reportStatus: "draft", reportIn: false });
    // Before Rhein-Sieg's period began, its report is not the current one.
    const earlier = await inLand((tx) => listPartners(tx, "2018-09-01"));
    expect(earlier.filter((p) => p.reportIn).map((p) => p.ordinal)).toEqual([1, 26]);
  });

  it("finds a partner by a report heading's name (alias) and keeps another tenant out", async () => {
    const found = await inLand((tx) => partnerByName(tx, "Städtekooperation Integration.Interkommunal"));
    expect(found?.ordinal).toBe(12);
    expect((await inLand((tx) => partnerByName(tx, "Kreises Lippe")))?.ordinal).toBe(2);
    const foreign = await withTenant(db, { tenantId: other, actor: { userId: null, label: "x" } }, (tx) =>
      listPartners(tx, "2018-09-30"),
    );
    expect(foreign).toEqual([]);
  });

  it("refuses a second partner with a taken ordinal", async () => {
    const r = await inLand((tx) =>
      createPartner(tx, { ordinal: 3, name: "Doppelt", type: "sonstige", joinedOn: "2019-01-01" }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe("opening.partners.errors.ordinalTaken");
  });

  it("accepts only a PDF within the limit as the agreement's file", async () => {
    await inLand(async (tx) => {
      const [p] = await rows<{ id: string }>(tx, sql`SELECT id FROM opening_partners WHERE ordinal = 5`);
      const pdf = Buffer.from("%PDF-1.4\n%%EOF\n");
      const none = await attachAgreementFile(tx, p.id, { name: "v.pdf", type: "application/pdf", bytes: pdf }, 1000);
      expect(none.ok ? "" : none.error.code).toBe("opening.partners.errors.noAgreement");
      must(await saveAgreement(tx, { partnerId: p.id, declaration: "Erklärung", signatories: ["Landrätin"] }));
      const txt = await attachAgreementFile(
        tx,
        p.id,
        { name: "v.txt", type: "text/plain", bytes: Buffer.from("x") },
        1000,
      );
      expect(txt.ok ? "" : txt.error.code).toBe("opening.partners.errors.fileType");
      const big = await attachAgreementFile(tx, p.id, { name: "v.pdf", type: "application/pdf", bytes: pdf }, 5);
      expect(big.ok ? "" : big.error.code).toBe("opening.partners.errors.fileSize");
      must(await attachAgreementFile(tx, p.id, { name: "v.pdf", type: "application/pdf", bytes: pdf }, 1000));
    });
  });
});

describe("a partner's yearly report", () => {
  it("goes draft → submitted → reviewed, and a reviewed report is locked; every step is audited", async () => {
    await inLand(async (tx) => {
      const [p] = await rows<{ id: string }>(tx, sql`SELECT id FROM opening_partners WHERE ordinal = 7`);
      const mod = must(await addModule(tx, { partnerId: p.id, title: "Fortbildung", recurring: true })).id;
      const period = must(
        await addPeriod(tx, { partnerId: p.id, startsOn: "2018-01-01", endsOn: "2018-12-31", dueOn: "2019-01-31" }),
      ).id;
      const overlap = await addPeriod(tx, {
        partnerId: p.id,
        startsOn: "2018-06-01",
        endsOn: "2019-05-31",
        dueOn: "2019-06-30",
      });
      expect(overlap.ok ? "" : overlap.error.code).toBe("opening.partners.errors.periodOverlap");
      const report = must(await reportForPeriod(tx, period)).id;
      expect(must(await reportForPeriod(tx, period)).id).toBe(report);

      const empty = await submitReport(tx, report);
      expect(empty.ok ? "" : empty.error.code).toBe("opening.partners.errors.emptyReport");
      const early = await reviewReport(tx, report, "gut");
      expect(early.ok ? "" : early.error.code).toBe("opening.partners.errors.notSubmitted");

      // A module of another partner is refused.
      const [q] = await rows<{ id: string }>(tx, sql`SELECT id FROM opening_partners WHERE ordinal = 8`);
      const foreignModule = must(await addModule(tx, { partnerId: q.id, title: "Anderes" })).id;
      const wrong = await saveEntry(tx, { reportId: report, moduleId: foreignModule, progress: "x" });
      expect(wrong.ok ? "" : wrong.error.code).toBe("opening.partners.errors.moduleNotOfPartner");

      must(
        await saveEntry(tx, {
          reportId: report,
          moduleId: mod,
          progress: "Drei Schulungen",
          figures: [{ label: "Teilnehmende", value: "45" }],
          outlook: "2019 weiter",
        }),
      );
      must(await submitReport(tx, report));
      const noComment = await reviewReport(tx, report, "  ");
      expect(noComment.ok ? "" : noComment.error.code).toBe("opening.partners.errors.commentRequired");
      must(await reviewReport(tx, report, "Vollständig."));
      const locked = await saveEntry(tx, { reportId: report, moduleId: mod, progress: "geändert" });
      expect(locked.ok ? "" : locked.error.code).toBe("opening.partners.errors.locked");
      const again = await reviewReport(tx, report, "nochmal");
      expect(again.ok ? "" : again.error.code).toBe("opening.partners.errors.locked");

      const view = await reportView(tx, report);
      expect(view).toMatchObject({ status: "reviewed", reviewComment: "Vollständig." });
      expect(view!.modules[0].entry).toMatchObject({
        progress: "Drei Schulungen",
        figures: [{ label: "Teilnehmende", value: "45" }],
      });
      const audited = await rows<{ action: string; n: number }>(
        tx,
        sql`SELECT action, count(*)::int AS n FROM audit_log WHERE entity = 'opening_partner_report' AND entity_id = ${report}
            GROUP BY action ORDER BY action`,
      );
      expect(audited).toEqual([
        { action: "approve", n: 1 },
        { action: "create", n: 1 },
        { action: "status", n: 1 },
      ]);
      throw new Error("rollback");
    }).catch((e: Error) => {
      if (e.message !== "rollback") throw e;
    });
  });
});

describe("the compiled state report", () => {
  const inOrder = (text: string, needles: string[]) => {
    let at = -1;
    for (const n of needles) {
      const i = text.indexOf(n, at + 1);
      expect(i, `"${n}" after position ${at}`).toBeGreaterThan(at);
      at = i;
    }
  };
  const flat = (s: string) => s.replace(/\s+/g, " ");

  it("counts from the rows and marks the partners without a report", async () => {
    const d = await inLand((tx) => stateReportData(tx, "2018-09-30", "Land Test"));
    const model = stateReportDocument(d);
    const texts = model.blocks.map((b) => ("text" in b ? b.text : "")).join("\n");
    expect(texts).toContain("28 Partner. 3 Berichte liegen vor, 25 Berichte liegen nicht vor.");
    expect(model.blocks.filter((b) => b.kind === "heading" && b.level === 2)).toHaveLength(29);
  });

  it("lists all 28 partners in ordinal order with join dates, Stand 30.09.2018, one section each (DOCX XML)", async () => {
    const bytes = await inLand((tx) =>
      stateReportFile(tx, { asOf: "2018-09-30", tenantName: "Land Test", format: "docx" }),
    );
    const text = flat(await docxText(bytes));
    expect(text).toContain("Stand 30.09.2018");
    // The overview table: number, name, join date of each partner, in order.
    inOrder(
      text,
      table.partners.flatMap((p) => [p.name, p.joinedOn.split("-").reverse().join(".")]),
    );
    // Then one section per partner in the same order; #6 has no report.
    const sections = table.partners.map((p) => `${p.ordinal}. ${p.name}`);
    inOrder(text, sections);
    for (const s of sections) expect(text.split(s).length - 1, s).toBe(1);
    const six = text.slice(text.indexOf(sections[5]), text.indexOf(sections[6]));
    expect(six).toContain("Bericht liegt nicht vor");
    const one = text.slice(text.indexOf(sections[0]), text.indexOf(sections[1]));
    expect(one).toContain("Informationsveranstaltungen (wiederkehrend)");
    expect(one).not.toContain("Bericht liegt nicht vor");
  });

  it("says the same in the PDF's text", async () => {
    const bytes = await inLand((tx) =>
      stateReportFile(tx, { asOf: "2018-09-30", tenantName: "Land Test", format: "pdf" }),
    );
    const text = flat(hasPoppler ? poppler("pdftotext", bytes) : (await pdfContent(bytes)).text);
    expect(text).toContain("Stand 30.09.2018");
    expect(text).toContain("28 Partner. 3 Berichte liegen vor, 25 Berichte liegen nicht vor.");
    inOrder(
      text,
      table.partners.flatMap((p) => [String(p.ordinal), p.joinedOn.split("-").reverse().join(".")]),
    );
    const sections = table.partners.map((p) => `${p.ordinal}. ${p.name.split(" ")[0]}`);
    inOrder(text, sections);
    const six = text.slice(text.indexOf("6. Landesverband"), text.indexOf("7. Caritasverband"));
    expect(six).toContain("Bericht liegt nicht vor");
  });
});
