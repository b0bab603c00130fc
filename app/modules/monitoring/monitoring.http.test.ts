import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, finishedJobPage, startTestServer, type TestServer } from "../../../tests/support/server";
import { tenantIds } from "../../../tests/support/db";
import { koelnDataDir } from "./demo";
import type { Database } from "~/kernel/db/client";
import { withTenant } from "~/kernel/db/context";
import { ObservationProfile, saveProfile } from "./services/importer";

// HTTP tests against the production build with all demo data (including the real Köln data).
let s: TestServer;
let editor: Client;
beforeAll(async () => {
  s = await startTestServer({ modules: true });
  editor = new Client(s.url);
  await editor.login("editor.koeln@example.org", "Teilhabe-Demo-2026");
});
afterAll(async () => {
  await s?.close();
});

const api = async (p: string) => {
  const r = await fetch(s.url + p);
  return { status: r.status, type: r.headers.get("content-type"), body: await r.json() };
};

/** Posts multipart like a browser would, with the CSRF field. */
async function postMultipart(
  c: Client,
  p: string,
  fields: Record<string, string>,
  file?: { field: string; name: string; content: string | Uint8Array; type: string },
) {
  const fd = new FormData();
  fd.set("_csrf", c.cookies.get("teilhabe_csrf")!);
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  if (file) fd.set(file.field, new Blob([file.content as BlobPart], { type: file.type }), file.name);
  const cookie = [...c.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; ");
  return fetch(s.url + p, { method: "POST", body: fd, redirect: "manual", headers: { cookie } });
}

describe("monitoring API", () => {
  it("serves mh_anteil for every Stadtteil and year equal to the CSV computed independently", async () => {
    const text = fs.readFileSync(path.join(koelnDataDir()!, "bevoelkerung.csv"), "utf8");
    const pop = new Map<string, number>(),
      mh = new Map<string, number>();
    for (const line of text.split("\n").slice(1)) {
      const c = line.split(",");
      if (c.length < 9 || Number(c[4]) < 100) continue;
      if (c[2] === "Einwohner in Köln" && c[7] === "Einwohner") pop.set(`${c[4]}|${c[3]}`, Number(c[8]));
      if (c[2] === "Einwohner mit Migrationshintergrund" && c[7] === "Einwohner mit Migrationshintergrund")
        mh.set(`${c[4]}|${c[3]}`, Number(c[8]));
    }
    const r = await api("/api/v1/t/koeln/observations?indicator=mh_anteil&level=stadtteil");
    expect(r.status).toBe(200);
    expect(r.body.indicator).toBe("mh_anteil");
    expect(r.body.unit).toBe("%");
    expect(r.body.source).toContain("Datenquelle: Stadt Köln, CC BY");
    expect(r.body.observations).toHaveLength(86 * 8);
    expect(mh.size).toBe(86 * 8);
    for (const o of r.body.observations) {
      expect(o.suppressed).toBe(false);
      expect(o.group).toBe("gesamt");
      expect(o.value).toBeCloseTo((mh.get(`${o.area}|${o.period}`)! / pop.get(`${o.area}|${o.period}`)!) * 100, 9);
    }
    const one = await api("/api/v1/t/koeln/observations?indicator=mh_anteil&area=101&from=2012&to=2012");
    expect(one.body.observations).toEqual([
      {
        area: "101",
        level: "stadtteil",
        period: "2012",
        group: "gesamt",
        value: expect.any(Number),
        suppressed: false,
        state: "value",
        range: null,
        footnote: null,
        symbol: null,
      },
    ]);
  });

  it("serves the 86 Stadtteile as GeoJSON inside Köln", async () => {
    const r = await api("/api/v1/t/koeln/areas.geojson?level=stadtteil");
    expect(r.status).toBe(200);
    expect(r.type).toContain("application/geo+json");
    expect(r.body.features).toHaveLength(86);
    const xs: number[] = [],
      ys: number[] = [];
    const walk = (c: unknown): void => {
      if (Array.isArray(c) && typeof c[0] === "number") {
        xs.push(c[0]);
        ys.push(c[1] as number);
      } else if (Array.isArray(c)) c.forEach(walk);
    };
    for (const f of r.body.features) {
      expect(f.properties.key).toMatch(/^[1-9]\d\d$/);
      expect(f.properties.name).toBeTruthy();
      walk(f.geometry.coordinates);
    }
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(6.7);
    expect(Math.max(...xs)).toBeLessThanOrEqual(7.2);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(50.8);
    expect(Math.max(...ys)).toBeLessThanOrEqual(51.1);
    expect((await api("/api/v1/t/koeln/areas.geojson?level=stadtbezirk")).body.features).toHaveLength(9);
    expect((await api("/api/v1/t/koeln/areas.geojson?level=foo")).status).toBe(400);
  });

  it("lists indicators and documents all three endpoints in OpenAPI", async () => {
    const r = await api("/api/v1/t/koeln/indicators");
    expect(r.body.indicators.map((i: { code: string }) => i.code)).toEqual(
      expect.arrayContaining(["mh_anteil", "auslaender_anteil", "eingebuergerte_anteil", "altersgruppen_anteil"]),
    );
    const doc = (await api("/api/v1/openapi.json")).body;
    for (const p of ["/api/v1/t/{slug}/indicators", "/api/v1/t/{slug}/observations", "/api/v1/t/{slug}/areas.geojson"])
      expect(doc.paths[p]?.get).toBeTruthy();
    expect((await api("/api/v1/t/koeln/observations?indicator=gibtsnicht")).status).toBe(404);
  });
});

describe("import through the web UI and disclosure control on page, export and API", () => {
  it("uploads a CSV, maps its columns, dry-runs with row errors, then commits", async () => {
    const page = await editor.get("/t/koeln/verwaltung/monitoring/import");
    expect(page.status).toBe(200);
    const bad = "Stadtteil;Jahr;Einbürgerungen\n101;2012;2\n102;2012;40\n999;2012;5\n";
    let res = await postMultipart(
      editor,
      "/t/koeln/verwaltung/monitoring/import",
      { intent: "upload" },
      { field: "file", name: "einb.csv", content: bad, type: "text/csv" },
    );
    expect(res.status).toBe(302);
    let loc = res.headers.get("location")!;
    const uploadId = new URL(loc, s.url).searchParams.get("upload")!;
    const step2 = await (await editor.get(loc)).text();
    expect(step2).toContain("Trennzeichen „;“");
    const mapping = {
      upload: uploadId,
      areaColumn: "Stadtteil",
      periodColumn: "Jahr",
      valueColumn: "Einbürgerungen",
      indicator: "einbuergerungen",
      fixedGroup: "gesamt",
      profileName: "einbuergerungen-stadtteile",
    };
    // The import runs as a background job; its page shows the outcome once it is done.
    const failed = await finishedJobPage(editor, await editor.post(loc, { ...mapping, intent: "commit" }));
    expect(failed.status).toBe("done");
    const html = failed.html;
    expect(html).toContain("1 fehlerhafte Zeile(n)");
    expect(html).toMatch(/>4<\/th><td[^>]*>Das Gebiet „999“ ist nicht bekannt/);
    expect((await api("/api/v1/t/koeln/observations?indicator=einbuergerungen")).body.observations).toEqual([]);

    res = await postMultipart(
      editor,
      "/t/koeln/verwaltung/monitoring/import",
      { intent: "upload", profile: "einbuergerungen-stadtteile" },
      { field: "file", name: "einb.csv", content: bad.replace("999;2012;5\n", ""), type: "text/csv" },
    );
    loc = res.headers.get("location")!;
    expect(loc).toContain("profil=einbuergerungen-stadtteile");
    const good = { ...mapping, upload: new URL(loc, s.url).searchParams.get("upload")! };
    const dry = await finishedJobPage(editor, await editor.post(loc, { ...good, intent: "dryrun" }));
    expect(dry.html).toContain("Probelauf ohne Fehler: 2 Werte");
    expect(dry.html).toContain("Jetzt übernehmen");
    expect((await api("/api/v1/t/koeln/observations?indicator=einbuergerungen")).body.observations).toEqual([]);
    // "Take over" on the dry run's page queues the same upload and profile for real.
    const commit = await finishedJobPage(editor, await editor.post(new URL(dry.url, s.url).pathname, {}));
    expect(commit.html).toContain("Übernommen: 2 neu");
    // "Take over" only follows a clean dry run: not a finished import, nor a job that does not exist.
    const again = await editor.post(new URL(commit.url, s.url).pathname, {});
    expect(again.status).toBe(409);
    expect((await editor.get("/t/koeln/verwaltung/monitoring/import/auftrag/keine-id")).status).toBe(404);
    expect(
      (await editor.post("/t/koeln/verwaltung/monitoring/import/auftrag/00000000-0000-4000-8000-000000000000", {}))
        .status,
    ).toBe(404);
    // Another tenant's editor does not see the job.
    const other = await editor.get(commit.url.replace("/t/koeln/", "/t/aachen/"));
    expect(other.status).not.toBe(200);
  });

  it("keeps the source's symbols as states, and rolls an import back only after confirmation, by staff of the tenant", async () => {
    // "." is the source's secret (not our suppression), "-" exactly 0.
    const res = await postMultipart(
      editor,
      "/t/koeln/verwaltung/monitoring/import",
      { intent: "upload", profile: "einbuergerungen-stadtteile" },
      {
        field: "file",
        name: "einb-2013.csv",
        content: "Stadtteil;Jahr;Einbürgerungen\n101;2013;.\n102;2013;-\n",
        type: "text/csv",
      },
    );
    const loc = res.headers.get("location")!;
    const fields = {
      upload: new URL(loc, s.url).searchParams.get("upload")!,
      areaColumn: "Stadtteil",
      periodColumn: "Jahr",
      valueColumn: "Einbürgerungen",
      indicator: "einbuergerungen",
      fixedGroup: "gesamt",
      profileName: "einbuergerungen-stadtteile",
    };
    const done = await finishedJobPage(editor, await editor.post(loc, { ...fields, intent: "commit" }));
    expect(done.html).toContain("Übernommen: 2 neu");
    const obs = async () =>
      (await api("/api/v1/t/koeln/observations?indicator=einbuergerungen&from=2013&to=2013")).body.observations;
    expect(
      (await obs()).map((o: { area: string; value: number | null; state: string; symbol: string | null }) => [
        o.area,
        o.value,
        o.state,
        o.symbol,
      ]),
    ).toEqual([
      ["101", null, "secret", "."],
      ["102", 0, "value", null],
    ]);
    const page = await (await fetch(`${s.url}/t/koeln/monitoring/indikator/einbuergerungen?jahr=2013`)).text();
    expect(page).toContain("geheim (.)");
    const csv = await (
      await fetch(
        `${s.url}/t/koeln/monitoring/indikator/einbuergerungen/export?format=csv&tabelle=vergleich&ebene=stadtteil&jahr=2013`,
      )
    ).text();
    expect(csv).toContain("geheim (.)");

    const staff = "/t/koeln/verwaltung/monitoring";
    const list = await (await editor.get(staff)).text();
    const id = /einb-2013\.csv[\s\S]*?name="id" value="([0-9a-f-]{36})"/.exec(list)![1];
    // A viewer may not, another tenant's staff cannot even find it.
    const viewer = new Client(s.url);
    await viewer.login("viewer.koeln@example.org", "Teilhabe-Demo-2026");
    expect((await viewer.post(staff, { intent: "rollback", id, confirm: "1" })).status).toBe(403);
    const aachen = new Client(s.url);
    await aachen.login("editor.aachen@example.org", "Teilhabe-Demo-2026");
    expect(
      (await aachen.post("/t/aachen/verwaltung/monitoring", { intent: "rollback", id, confirm: "1" })).status,
    ).toBe(404);
    expect((await aachen.post(staff, { intent: "rollback", id, confirm: "1" })).status).toBe(403);
    // The first post only asks (a form of its own: works without JavaScript); nothing is taken back yet.
    const ask = await editor.post(staff, { intent: "rollback", id });
    expect(ask.status).toBe(200);
    const askHtml = await ask.text();
    expect(askHtml).toContain("Import zurücknehmen?");
    expect(askHtml).toMatch(/name="confirm" value="1"/);
    expect(await obs()).toHaveLength(2);
    const yes = await editor.post(staff, { intent: "rollback", id, confirm: "1" });
    expect(yes.status).toBe(200);
    expect(await yes.text()).toContain("Der Import ist zurückgenommen");
    expect(await obs()).toEqual([]);
    expect(await (await editor.get(staff)).text()).toMatch(/einb-2013\.csv[\s\S]*?zurückgenommen [^<]+ von [^<]+</);
    expect((await editor.post(staff, { intent: "rollback", id, confirm: "1" })).status).toBe(409);
  });

  it("lists a skipped row by number on the dry run's and the import's page, and keeps it with the import", async () => {
    // A saved profile that skips rows of unknown areas (the CLI's profiles can say so).
    const db = s.db as unknown as Database;
    const { koeln } = await tenantIds(db);
    await withTenant(db, { tenantId: koeln, actor: { userId: null, label: "Test" } }, (tx) =>
      saveProfile(
        tx,
        ObservationProfile.parse({
          kind: "observations",
          name: "einb-ueberspringen",
          layout: "long",
          area: { column: "Stadtteil" },
          period: { column: "Jahr" },
          value: { column: "Einbürgerungen" },
          indicator: "einbuergerungen",
          unmatchedAreas: "skip",
        }),
      ),
    );
    const res = await postMultipart(
      editor,
      "/t/koeln/verwaltung/monitoring/import",
      { intent: "upload", profile: "einb-ueberspringen" },
      {
        field: "file",
        name: "einb-2014.csv",
        content: "Stadtteil;Jahr;Einbürgerungen\n101;2014;40\n999;2014;5\n102;2014;41\n",
        type: "text/csv",
      },
    );
    const loc = res.headers.get("location")!;
    const fields = { upload: new URL(loc, s.url).searchParams.get("upload")!, useProfile: "einb-ueberspringen" };
    const skippedRow = />3<\/th><td[^>]*>übersprungen: das Gebiet „999“ ist nicht zugeordnet/;
    const dry = await finishedJobPage(editor, await editor.post(loc, { ...fields, intent: "dryrun" }));
    expect(dry.html).toContain("Übersprungene Zeilen (1)");
    expect(dry.html).toMatch(skippedRow);
    const commit = await finishedJobPage(editor, await editor.post(new URL(dry.url, s.url).pathname, {}));
    expect(commit.html).toContain("Übernommen: 2 neu");
    expect(commit.html).toMatch(skippedRow);
    expect(await (await editor.get("/t/koeln/verwaltung/monitoring")).text()).toMatch(
      /einb-2014\.csv(?:(?!<\/tr>)[\s\S])*?, 1 übersprungen(<!-- -->)?\)/,
    );
  });

  it("never shows the count 2 publicly — not on the page, in the export or in the API — but staff see it", async () => {
    for (const code of ["einbuergerungen", "einbuergerungsrate"]) {
      const a = await api(`/api/v1/t/koeln/observations?indicator=${code}&area=101,102`);
      const o101 = a.body.observations.find((o: { area: string }) => o.area === "101");
      const o102 = a.body.observations.find((o: { area: string }) => o.area === "102");
      expect(o101).toEqual({
        area: "101",
        level: "stadtteil",
        period: "2012",
        group: "gesamt",
        value: null,
        suppressed: true,
        state: "suppressed",
        range: null,
        footnote: null,
        symbol: null,
      });
      expect(o102.suppressed).toBe(false);
      expect(o102.value).toBeGreaterThan(0);

      const pageHtml = await (
        await fetch(`${s.url}/t/koeln/monitoring/indikator/${code}?ebene=stadtteil&jahr=2012`)
      ).text();
      const row = pageHtml.match(/Altstadt\/Süd<\/a><\/th><td[^>]*>101<\/td><td[^>]*>(.*?)<\/td>/)![1];
      expect(row).toContain("•");
      expect(row).not.toMatch(/\d/);
      expect(pageHtml).toContain("Einbürgerungsstatistik");

      for (const fmt of ["csv", "xlsx"]) {
        const ex = await fetch(
          `${s.url}/t/koeln/monitoring/indikator/${code}/export?format=${fmt}&tabelle=vergleich&ebene=stadtteil&jahr=2012`,
        );
        expect(ex.status).toBe(200);
        if (fmt === "csv") {
          const csv = await ex.text();
          const line = csv.split("\r\n").find((l) => l.startsWith(`${code};101;`))!;
          expect(line.split(";")[6]).toBe("•");
          expect(line.split(";")[7]).toBe("ja");
          expect(csv.split("\r\n")[0]).toMatch(/;Quelle$/);
        } else {
          const ExcelJS = (await import("exceljs")).default;
          const wb = new ExcelJS.Workbook();
          await wb.xlsx.load(await ex.arrayBuffer());
          const rows: unknown[][] = [];
          wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
          expect(rows.find((r) => r[1] === "101")![6]).toBe("•");
        }
      }
    }
    // Staff with the editor role see the real count, marked as confidential.
    const staff = await (
      await editor.get("/t/koeln/verwaltung/monitoring/indikator/einbuergerungen?ebene=stadtteil&jahr=2012")
    ).text();
    expect(staff.match(/Altstadt\/Süd<\/a><\/th><td[^>]*>101<\/td><td[^>]*>(.*?)<\/td>/)![1]).toMatch(/^2/);
    const staffCsv = await (
      await editor.get(
        "/t/koeln/verwaltung/monitoring/indikator/einbuergerungen/export?format=csv&tabelle=vergleich&ebene=stadtteil&jahr=2012",
      )
    ).text();
    expect(
      staffCsv
        .split("\r\n")
        .find((l) => l.startsWith("einbuergerungen;101;"))!
        .split(";")[6],
    ).toBe("2");
  });

  it("hides a small Stadtteil's sibling too (complementary), alike in the API, the export and the page", async () => {
    // Threshold 50: in 2012 only Stadtteil 207 has fewer Aussiedler (47); Bezirk 2's total would give it away.
    const admin = new Client(s.url);
    await admin.login("admin.koeln@example.org", "Teilhabe-Demo-2026");
    // The threshold is the kernel's tenant setting (docs/tenant-settings.md); set on its page.
    const setThreshold = (t: number) =>
      admin.post("/t/koeln/verwaltung/einstellungen", {
        intent: "settings",
        name: "Stadt Köln",
        publicLanguages: ["en", "ar", "fa", "tr", "uk", "ru"],
        disclosureThreshold: String(t),
      });
    expect((await setThreshold(50)).status).toBe(302);
    try {
      type O = { area: string; value: number | null; suppressed: boolean; state: string; range: unknown };
      const obs = async (q: string) =>
        (await api(`/api/v1/t/koeln/observations?indicator=aussiedler&from=2012&to=2012&${q}`)).body
          .observations as O[];
      const teile = await obs("level=stadtteil");
      const hidden = teile.filter((o) => o.suppressed).map((o) => o.area);
      expect(hidden).toContain("207");
      expect(hidden.filter((k) => k.startsWith("2")).length).toBe(2);
      for (const o of teile.filter((x) => x.suppressed))
        expect(o).toMatchObject({ value: null, state: "suppressed", range: null });
      // Asked for alone, the sibling stays hidden; the Bezirk stays published.
      const sibling = hidden.find((k) => k !== "207")!;
      expect((await obs(`area=${sibling}`))[0]).toMatchObject({ value: null, suppressed: true });
      expect((await obs("level=stadtbezirk")).find((o) => o.area === "2")).toMatchObject({ suppressed: false });
      // The export marks exactly the same cells.
      const csv = await (
        await fetch(
          `${s.url}/t/koeln/monitoring/indikator/aussiedler/export?format=csv&tabelle=vergleich&ebene=stadtteil&jahr=2012`,
        )
      ).text();
      const marked = csv
        .split("\r\n")
        .filter((l) => l.startsWith("aussiedler;") && l.split(";")[6] === "•")
        .map((l) => l.split(";")[1]);
      expect(marked.sort()).toEqual([...hidden].sort());
      // And the page shows the marker, not the number.
      const html = await (
        await fetch(`${s.url}/t/koeln/monitoring/indikator/aussiedler?ebene=stadtteil&jahr=2012`)
      ).text();
      const cell = html.match(new RegExp(`<td[^>]*>${sibling}</td><td[^>]*>(.*?)</td>`))![1];
      expect(cell).toContain("•");
      expect(cell).not.toMatch(/\d/);
    } finally {
      await setThreshold(3);
    }
  });

  it("lets editors declare the base of a share read without counts; bad input gets a German error", async () => {
    const page = "/t/koeln/verwaltung/monitoring/indikator/u8_teilnahme";
    const form = await (await editor.get(page)).text();
    expect(form).toContain("Basis eines Anteils ohne Zählwerte");
    const viewer = new Client(s.url);
    await viewer.login("viewer.koeln@example.org", "Teilhabe-Demo-2026");
    expect(await (await viewer.get(page)).text()).not.toContain("Basis eines Anteils ohne Zählwerte");
    expect((await viewer.post(page, { minBase: "50" })).status).toBe(403);
    const bad = await editor.post(page, { baseIndicator: "", minBase: "zwei" });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("Die Mindestbasis ist eine ganze Zahl von Personen ab 1.");
    const ok = await editor.post(page, { baseIndicator: "", minBase: "50" });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("Die Basis ist gespeichert.");
    // A count takes no declared base: no form there.
    expect(await (await editor.get("/t/koeln/verwaltung/monitoring/indikator/einwohner")).text()).not.toContain(
      "Basis eines Anteils ohne Zählwerte",
    );
    await editor.post(page, { baseIndicator: "", minBase: "" });
  });

  it("lets staff declare a derived indicator in the form; it is computed at once", async () => {
    const base = {
      name: "Männeranteil",
      field: "Demografie",
      dimension: "strukturell",
      unit: "%",
      isPublic: "1",
      op: "share",
      aIndicator: "einwohner_geschlecht",
      aGroup: "maennlich",
      bIndicator: "einwohner",
      bGroup: "gesamt",
    };
    const bad = await editor.post("/t/koeln/verwaltung/monitoring/indikatoren/neu", {
      ...base,
      code: "maenner_anteil",
      bIndicator: "gibtsnicht",
    });
    expect(bad.status).toBe(409);
    expect(await bad.text()).toContain("Den Indikator „gibtsnicht“ gibt es nicht.");
    const ok = await editor.post("/t/koeln/verwaltung/monitoring/indikatoren/neu", { ...base, code: "maenner_anteil" });
    expect(ok.status).toBe(302);
    const m = (await api("/api/v1/t/koeln/observations?indicator=maenner_anteil&area=101&from=2012&to=2012")).body
      .observations[0];
    const w = (await api("/api/v1/t/koeln/observations?indicator=frauen_anteil&area=101&from=2012&to=2012")).body
      .observations[0];
    expect(m.value + w.value).toBeCloseTo(100, 6);
  });

  it("an internal indicator disappears from public pages, exports and the API, but not for staff", async () => {
    const res = await editor.post("/t/koeln/verwaltung/monitoring", {
      intent: "visibility",
      code: "frauen_anteil",
      public: "0",
    });
    expect(res.status).toBe(200);
    expect((await api("/api/v1/t/koeln/observations?indicator=frauen_anteil")).status).toBe(404);
    expect(
      (await api("/api/v1/t/koeln/indicators")).body.indicators.map((i: { code: string }) => i.code),
    ).not.toContain("frauen_anteil");
    expect((await fetch(`${s.url}/t/koeln/monitoring/indikator/frauen_anteil`)).status).toBe(404);
    expect((await fetch(`${s.url}/t/koeln/monitoring/indikator/frauen_anteil/export?format=csv`)).status).toBe(404);
    expect((await editor.get("/t/koeln/verwaltung/monitoring/indikator/frauen_anteil")).status).toBe(200);
    await editor.post("/t/koeln/verwaltung/monitoring", { intent: "visibility", code: "frauen_anteil", public: "1" });
    expect((await api("/api/v1/t/koeln/observations?indicator=frauen_anteil")).status).toBe(200);
  });

  it("compares the municipalities below the Land that publish a core indicator", async () => {
    const html = await (await fetch(`${s.url}/t/nrw/monitoring/vergleich?indikator=mh_anteil`)).text();
    expect(html).toContain("Stadt Köln");
    const city = (await api("/api/v1/t/koeln/observations?indicator=mh_anteil&level=stadt&from=2012&to=2012")).body
      .observations[0].value as number;
    expect(html).toContain(
      new Intl.NumberFormat("de-DE", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(city),
    );
    expect(html).toContain("Datenquelle: Stadt Köln, CC BY");
  });

  it("compares by declared definition: Köln leaves the Land's comparison when its count is redefined", async () => {
    const page = "/t/koeln/verwaltung/monitoring/indikator/einwohner_mh";
    const form = await (await editor.get(page)).text();
    expect(form).toContain("Definition speichern");
    expect(form).toContain("MigraPro");
    const viewer = new Client(s.url);
    await viewer.login("viewer.koeln@example.org", "Teilhabe-Demo-2026");
    expect(await (await viewer.get(page)).text()).not.toContain("Definition speichern");
    expect((await viewer.post(page, { intent: "definition", definition: "x" })).status).toBe(403);
    const long = await editor.post(page, { intent: "definition", definition: "x".repeat(2001) });
    expect(long.status).toBe(422);
    expect(await long.text()).toContain("Die Definition darf höchstens 2.000 Zeichen lang sein.");
    // Aachen publishes the catalogue indicator without values: named, with its reason.
    const before = await (await fetch(`${s.url}/t/nrw/monitoring/vergleich?indikator=mh_anteil`)).text();
    expect(before).toContain("keine Werte für die Gesamtstadt");
    const original = form.match(/<textarea[^>]*name="definition"[^>]*>([^<]*)<\/textarea>/)![1];
    try {
      const ok = await editor.post(page, { intent: "definition", definition: "Ausländerinnen und Ausländer" });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain("Die Definition wurde gespeichert.");
      const after = (await (await fetch(`${s.url}/t/nrw/monitoring/vergleich?indikator=mh_anteil`)).text()).replace(
        /<!-- -->/g,
        "",
      );
      expect(after).toContain("Nicht verglichen");
      expect(after).toMatch(/Stadt Köln: „mh_anteil“ beruht dort auf einer anderen Definition\./);
      expect(after).toContain("einwohner_mh: Ausländerinnen und Ausländer");
      const api = await (await fetch(`${s.url}/api/v1/t/koeln/indicators`)).json();
      const mh = api.indicators.find((i: { code: string }) => i.code === "einwohner_mh");
      expect(mh.definition).toBe("Ausländerinnen und Ausländer");
    } finally {
      const back = await editor.post(page, {
        intent: "definition",
        definition: original.replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, "&"),
      });
      expect(back.status).toBe(200);
    }
    const restored = (await (await fetch(`${s.url}/t/nrw/monitoring/vergleich?indikator=mh_anteil`)).text()).replace(
      /<!-- -->/g,
      "",
    );
    expect(restored).toContain("Stadt Köln");
    expect(restored).not.toContain("Stadt Köln: „mh_anteil“");
  });

  it("renders the public pages for Köln with attribution", async () => {
    for (const p of [
      "/t/koeln/monitoring",
      "/t/koeln/monitoring/indikator/mh_anteil",
      "/t/koeln/monitoring/gebiet/stadtteil/101",
      "/t/koeln/monitoring/ziele",
    ]) {
      const r = await fetch(s.url + p);
      expect(r.status, p).toBe(200);
      const h = await r.text();
      if (p !== "/t/koeln/monitoring/ziele") expect(h, p).toContain("Datenquelle: Stadt Köln, CC BY");
      // Geometries come separately for the map, not inside every page.
      expect(h.length, p).toBeLessThan(250_000);
    }
    const profileCsv = await (await fetch(`${s.url}/t/koeln/monitoring/gebiet/stadtteil/101/export?format=csv`)).text();
    expect(profileCsv).toMatch(
      /^\uFEFF?Indikator;Code;Zeitraum;Altstadt\/Süd \(Stadtteil 101\);Bereich;Fußnote;Gesamtstadt;Einheit;Quelle/,
    );
    expect(profileCsv).toContain(";Datenquelle: Stadt Köln, CC BY");
    expect((await fetch(`${s.url}/t/koeln/monitoring/ziele/export?format=xlsx`)).headers.get("content-type")).toContain(
      "spreadsheetml",
    );
    const geo = await (await fetch(`${s.url}/t/koeln/monitoring/gebiete.geojson?ebene=stadtteil`)).json();
    expect(geo.features).toHaveLength(86);
  });
});

describe("charts drawn on the server (decision 0052)", () => {
  const de1 = (v: number) =>
    new Intl.NumberFormat("de-DE", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);
  /** The server's SVG of each chart box, in page order. */
  const chartSvgs = (html: string) =>
    [...html.matchAll(/<div class="chart__svg"><svg ([^>]*)>([\s\S]*?)<\/svg><\/div>/g)].map((m) => ({
      attrs: m[1],
      body: m[2],
      texts: [...m[2].matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((t) => t[1]),
    }));

  it("the public indicator page carries both charts as SVG with every value written on it", async () => {
    const html = await (await fetch(`${s.url}/t/koeln/monitoring/indikator/mh_anteil`)).text();
    const [series, bars] = chartSvgs(html);
    expect(series, "time series SVG").toBeDefined();
    expect(bars, "comparison SVG").toBeDefined();
    for (const svg of [series, bars]) {
      // Hidden from assistive technology (the box is named, the table is the text); no inline stylesheet.
      expect(svg.attrs).toContain('aria-hidden="true"');
      expect(svg.attrs).toMatch(/viewBox="0 0 \d+ \d+"/);
      expect(svg.body).not.toContain("<style");
      expect(svg.body).not.toContain("ecmeta_");
    }
    // The time series of the whole city: one label per year, as the table beside it writes the value.
    const city = (await api("/api/v1/t/koeln/observations?indicator=mh_anteil&level=stadt")).body.observations as {
      period: string;
      value: number;
    }[];
    expect(city.length).toBeGreaterThan(1);
    for (const o of city) expect(series.texts, o.period).toContain(de1(o.value));
    // The comparison of the 86 Stadtteile in the latest year: every bar's value.
    const latest = city
      .map((o) => o.period)
      .sort()
      .at(-1);
    const parts = (
      await api(`/api/v1/t/koeln/observations?indicator=mh_anteil&level=stadtteil&from=${latest}&to=${latest}`)
    ).body.observations as { value: number }[];
    expect(parts).toHaveLength(86);
    for (const o of parts) expect(bars.texts).toContain(de1(o.value));
    expect(bars.texts).toContain("Altstadt/Süd");
  });

  it("draws the members' comparison of the Land on the server as well", async () => {
    const html = await (await fetch(`${s.url}/t/nrw/monitoring/vergleich?indikator=mh_anteil`)).text();
    const [svg] = chartSvgs(html);
    expect(svg).toBeDefined();
    const city = (await api("/api/v1/t/koeln/observations?indicator=mh_anteil&level=stadt&from=2012&to=2012")).body
      .observations[0].value as number;
    expect(svg.texts).toContain(de1(city));
    expect(svg.texts).toContain("Stadt Köln");
  });
});

describe("goal attainment page and export", () => {
  it("judges each goal by the one rule, shows the rule, and says 'keine Daten' where there is no value", async () => {
    // A goal on real values: the share with a migration background up to 40 % by 2020 (≈ 41 % of the
    // way from 2005 to 2012 in 47 % of the time: at risk). The demo's own goals have no values yet.
    const created = await editor.post("/t/koeln/verwaltung/monitoring/indikatoren/neu", {
      code: "mh_ziel",
      name: "Zielwert Migrationshintergrund",
      field: "Demografie",
      dimension: "strukturell",
      unit: "%",
      isPublic: "1",
      op: "share",
      aIndicator: "einwohner_mh",
      aGroup: "gesamt",
      bIndicator: "einwohner",
      bGroup: "gesamt",
      targetValue: "40",
      targetDirection: "hoch",
      targetYear: "2020",
    });
    expect(created.status).toBe(302);

    const html = await (await fetch(`${s.url}/t/koeln/monitoring/ziele`)).text();
    const rowOf = (page: string, code: string) =>
      page
        .split("<tr")
        .find((r) => r.includes(`/indikator/${code}"`))!
        .split("</tr>")[0];
    const row = (code: string) => rowOf(html, code);
    expect(row("mh_ziel")).toContain("gefährdet");
    expect(row("mh_ziel")).toContain("Stadt Köln");
    expect(row("mh_ziel")).toMatch(/\(erwartet: 47 %\)/);
    expect(row("kita_paritaet")).toContain("keine Daten");
    expect(row("kita_paritaet")).not.toContain("•"); // no value is not a suppressed value
    expect(html).toContain("So wird der Stand bestimmt");
    for (const status of ["erreicht", "auf Kurs", "gefährdet", "nicht auf Kurs", "zu wenige Werte"])
      expect(html).toContain(`>${status}</dt>`);
    expect(html).toContain("Datenquelle: Stadt Köln, CC BY");
    const en = await (await fetch(`${s.url}/t/koeln/monitoring/ziele?lang=en`)).text();
    expect(en).toContain("How the status is determined");
    expect(rowOf(en, "mh_ziel")).toContain("at risk");

    const csv = (await (await fetch(`${s.url}/t/koeln/monitoring/ziele/export?format=csv`)).text()).split("\r\n");
    const head = csv[0].replace(/^\uFEFF/, "").split(";");
    expect(head).toEqual(
      expect.arrayContaining(["Ist", "Soll", "Zieljahr", "Ausgangswert", "Fortschritt (%)", "Erwartet (%)", "Stand"]),
    );
    const col = (line: string, name: string) => line.split(";")[head.indexOf(name)];
    const mine = csv.find((l) => l.includes(";mh_ziel;"))!;
    expect(col(mine, "Stand")).toBe("gefährdet");
    expect(col(mine, "Ausgangszeitraum")).toBe("2005");
    expect(col(mine, "Erwartet (%)")).toBe("46,7");
    // 34.45 % rounded as the page shows a percentage (one decimal).
    expect(col(mine, "Ist")).toBe("34,5");
    const none = csv.find((l) => l.includes(";kita_paritaet;"))!;
    expect([col(none, "Ist"), col(none, "Stand")]).toEqual(["keine Daten", "keine Daten"]);
    // The rule stands beside the table in the XLSX (sheet "Hinweise"); the CSV is the table alone.
    expect(csv.some((l) => l.includes("So wird der Stand bestimmt:"))).toBe(false);
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await (await fetch(`${s.url}/t/koeln/monitoring/ziele/export?format=xlsx`)).arrayBuffer());
    const notes: string[] = [];
    wb.getWorksheet("Hinweise")!.eachRow((r) => notes.push(String(r.getCell(1).value)));
    expect(notes.some((l) => l.startsWith("So wird der Stand bestimmt:"))).toBe(true);
  });

  it("shows • only for a suppressed latest value, 'keine Daten' for a missing one, on the page and in the export", async () => {
    // A goal on naturalisations per 1,000 foreigners; the city's 2012 count of 2 is suppressed.
    const created = await editor.post("/t/koeln/verwaltung/monitoring/indikatoren/neu", {
      code: "einb_ziel",
      name: "Einbürgerungsziel",
      field: "Rechtliche Integration",
      dimension: "identifikatorisch",
      unit: "je 1.000",
      isPublic: "1",
      op: "rate1000",
      aIndicator: "einbuergerungen",
      aGroup: "gesamt",
      bIndicator: "auslaender",
      bGroup: "gesamt",
      targetValue: "20",
      targetDirection: "hoch",
    });
    expect(created.status).toBe(302);
    const up = await postMultipart(
      editor,
      "/t/koeln/verwaltung/monitoring/import",
      { intent: "upload", profile: "einbuergerungen-stadtteile" },
      { field: "file", name: "stadt.csv", content: "Stadtteil;Jahr;Einbürgerungen\n0;2012;2\n", type: "text/csv" },
    );
    const loc = up.headers.get("location")!;
    const done = await finishedJobPage(
      editor,
      await editor.post(loc, {
        upload: new URL(loc, s.url).searchParams.get("upload")!,
        areaColumn: "Stadtteil",
        periodColumn: "Jahr",
        valueColumn: "Einbürgerungen",
        indicator: "einbuergerungen",
        fixedGroup: "gesamt",
        profileName: "einbuergerungen-stadtteile",
        intent: "commit",
      }),
    );
    expect(done.html).toContain("Übernommen: 1 neu");

    const html = await (await fetch(`${s.url}/t/koeln/monitoring/ziele`)).text();
    const row = (code: string) =>
      html
        .split("<tr")
        .find((r) => r.includes(`/indikator/${code}"`))!
        .split("</tr>")[0];
    // The Ist cell: the marker for the suppressed value, words for the missing one (the status column
    // says "keine Daten" for both, as the rule does).
    const ist = (code: string) => row(code).match(/<td[^>]*data-state="([^"]*)"[^>]*>(.*?)<\/td>/)!;
    expect(ist("einb_ziel")[1]).toBe("suppressed");
    expect(ist("einb_ziel")[2]).toContain("•");
    expect(ist("einb_ziel")[2]).not.toMatch(/\d/);
    expect(ist("kita_paritaet")[1]).toBe("no_data");
    expect(ist("kita_paritaet")[2]).toBe("keine Daten");
    expect(row("kita_paritaet")).not.toContain("•");
    expect(html).toContain("= Wert unterdrückt");

    const csv = (await (await fetch(`${s.url}/t/koeln/monitoring/ziele/export?format=csv`)).text()).split("\r\n");
    const head = csv[0].replace(/^\uFEFF/, "").split(";");
    const istCsv = (code: string) => csv.find((l) => l.includes(`;${code};`))!.split(";")[head.indexOf("Ist")];
    expect(istCsv("einb_ziel")).toBe("•");
    expect(istCsv("kita_paritaet")).toBe("keine Daten");
  });
});
