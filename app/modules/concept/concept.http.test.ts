import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { Client, startTestServer, type TestServer } from "../../../tests/support/server";
import { EXPECTED, HF_ORDER } from "./fixture.aachen";
import { CATALOGUE, HANDLUNGSFELDER_AACHEN, SUBMISSION } from "./data/aachen-2017";

const PW = "Teilhabe-Demo-2026";
let s: TestServer;
let editor: Client;
beforeAll(async () => {
  s = await startTestServer({ modules: true });
  editor = new Client(s.url);
  await editor.login("editor.aachen@example.org", PW);
});
afterAll(async () => {
  await s?.close();
});

type Tz = { number: string; measures: { title: string; handlungsfelder: string[] }[]; teilziele: Tz[] };
type Concept = {
  edition: { id: string };
  counts: Record<string, number>;
  themenfelder: { number: string; leitziele: { measures: { title: string }[]; teilziele: Tz[] }[] }[];
};

async function upload(
  c: Client,
  pathname: string,
  fields: Record<string, string>,
  file?: { name: string; bytes: Buffer; type: string },
) {
  const fd = new FormData();
  fd.set("_csrf", c.cookies.get("teilhabe_csrf")!);
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  if (file) fd.set("file", new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const cookie = [...c.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; ");
  return fetch(s.url + pathname, { method: "POST", body: fd, headers: { cookie }, redirect: "manual" });
}
const sheetValues = async (buf: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: unknown[][] = [];
  wb.worksheets[0].eachRow((r) => out.push((r.values as unknown[]).slice(1)));
  return out;
};
const unescapeXml = (x: string) =>
  x
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
const allMeasureTitles = CATALOGUE.flatMap((tf) =>
  tf.leitziele.flatMap((l) => [...(l.measures ?? []), ...l.teilziele.flatMap((t) => t.measures ?? [])]),
).map((m) => m.title);

describe("concept API", () => {
  it("returns the adopted Aachen concept with 4/23/66 and every measure of chapter 7", async () => {
    const res = await fetch(`${s.url}/api/v1/t/aachen/concept`);
    expect(res.status).toBe(200);
    const c = (await res.json()) as Concept;
    expect(c.counts).toEqual({ themenfelder: 4, leitziele: 23, teilziele: 66, measures: EXPECTED.measures });
    expect(c.themenfelder.map((t) => t.leitziele.length)).toEqual(EXPECTED.leitzielePerThemenfeld);
    const flat = (xs: Tz[]): Tz[] => xs.flatMap((x) => [x, ...flat(x.teilziele)]);
    expect(c.themenfelder.map((t) => t.leitziele.reduce((n, l) => n + flat(l.teilziele).length, 0))).toEqual(
      EXPECTED.teilzielePerThemenfeld,
    );
    // The matrix from the API's nesting, counted per Themenfeld and Handlungsfeld, equals the hand count.
    const names = HANDLUNGSFELDER_AACHEN.map((h) => h.name);
    const mx = c.themenfelder.map((t) => {
      const ms = t.leitziele.flatMap((l) => [...l.measures, ...flat(l.teilziele).flatMap((z) => z.measures)]) as {
        title: string;
        handlungsfelder: string[];
      }[];
      return HF_ORDER.map((_, i) => ms.filter((m) => m.handlungsfelder.includes(names[i])).length);
    });
    expect(mx).toEqual(EXPECTED.measureMatrix);
    const titles = c.themenfelder
      .flatMap((t) => t.leitziele.flatMap((l) => [...l.measures, ...flat(l.teilziele).flatMap((z) => z.measures)]))
      .map((m) => m.title);
    expect(titles.sort()).toEqual([...allMeasureTitles].sort());
  });

  it("filters measures and documents both endpoints in OpenAPI", async () => {
    const all = await (await fetch(`${s.url}/api/v1/t/aachen/measures`)).json();
    expect(all.count).toBe(EXPECTED.measures);
    const q = await (await fetch(`${s.url}/api/v1/t/aachen/measures?q=Notfalltelefon`)).json();
    expect(q.measures.map((m: { title: string }) => m.title)).toEqual(["Notfalltelefon für Ehrenamtliche"]);
    const st = await (await fetch(`${s.url}/api/v1/t/aachen/measures?status=verstetigt`)).json();
    expect(st.count).toBeGreaterThan(0);
    expect(st.measures.every((m: { status: string }) => m.status === "verstetigt")).toBe(true);
    expect((await fetch(`${s.url}/api/v1/t/aachen/measures?status=unsinn`)).status).toBe(400);
    const doc = await (await fetch(`${s.url}/api/v1/openapi.json`)).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/v1/t/{slug}/concept", "/api/v1/t/{slug}/measures"]),
    );
  });
});

describe("staff pages", () => {
  it("render the concept, matrix, measure list, a measure and the submissions", async () => {
    for (const p of [
      "konzept",
      "konzept/matrix",
      "massnahmen",
      "massnahmen?q=Bildungstag",
      "vorlagen",
      "konzept/vergleich",
    ]) {
      const res = await editor.get(`/t/aachen/verwaltung/${p}`);
      expect(res.status, p).toBe(200);
    }
    const list = await (await editor.get("/t/aachen/verwaltung/massnahmen?q=Bildungstag")).text();
    expect(list).toContain("Bildungstag „Interkulturelle Sensibilisierung“");
    expect(list).not.toContain("Notfalltelefon");
    expect(await (await editor.get("/t/aachen/verwaltung/vorlagen")).text()).toContain(SUBMISSION.number);
  });

  it("leaves the Handlungsfelder to the kernel's page and records a Vorlage with its Beratungsfolge", async () => {
    // One taxonomy (decision 0037): the concept page lists the tenant's fields and links to the one
    // page that changes them; it takes no preset or new field itself.
    const overview = await (await editor.get("/t/aachen/verwaltung/konzept")).text();
    expect(overview).toContain('href="/t/aachen/verwaltung/handlungsfelder"');
    expect(overview).not.toContain('name="preset"');
    const r = await editor.post("/t/aachen/verwaltung/konzept", { intent: "preset", preset: "hessen" });
    expect(r.status).toBe(400);
    const bad = await editor.post("/t/aachen/verwaltung/vorlagen", {
      number: "FB 56/0099/WP18",
      title: "Sachstand 2026",
      submittedOn: "31.02.2026",
      leadOffice: "FB 56",
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Bitte ein Datum im Format JJJJ-MM-TT angeben.");
    const ok = await editor.post("/t/aachen/verwaltung/vorlagen", {
      number: "FB 56/0099/WP18",
      title: "Sachstand 2026",
      submittedOn: "03.03.2026",
      leadOffice: "Fachbereich Wohnen, Soziales und Integration",
      step0Date: "18.03.2026",
      step0Body: "Integrationsrat",
      step0Competence: "kenntnisnahme",
      step1Date: "23.04.2026",
      step1Body: "Ausschuss für Soziales, Integration und Demographie",
      step1Competence: "entscheidung",
      attachments: "Anlage 1\nAnlage 2",
      decision: "",
    });
    expect(ok.status).toBe(200);
    const list = await (await editor.get("/t/aachen/verwaltung/vorlagen")).text();
    expect(list).toContain("FB 56/0099/WP18: Sachstand 2026");
    expect(list).toContain("Ausschuss für Soziales, Integration und Demographie");
    expect(list).toContain("Anlage 2");
    // Link a measure to the new Vorlage; linking twice is refused.
    const m = (await (await fetch(`${s.url}/api/v1/t/aachen/measures?q=Notfalltelefon`)).json()).measures[0];
    const page = await (await editor.get(`/t/aachen/verwaltung/massnahmen/${m.id}`)).text();
    const subId = /<option value="([0-9a-f-]{36})">FB 56\/0099\/WP18: Sachstand 2026<\/option>/.exec(page)![1];
    expect(
      await (
        await editor.post(`/t/aachen/verwaltung/massnahmen/${m.id}`, { intent: "link", submissionId: subId })
      ).text(),
    ).toContain("Die Maßnahme ist mit der Vorlage verknüpft.");
    const twice = await editor.post(`/t/aachen/verwaltung/massnahmen/${m.id}`, { intent: "link", submissionId: subId });
    expect(twice.status).toBe(400);
    expect(await twice.text()).toContain("Die Maßnahme ist mit der Vorlage FB 56/0099/WP18 schon verknüpft.");
  });

  it("rejects an invalid status transition in the form with a German message", async () => {
    const c = (await (await fetch(`${s.url}/api/v1/t/aachen/measures?status=verstetigt`)).json()).measures[0];
    const res = await editor.post(`/t/aachen/verwaltung/massnahmen/${c.id}`, {
      intent: "status",
      to: "beschlossen",
      reason: "Test",
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(
      "Eine Maßnahme im Status „verstetigt“ kann nicht in den Status „beschlossen“ wechseln.",
    );
    const after = (await (await fetch(`${s.url}/api/v1/t/aachen/measures?q=${encodeURIComponent(c.title)}`)).json())
      .measures[0];
    expect(after.status).toBe("verstetigt");
  });

  it("keeps partners to their organisation's measures", async () => {
    const partner = new Client(s.url);
    await partner.login("partner.aachen@example.org", PW);
    const list = await (await partner.get("/t/aachen/verwaltung/massnahmen")).text();
    expect(list).toContain("Zugang zum Ehrenamt über Ehrenamtsportal und Freiwilligenzentrum bekannt machen");
    expect(list).not.toContain("Notfalltelefon für Ehrenamtliche");
    const other = (await (await fetch(`${s.url}/api/v1/t/aachen/measures?q=Notfalltelefon`)).json()).measures[0];
    expect((await partner.get(`/t/aachen/verwaltung/massnahmen/${other.id}`)).status).toBe(403);
    expect(
      (
        await partner.post(`/t/aachen/verwaltung/massnahmen/${other.id}`, {
          intent: "update",
          reportedOn: "01.02.2026",
          body: "Darf ich nicht berichten.",
        })
      ).status,
    ).toBe(403);
  });
});

describe("public view", () => {
  it("shows neither internal notes, pending reports nor draft editions", async () => {
    const m = (await (await fetch(`${s.url}/api/v1/t/aachen/measures?q=Ehrenamtsportal`)).json()).measures[0];
    const edit = await (await editor.get(`/t/aachen/verwaltung/massnahmen/${m.id}/bearbeiten`)).text();
    expect(edit).toContain("Interne Notiz");
    // Re-submit the form as it is, plus an internal note.
    const val = (name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(edit)?.[1] ?? "";
    const checked = (name: string) =>
      [...edit.matchAll(new RegExp(`<input[^>]*name="${name}" value="([^"]+)" checked`, "g"))].map((x) => x[1]);
    const goal = /<select[^>]*name="goalIds"[^>]*>[\s\S]*?<option value="([^"]+)" selected/.exec(edit)![1];
    const lead = /name="leadOrganisationId"[\s\S]*?<option value="([^"]+)" selected/.exec(edit)![1];
    const body = new URLSearchParams({
      _csrf: editor.cookies.get("teilhabe_csrf")!,
      editionId: val("editionId"),
      code: val("code"),
      title: m.title,
      startsOn: val("startsOn"),
      endsOn: val("endsOn"),
      progress: val("progress"),
      leadOrganisationId: lead,
      internalNote: "VERTRAULICH: Budgetkürzung droht",
    });
    body.append("goalIds", goal);
    for (const h of checked("handlungsfeldIds")) body.append("handlungsfeldIds", h);
    for (const p of checked("partnerOrganisationIds")) body.append("partnerOrganisationIds", p);
    const cookie = [...editor.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; ");
    const saved = await fetch(`${s.url}/t/aachen/verwaltung/massnahmen/${m.id}/bearbeiten`, {
      method: "POST",
      body,
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      redirect: "manual",
    });
    expect(saved.status).toBe(302);
    expect(await (await editor.get(`/t/aachen/verwaltung/massnahmen/${m.id}`)).text()).toContain(
      "VERTRAULICH: Budgetkürzung droht",
    );

    const pub = await (await fetch(`${s.url}/t/aachen/konzept/massnahmen/${m.id}`)).text();
    expect(pub).toContain(m.title);
    expect(pub).not.toContain("VERTRAULICH");
    expect(pub).toContain("Beispielbericht: Das Freiwilligenzentrum");
    expect(pub).not.toContain("noch nicht geprüft");
    expect(JSON.stringify(await (await fetch(`${s.url}/api/v1/t/aachen/concept`)).json())).not.toContain("VERTRAULICH");

    const created = await editor.post("/t/aachen/verwaltung/konzept", { intent: "edition", title: "Geheimer Entwurf" });
    expect(created.status).toBe(200);
    const draftId = /fassung=([0-9a-f-]{36})"[^>]*>Geheimer Entwurf</.exec(
      await (await editor.get("/t/aachen/verwaltung/konzept")).text(),
    )![1];
    expect((await fetch(`${s.url}/api/v1/t/aachen/concept?edition=${draftId}`)).status).toBe(404);
  });
});

describe("export and import", () => {
  it("XLSX export → import into a Fortschreibung → a second export has the same rows", async () => {
    const adopted = ((await (await fetch(`${s.url}/api/v1/t/aachen/concept`)).json()) as Concept).edition.id;
    const first = Buffer.from(
      await (await editor.get(`/t/aachen/verwaltung/massnahmen/export/xlsx?fassung=${adopted}`)).arrayBuffer(),
    );
    const csvBytes = Buffer.from(
      await (await editor.get(`/t/aachen/verwaltung/massnahmen/export/csv?fassung=${adopted}`)).arrayBuffer(),
    );
    // UTF-8 with BOM, semicolons: what German Excel opens without an import dialog.
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const firstCsv = csvBytes.toString("utf8");
    expect(firstCsv.startsWith("\uFEFFKennung;Titel;Beschreibung;Ziele;Handlungsfelder;")).toBe(true);

    const created = await editor.post("/t/aachen/verwaltung/konzept", {
      intent: "edition",
      title: "Fortschreibung Rundreise",
      copyFrom: adopted,
    });
    expect(created.status).toBe(200);
    const overview = await (await editor.get("/t/aachen/verwaltung/konzept")).text();
    const m = /fassung=([0-9a-f-]{36})"[^>]*>Fortschreibung Rundreise</.exec(overview);
    expect(m, overview.slice(overview.indexOf("Fassungen"), overview.indexOf("Fassungen") + 800)).not.toBeNull();
    const newId = m![1];
    // A Fortschreibung carries the open measures (decision 0035); the import adds the finished ones
    // and finds the carried ones unchanged.
    const carriedCsv = await (await editor.get(`/t/aachen/verwaltung/massnahmen/export/csv?fassung=${newId}`)).text();
    const carried = carriedCsv.trim().split("\r\n").length - 1;
    expect(carried).toBeGreaterThan(0);

    const preview = await upload(
      editor,
      "/t/aachen/verwaltung/massnahmen/import",
      { editionId: newId },
      { name: "katalog.xlsx", bytes: first, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
    );
    const html = await preview.text();
    expect(preview.status, html.slice(0, 500)).toBe(200);
    expect(html).toContain(`Vorschau: ${EXPECTED.measures} Zeilen`);
    // Nothing is written before the confirmation.
    expect(await (await editor.get(`/t/aachen/verwaltung/massnahmen/export/csv?fassung=${newId}`)).text()).toBe(
      carriedCsv,
    );
    // The confirmation carries the id of the checked file, not the file again.
    const staged = /name="staged" value="([^"]+)"/.exec(html)![1];
    expect(html).not.toContain('name="fileData"');
    const done = await upload(editor, "/t/aachen/verwaltung/massnahmen/import", {
      intent: "confirm",
      editionId: newId,
      staged,
    });
    expect(await done.text()).toContain(`Import abgeschlossen: ${EXPECTED.measures - carried} Maßnahmen`);

    const second = Buffer.from(
      await (await editor.get(`/t/aachen/verwaltung/massnahmen/export/xlsx?fassung=${newId}`)).arrayBuffer(),
    );
    // The same rows; the imported ones come after the carried ones, so the order may differ.
    const sorted = (rows: unknown[][]) => [
      rows[0],
      ...rows
        .slice(1)
        .map((r) => JSON.stringify(r))
        .sort(),
    ];
    expect(sorted(await sheetValues(second))).toEqual(sorted(await sheetValues(first)));
    const lines = (csv: string) => {
      const [head, ...rest] = csv.split("\r\n");
      return [head, ...rest.sort()];
    };
    expect(
      lines(
        Buffer.from(
          await (await editor.get(`/t/aachen/verwaltung/massnahmen/export/csv?fassung=${newId}`)).arrayBuffer(),
        ).toString("utf8"),
      ),
    ).toEqual(lines(firstCsv));
  });

  it("reports an unknown Handlungsfeld by row number and changes nothing", async () => {
    const adopted = ((await (await fetch(`${s.url}/api/v1/t/aachen/concept`)).json()) as Concept).edition.id;
    const csv = await (await editor.get(`/t/aachen/verwaltung/massnahmen/export/csv?fassung=${adopted}`)).text();
    const lines = csv.split("\r\n");
    lines[2] = lines[2]
      .replace("Arbeit / Weiterbildung", "Gesundheit allein")
      .replace(/^([^;]*);[^;]*;/, "$1;Geänderter Titel;");
    const res = await upload(
      editor,
      "/t/aachen/verwaltung/massnahmen/import",
      { editionId: adopted },
      { name: "fehler.csv", bytes: Buffer.from(lines.join("\r\n")), type: "text/csv" },
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Zeile 3: Unbekanntes Handlungsfeld „Gesundheit allein“.");
    expect(html).toContain("Es wurde nichts geändert.");
    expect(await (await editor.get(`/t/aachen/verwaltung/massnahmen/export/csv?fassung=${adopted}`)).text()).toBe(csv);
  });
});

describe("Sachstandsbericht", () => {
  const steps = SUBMISSION.steps;
  const dmy = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

  it("DOCX contains the Vorlage number, every Beratungsfolge row and every measure title", async () => {
    const res = await editor.get("/t/aachen/verwaltung/konzept/sachstandsbericht/docx");
    expect(res.headers.get("content-type")).toContain("wordprocessingml");
    const { default: JSZip } = await import("jszip");
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    const xml = unescapeXml(await zip.file("word/document.xml")!.async("string"));
    const text = xml.replace(/<[^>]+>/g, "\u0001");
    expect(text).toContain(SUBMISSION.number);
    for (const st of steps)
      for (const v of [
        dmy(st.meetsOn),
        `${st.body} (${st.bodyShort})`,
        st.competence === "entscheidung" ? "Entscheidung" : "Kenntnisnahme",
      ])
        expect(text).toContain(v);
    for (const t of allMeasureTitles) expect(text).toContain(t);
  });

  // Found on PATH (poppler-utils), wherever the system keeps it.
  const hasPdftotext = spawnSync("pdftotext", ["-v"]).error === undefined;
  it.skipIf(!hasPdftotext)("PDF text (pdftotext) contains the same", async () => {
    const res = await editor.get("/t/aachen/verwaltung/konzept/sachstandsbericht/pdf");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bericht-"));
    const f = path.join(dir, "b.pdf");
    fs.writeFileSync(f, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", f, "-"]).toString("utf8").replace(/\s+/g, " ");
    fs.rmSync(dir, { recursive: true });
    expect(text).toContain(SUBMISSION.number);
    for (const st of steps)
      expect(text).toContain(
        `${dmy(st.meetsOn)} · ${st.body} (${st.bodyShort}) · ${st.competence === "entscheidung" ? "Entscheidung" : "Kenntnisnahme"}`,
      );
    for (const t of allMeasureTitles) expect(text).toContain(t.replace(/\s+/g, " "));
  });
});
