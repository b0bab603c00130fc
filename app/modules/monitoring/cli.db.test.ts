import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb } from "../../../tests/support/db";
import type { Database } from "~/kernel/db/client";
import { rows, withSystem, withTenant } from "~/kernel/db/context";
import { createTenant } from "~/kernel/tenancy/service";
import { commands } from "./cli";
import { koelnDataDir } from "./demo";
import { ensureIndicators } from "./services/indicators";
import { getProfile, parseProfile, saveProfile, ObservationProfile } from "./services/importer";
import { AreaProfile, createArea } from "./services/areas";
import { CORE_SET, KOELN_LOCAL } from "./catalogue";
import bev from "./profiles/koeln-bevoelkerung.json";
import bez from "./profiles/koeln-stadtbezirke.json";
import teile from "./profiles/koeln-stadtteile.json";

let db: Database, cleanup: () => Promise<void>, tenantId: string;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mon-cli-"));
const run = async (name: string, values: Record<string, string | boolean>) => {
  const out: string[] = [];
  try {
    await commands[name].run(db, { values, positionals: [] }, (m) => out.push(m));
    return { ok: true, out: out.join("\n") };
  } catch (e) {
    return { ok: false, out: `${out.join("\n")}\n${(e as Error).message}` };
  }
};
const count = async () =>
  Number(
    (
      await withTenant(db, { tenantId, actor: { userId: null, label: "t" } }, (tx) =>
        rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM mon_observations`),
      )
    )[0].n,
  );

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
  tenantId = (
    await withSystem(db, (tx) =>
      createTenant(tx, { slug: "koeln", name: "Stadt Köln", kind: "kommune", ags: "05315000" }),
    )
  ).id;
  await withTenant(db, { tenantId, actor: { userId: null, label: "t" } }, async (tx) => {
    await ensureIndicators(tx, [...CORE_SET, ...KOELN_LOCAL]);
    for (const p of [ObservationProfile.parse(bev), AreaProfile.parse(bez), AreaProfile.parse(teile)])
      await saveProfile(tx, p);
    await createArea(tx, { level: "stadt", key: "0", name: "Stadt Köln" });
  });
});
afterAll(async () => {
  await cleanup();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("monitoring:import (CLI)", () => {
  const d = koelnDataDir()!;
  it("imports areas from GeoJSON and a shapefile set, reporting what it matched", async () => {
    let r = await run("monitoring:import", {
      tenant: "koeln",
      profile: "koeln-stadtbezirke",
      file: path.join(d, "stadtbezirke.geojson"),
    });
    expect(r.out).toContain("9 Gebiete neu");
    r = await run("monitoring:import", {
      tenant: "koeln",
      profile: "koeln-stadtteile",
      file: ["shp", "dbf", "prj"].map((e) => path.join(d, `stadtteile.${e}`)).join(","),
    });
    expect(r.out).toContain("86 Gebiete neu, 0 aktualisiert, 0 nicht zugeordnet");
    // KML of the same Stadtteile, matched on the existing keys: all updated, none new.
    const kmlProfile = path.join(tmp, "kml.json");
    fs.writeFileSync(kmlProfile, JSON.stringify({ ...teile, name: "koeln-stadtteile-kml", matchOnly: true }));
    r = await run("monitoring:import", {
      tenant: "koeln",
      profile: kmlProfile,
      file: path.join(d, "stadtteile.kml"),
      "dry-run": true,
    });
    expect(r.out).toContain("Probelauf: 0 Gebiete neu, 86 aktualisiert, 0 nicht zugeordnet");
  });

  it("dry run, commit, idempotent re-run and German errors", async () => {
    const file = path.join(d, "bevoelkerung.csv");
    // The profile maps only some of the file's series: the rows of the others are skipped, each one
    // listed, and the command fails until that is accepted.
    let r = await run("monitoring:import", { tenant: "koeln", profile: "koeln-bevoelkerung", file, "dry-run": true });
    expect(r.ok).toBe(false);
    expect(r.out).toMatch(/Zeile \d+: übersprungen: die Reihe „.+“ ist keinem Indikator zugeordnet/);
    expect(r.out).toMatch(/\d+ Zeile\(n\) übersprungen – nichts wurde übernommen/);
    r = await run("monitoring:import", { tenant: "koeln", profile: "koeln-bevoelkerung", file });
    expect(r.ok).toBe(false);
    expect(await count()).toBe(0);
    r = await run("monitoring:import", {
      tenant: "koeln",
      profile: "koeln-bevoelkerung",
      file,
      "dry-run": true,
      "accept-skipped": true,
    });
    expect(r.ok).toBe(true);
    expect(r.out).toContain("Nichts wurde übernommen");
    expect(await count()).toBe(0);
    r = await run("monitoring:import", {
      tenant: "koeln",
      profile: "koeln-bevoelkerung",
      file,
      "accept-skipped": true,
    });
    expect(r.out).toMatch(/Übernommen \(Import [0-9a-f-]+\): \d+ neu, 0 geändert/);
    const n = await count();
    expect(n).toBeGreaterThan(10000);
    r = await run("monitoring:import", {
      tenant: "koeln",
      profile: "koeln-bevoelkerung",
      file,
      "accept-skipped": true,
    });
    expect(r.out).toContain("bereits importiert");
    expect(await count()).toBe(n);

    const bad = path.join(tmp, "bad.csv");
    fs.writeFileSync(
      bad,
      "id,tab_id,tabelle,jahr,raum_id,raum,zei_id,zeile,zahl\nx,005,Einwohner in Köln,2013,101,Altstadt/Süd,10,Einwohner,12\nx,005,Einwohner in Köln,2013,555,Nirgendwo,10,Einwohner,12\n",
    );
    r = await run("monitoring:import", { tenant: "koeln", profile: "koeln-bevoelkerung", file: bad });
    expect(r.ok).toBe(false);
    expect(r.out).toContain("Zeile 3: Das Gebiet „555 Nirgendwo“ ist nicht bekannt");
    expect(r.out).toContain("nichts wurde übernommen");
    expect(await count()).toBe(n);
    expect((await run("monitoring:import", { tenant: "gibtsnicht", profile: "x", file })).out).toContain(
      "Den Mandanten „gibtsnicht“ gibt es nicht.",
    );
    expect((await run("monitoring:import", { tenant: "koeln", profile: "fehlt", file })).out).toContain(
      "Das Importprofil „fehlt“ gibt es",
    );
  });

  it("lists skipped rows by number and fails unless --accept-skipped; nothing is written without it", async () => {
    const profile = path.join(tmp, "skip.json");
    fs.writeFileSync(
      profile,
      JSON.stringify({
        kind: "observations",
        name: "cli-skip",
        layout: "long",
        area: { column: "Gebiet" },
        period: { fixed: "2031" },
        value: { column: "Anzahl" },
        indicator: "einwohner",
        unmatchedAreas: "skip",
      }),
    );
    const file = path.join(tmp, "skip.csv");
    fs.writeFileSync(file, "Gebiet;Anzahl\n101;1.675\n555;12\n102;-\n");
    const n = await count();
    for (const dry of [true, false]) {
      const r = await run("monitoring:import", { tenant: "koeln", profile, file, "dry-run": dry });
      expect(r.ok).toBe(false);
      expect(r.out).toContain("Übersprungen: 1");
      expect(r.out).toContain("Zeile 3: übersprungen: das Gebiet „555“ ist nicht zugeordnet");
      expect(r.out).toContain("1 Zeile(n) übersprungen – nichts wurde übernommen. Mit --accept-skipped");
      expect(await count()).toBe(n);
    }
    const r = await run("monitoring:import", { tenant: "koeln", profile, file, "accept-skipped": true });
    expect(r.ok).toBe(true);
    expect(r.out).toContain("Zeile 3: übersprungen");
    expect(r.out).toMatch(/Übernommen \(Import [0-9a-f-]+\): 2 neu/);
    expect(await count()).toBe(n + 2);
  });
});

describe("import profiles between the CLI and the tenant", () => {
  const scope = () => ({ tenantId, actor: { userId: null, label: "t" } });
  const stored = async (name: string) =>
    withTenant(db, scope(), (tx) => getProfile(tx, name)).then((p) => (p ? JSON.parse(JSON.stringify(p)) : p));
  const profileRows = async () =>
    Number(
      (
        await withSystem(db, (tx) => rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM mon_import_profiles`))
      )[0].n,
    );
  const audits = async (name: string) =>
    (
      await withSystem(db, (tx) =>
        rows<{ action: string }>(
          tx,
          sql`SELECT action FROM audit_log WHERE entity = 'mon_import_profile' AND entity_id = ${name} ORDER BY at`,
        ),
      )
    ).map((r) => r.action);
  const write = (name: string, content: unknown) => {
    const f = path.join(tmp, name);
    fs.writeFileSync(f, typeof content === "string" ? content : JSON.stringify(content));
    return f;
  };
  const runde = {
    kind: "observations",
    name: "cli-runde",
    description: "Einwohner je Testquartier",
    layout: "long",
    area: { column: "Gebiet", level: "quartier" },
    period: { fixed: "2030" },
    value: { column: "Anzahl" },
    indicator: "einwohner",
  };
  let aachenId: string;

  beforeAll(async () => {
    aachenId = (
      await withSystem(db, (tx) =>
        createTenant(tx, { slug: "aachen", name: "Stadt Aachen", kind: "kommune", ags: "05334002" }),
      )
    ).id;
    await withTenant(db, scope(), async (tx) => {
      await createArea(tx, { level: "quartier", key: "Q1", name: "Testquartier 1" });
      await createArea(tx, { level: "quartier", key: "Q2", name: "Testquartier 2" });
    });
  });

  it("profile-save refuses an invalid profile with German errors and their paths, and stores nothing", async () => {
    const before = await profileRows();
    const bad = write("falsch.json", {
      kind: "observations",
      name: "cli-falsch",
      layout: "long",
      area: { column: "" },
      period: { column: "Jahr", fixed: "2030" },
      value: { column: "Anzahl" },
    });
    let r = await run("monitoring:profile-save", { tenant: "koeln", file: bad });
    expect(r.ok).toBe(false);
    expect(r.out).toContain(`Das Profil in „${bad}“ ist ungültig, nichts wurde gespeichert:`);
    expect(r.out).toContain("area.column: Spaltenname fehlt.");
    expect(r.out).toMatch(/\n {2}period: \S/);
    expect(r.out).toMatch(/\n {2}indicator: \S/);
    // The same lines as parseProfile's own, which monitoring:import prints for a file profile.
    const own = parseProfile(JSON.parse(fs.readFileSync(bad, "utf8")));
    expect(own.ok).toBe(false);
    if (!own.ok) for (const e of own.errors) expect(r.out).toContain(`  ${e}`);

    r = await run("monitoring:profile-save", { tenant: "koeln", file: write("kaputt.json", '{"kind": "areas",') });
    expect(r.ok).toBe(false);
    expect(r.out).toContain("Die Datei ist kein gültiges JSON.");
    r = await run("monitoring:profile-save", {
      tenant: "koeln",
      file: write("steuer.json", { ...runde, name: "zwei\nZeilen" }),
    });
    expect(r.ok).toBe(false);
    expect(r.out).toContain("name: Der Name darf keine Zeilenumbrüche");
    r = await run("monitoring:profile-save", { tenant: "koeln", file: path.join(tmp, "gibtsnicht.json") });
    expect(r.out).toContain("gibt es nicht");
    expect((await run("monitoring:profile-save", { tenant: "koeln" })).out).toContain("Die Option --file fehlt.");
    expect(await profileRows()).toBe(before);
    expect(await audits("cli-falsch")).toEqual([]);
  });

  it("profile-save creates, then replaces, audited each time", async () => {
    const file = write("runde.json", runde);
    let r = await run("monitoring:profile-save", { tenant: "koeln", file });
    expect(r).toEqual({ ok: true, out: "Importprofil „cli-runde“ (Werte) neu angelegt." });
    expect((await stored("cli-runde")).description).toBe("Einwohner je Testquartier");
    r = await run("monitoring:profile-save", {
      tenant: "koeln",
      file: write("runde2.json", { ...runde, source: "Test" }),
    });
    expect(r).toEqual({ ok: true, out: "Importprofil „cli-runde“ (Werte) ersetzt." });
    expect((await stored("cli-runde")).source).toBe("Test");
    expect(await audits("cli-runde")).toEqual(["create", "update"]);
  });

  it("profile-export gives JSON that profile-save and monitoring:import --profile take back unchanged", async () => {
    const out = path.join(tmp, "export.json");
    for (const name of ["cli-runde", "koeln-bevoelkerung", "koeln-stadtteile"]) {
      const before = await stored(name);
      let r = await run("monitoring:profile-export", { tenant: "koeln", profile: name, out });
      expect(r.ok).toBe(true);
      expect(r.out).toContain(`Importprofil „${name}“`);
      const text = fs.readFileSync(out, "utf8");
      expect(JSON.parse(text)).toEqual(before);
      expect(text).toContain('\n  "kind": '); // pretty, for reading and diffs
      // Printed, the same text.
      r = await run("monitoring:profile-export", { tenant: "koeln", profile: name });
      expect(r).toEqual({ ok: true, out: text.trimEnd() });
      r = await run("monitoring:profile-save", { tenant: "koeln", file: out });
      expect(r.out).toContain("ersetzt");
      expect(await stored(name)).toEqual(before);
    }

    // The exported file imports exactly as the stored profile does.
    await run("monitoring:profile-export", { tenant: "koeln", profile: "cli-runde", out });
    const csv = write("runde.csv", "Gebiet;Anzahl\nQ1;5\nQ2;7\n");
    const byFile = await run("monitoring:import", { tenant: "koeln", profile: out, file: csv, "dry-run": true });
    const byName = await run("monitoring:import", {
      tenant: "koeln",
      profile: "cli-runde",
      file: csv,
      "dry-run": true,
    });
    expect(byFile.ok).toBe(true);
    expect(byFile.out).toContain("Probelauf: 2 neu, 0 geändert, 0 unverändert.");
    expect(byFile.out).toBe(byName.out);

    expect((await run("monitoring:profile-export", { tenant: "koeln", profile: "fehlt" })).out).toContain(
      "Das Importprofil „fehlt“ gibt es in diesem Mandanten nicht.",
    );
    expect((await run("monitoring:profile-export", { tenant: "koeln" })).out).toContain("Die Option --profile fehlt.");
  });

  it("profiles lists name, kind and change; a tenant sees only its own", async () => {
    const r = await run("monitoring:profiles", { tenant: "koeln" });
    expect(r.ok).toBe(true);
    const lines = r.out.split("\n");
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual([
      "cli-runde",
      "koeln-bevoelkerung",
      "koeln-stadtbezirke",
      "koeln-stadtteile",
    ]);
    expect(lines[0]).toMatch(/^cli-runde\s+Werte\s+geändert \d\d\.\d\d\.\d{4} \d\d:\d\d$/);
    expect(lines[2]).toMatch(/^koeln-stadtbezirke\s+Gebiete\s+geändert /);

    expect((await run("monitoring:profiles", { tenant: "aachen" })).out).toContain(
      "Es gibt keine gespeicherten Importprofile.",
    );
    expect((await run("monitoring:profile-export", { tenant: "aachen", profile: "cli-runde" })).ok).toBe(false);
    // Stored in Aachen, the same file is Aachen's profile; Köln's stays as it was.
    const koeln = await stored("cli-runde");
    const out = path.join(tmp, "fuer-aachen.json");
    await run("monitoring:profile-export", { tenant: "koeln", profile: "cli-runde", out });
    fs.writeFileSync(out, JSON.stringify({ ...JSON.parse(fs.readFileSync(out, "utf8")), description: "Aachen" }));
    expect((await run("monitoring:profile-save", { tenant: "aachen", file: out })).out).toContain("neu angelegt");
    expect((await run("monitoring:profiles", { tenant: "aachen" })).out).toMatch(/^cli-runde\s+Werte/);
    expect(await stored("cli-runde")).toEqual(koeln);
    const inAachen = await withTenant(db, { tenantId: aachenId, actor: { userId: null, label: "t" } }, (tx) =>
      getProfile(tx, "cli-runde"),
    );
    expect(inAachen?.description).toBe("Aachen");
  });
});
