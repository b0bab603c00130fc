import { importStadtteilCounts } from "../../../tests/support/stadtteil-import";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb, tenantIds } from "../../../tests/support/db";
import { messageOf, must } from "../../../tests/support/errors";
import { docxText, hasPoppler, pdfContent, poppler } from "../../../tests/support/documents";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withTenant } from "~/kernel/db/context";
import { sharedData } from "~/kernel/config";
import { KOELN_EXAMPLE } from "~/modules/concept";
import { councilReportFile, createCouncilReport, listCouncilReports, ReportInput } from "./report/service";
import { rtlRuns } from "./report/pdf";

// The report to the council on the Köln demo (real monitoring data, example concept): a new Vorlage
// with its own number, date and Beratungsfolge; DOCX and tagged PDF name every Leitziel with its
// status and print a Turkish, a Cyrillic and an Arabic name as stored; the PDF has a structure tree
// and embedded fonts; a new import changes the next report while the stored one stays as it was.
const haveData = !!sharedData("koeln");
let db: Database, cleanup: () => Promise<void>, koeln: string;
const inT = <T>(fn: (tx: Tx) => Promise<T>) =>
  withTenant(db, { tenantId: koeln, actor: { userId: null, label: "Test Integrationsbüro" } }, fn);

const TURKISH = "Gülşen Yıldırım";
const CYRILLIC = "Ольга Петрова";
const ARABIC = "أمل حداد";
const base: ReportInput = {
  from: "2010-01-01",
  to: "2026-12-31",
  number: "4711/2026",
  date: "2026-12-01",
  leadOffice: "Amt für Integration und Vielfalt (Beispiel)",
  kind: "kenntnisnahme",
  steps: [
    { bodyName: "Integrationsrat", meetsOn: "2027-01-12", competence: "kenntnisnahme" },
    { bodyName: "Rat der Stadt Köln", meetsOn: "2027-02-02", competence: "kenntnisnahme" },
  ],
};

/** Leitziel → the status line that follows its heading ("Leitziel 1: … Stand: auf Kurs"). */
const leitzielStatus = (text: string, title: string) =>
  new RegExp(`Leitziel \\d+: ${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\nStand: ([^\\n]+)`).exec(text)?.[1];

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true, modules: true }));
  ({ koeln } = await tenantIds(db));
  // A partner report by a Turkish name and one by an Arabic name, and a participation process whose
  // contact has a Cyrillic name: stored as people typed them, all inside the period.
  await inT(async (tx) => {
    const [m] = await rows<{ id: string; org: string }>(
      tx,
      sql`SELECT m.id, mo.organisation_id AS org FROM concept_measures m
          JOIN concept_measure_organisations mo ON mo.measure_id = m.id
          JOIN concept_editions e ON e.id = m.edition_id AND e.status = 'beschlossen'
          ORDER BY m.position LIMIT 1`,
    );
    for (const [who, day] of [
      [TURKISH, "2012-05-04"],
      [ARABIC, "2012-06-01"],
    ])
      await tx.execute(sql`INSERT INTO concept_updates (tenant_id, measure_id, reported_on, body, status, author_label, organisation_id, reviewed_by)
        VALUES (app_tenant_id(), ${m.id}, ${day}, ${`Bericht von ${who}: die Abende waren gut besucht.`}, 'veroeffentlicht', ${who}, ${m.org}, 'Redaktion')`);
    const [p] = await rows<{ id: string }>(
      tx,
      sql`INSERT INTO participation_processes (tenant_id, kind, title, status, contact_name, contact_address, decision_scope,
            deciding_body_name, answer_due_on, results, published_at)
          VALUES (app_tenant_id(), 'fachforum', 'Fachforum Einbürgerung (Test)', 'published', ${CYRILLIC}, 'integration@example.org',
            'Vorschläge für die Werbung', 'Integrationsrat', '2012-12-31', 'Mehr Abende in Chorweiler.', now())
          RETURNING id`,
    );
    await tx.execute(sql`INSERT INTO participation_phases (tenant_id, process_id, position, name, starts_on, ends_on)
      VALUES (app_tenant_id(), ${p.id}, 1, 'Forum', '2012-03-01', '2012-03-01')`);
    await tx.execute(sql`INSERT INTO participation_cards (tenant_id, process_id, seq, kind, body, outcome, outcome_reason)
      VALUES (app_tenant_id(), ${p.id}, 1, 'proposal', 'Abende auch samstags', 'uebernommen', 'Ab 2013 im Programm')`);
  });
});
afterAll(() => cleanup());

describe.runIf(haveData)("the report to the council", () => {
  it("is a new Vorlage whose DOCX and PDF show its number, date, every Leitziel with its status and names intact", async () => {
    const made = must(await inT((tx) => createCouncilReport(tx, base, { tenantName: "Stadt Köln" })));
    // The Vorlage is bodies': its own number, date and Beratungsfolge.
    const [paper] = await inT((tx) =>
      rows<{ number: string; submitted_on: string; steps: number }>(
        tx,
        sql`SELECT number, submitted_on::text, (SELECT count(*)::int FROM body_consultations c WHERE c.paper_id = p.id) AS steps
            FROM body_papers p WHERE id = ${made.paperId}`,
      ),
    );
    expect(paper).toEqual({ number: "4711/2026", submitted_on: "2026-12-01", steps: 2 });
    const [head] = await inT((tx) => listCouncilReports(tx));
    expect(head).toMatchObject({ id: made.id, number: "4711/2026", from: "2010-01-01", to: "2026-12-31" });
    expect(head.leitziele).toEqual({ "1/1": "at_risk", "1/2": "off_track", "2/1": "achieved", "2/2": "off_track" });

    const docx = (await inT((tx) => councilReportFile(tx, made.id, "docx")))!.bytes;
    const text = await docxText(docx);
    for (const s of ["4711/2026", "01.12.2026", "Integrationsrat", "12.01.2027", "Rat der Stadt Köln", "Betreff"])
      expect(text).toContain(s);
    const leitziele = KOELN_EXAMPLE.themenfelder.flatMap((tf) => tf.leitziele);
    const expected = ["gefährdet", "nicht auf Kurs", "erreicht", "nicht auf Kurs"];
    expect(leitziele.map((l) => leitzielStatus(text, l.title))).toEqual(expected);
    for (const s of [TURKISH, CYRILLIC, ARABIC, "Kölner Flüchtlingsrat e.V.", "Abende auch samstags"])
      expect(text).toContain(s);
    // Measures: the status summary, ended ones with the reason recorded at the change.
    expect(text).toContain("2. Stand der Maßnahmen");
    expect(text).toContain("verworfen");

    const pdf = (await inT((tx) => councilReportFile(tx, made.id, "pdf")))!.bytes;
    const structure = await pdfContent(pdf);
    expect(structure.marked).toBe(true);
    expect(structure.lang).toBe("de-DE");
    for (const role of ["H1", "H2", "H3", "H4", "P", "L", "LI", "LBody", "Table", "TR", "TH", "TD", "Figure"])
      expect(structure.roles, role).toContain(role);
    const alts = structure.alts.filter((a) => a);
    expect(alts.length).toBeGreaterThan(0);
    expect(alts[0]).toMatch(/^Liniendiagramm .*2010 .*Ziel/);

    if (!hasPoppler) return;
    const raw = poppler("pdftotext", pdf);
    const plain = raw.replace(/\s+/g, " ");
    // Poppler puts the Arabic name back into reading order, so it comes out as stored.
    for (const s of ["4711/2026", "01.12.2026", TURKISH, CYRILLIC, ARABIC]) expect(plain).toContain(s);
    // Each Leitziel heading is followed by its own status line (before any of its targets).
    expect([...raw.matchAll(/Leitziel \d+: [^]*?\nStand: ([^\n]+)/g)].map((m) => m[1].trim())).toEqual(expected);
    const fonts = poppler("pdffonts", pdf).trim().split("\n").slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    // Columns: name type encoding emb sub uni object ID – every font embedded.
    for (const f of fonts) expect(f).toMatch(/DejaVuSans.* yes +yes +yes /);
  });

  it("refuses a taken number and a period that ends before it starts, and leaves nothing behind", async () => {
    const before = (await inT((tx) => listCouncilReports(tx))).length;
    expect(messageOf(await inT((tx) => createCouncilReport(tx, base, { tenantName: "Stadt Köln" })))).toMatch(
      /4711\/2026/,
    );
    const bad = ReportInput.safeParse({ ...base, from: "2013-01-01", to: "2012-01-01" });
    expect(bad.error?.issues.map((i) => i.message)).toEqual(["steering.report.errors.periodOrder"]);
    expect((await inT((tx) => listCouncilReports(tx))).length).toBe(before);
  });

  it("a new import changes a Leitziel in the next report; the stored report stays as it went out", async () => {
    const [first] = await inT((tx) => listCouncilReports(tx));
    const firstDocx = (await inT((tx) => councilReportFile(tx, first.id, "docx")))!.bytes;
    // 2013 for Chorweiler (609): 23 % naturalised – Teilziel 1/1.2 (22 % by 2015) is reached, so
    // Leitziel 1/1 is no longer at risk but on track (its other targets are).
    const r = await importStadtteilCounts(
      (fn) => inT(fn),
      "chorweiler-2013",
      { ew: "einwohner", eing: "eingebuergerte" },
      [
        ["609", "2013", "ew", 12000],
        ["609", "2013", "eing", 2760],
      ],
    );
    expect(r.committed, JSON.stringify(r.errors)).toBe(true);
    const next = must(
      await inT((tx) => createCouncilReport(tx, { ...base, number: "4712/2026" }, { tenantName: "Stadt Köln" })),
    );
    const [head] = await inT((tx) => listCouncilReports(tx));
    expect(head.id).toBe(next.id);
    expect(head.leitziele["1/1"]).toBe("on_track");
    const lz = KOELN_EXAMPLE.themenfelder[0].leitziele[0];
    expect(
      leitzielStatus(await docxText((await inT((tx) => councilReportFile(tx, next.id, "docx")))!.bytes), lz.title),
    ).toBe("auf Kurs");
    // What went to the council before is unchanged, byte for byte.
    const again = (await inT((tx) => councilReportFile(tx, first.id, "docx")))!.bytes;
    expect(Buffer.from(again).equals(Buffer.from(firstDocx))).toBe(true);
    expect(leitzielStatus(await docxText(again), lz.title)).toBe("gefährdet");
  });
});

describe("Arabic in the PDF", () => {
  it("orders an Arabic run's words for a left-to-right line and leaves other text alone", () => {
    expect(rtlRuns("Kontakt: أمل حداد (Beispiel)")).toEqual(["Kontakt: ", "حداد", " ", "أمل", " (Beispiel)"]);
    expect(rtlRuns("Gülşen Yıldırım")).toEqual(["Gülşen Yıldırım"]);
  });
});
