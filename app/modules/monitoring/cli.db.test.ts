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
import { saveProfile, ObservationProfile } from "./services/importer";
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
