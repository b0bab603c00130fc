import { translateError } from "~/kernel/errors";
import { getT } from "~/kernel/i18n";
import fs from "node:fs";
import path from "node:path";
import { sharedData } from "~/kernel/config";
import type { Database } from "~/kernel/db/client";
import { withSystem, withTenant } from "~/kernel/db/context";
import { getTenantBySlug } from "~/kernel/tenancy/service";
import { CORE_SET, KOELN_LOCAL } from "./catalogue";
import { AreaProfile, createArea, listAreas } from "./services/areas";
import { importAreaFiles } from "./services/area-files";
import { ensureIndicators } from "./services/indicators";
import { ObservationProfile, runImport, saveProfile } from "./services/importer";
import bevoelkerungProfile from "./profiles/koeln-bevoelkerung.json";
import stadtbezirkeProfile from "./profiles/koeln-stadtbezirke.json";
import stadtteileProfile from "./profiles/koeln-stadtteile.json";

/** The real Köln open data lives outside the repository, in the shared data (SHARED_DATA_DIR). */
export function koelnDataDir(): string | null {
  const dir = sharedData("koeln");
  return dir && fs.existsSync(path.join(dir, "bevoelkerung.csv")) ? dir : null;
}

export async function seedDemo(db: Database, log: (m: string) => void) {
  for (const slug of ["aachen", "staedteregion-aachen", "nrw"]) {
    const t = await withSystem(db, (tx) => getTenantBySlug(tx, slug));
    if (t)
      await withTenant(db, { tenantId: t.id, actor: { userId: null, label: "Demodaten" } }, (tx) =>
        ensureIndicators(tx, CORE_SET),
      );
  }
  const koeln = await withSystem(db, (tx) => getTenantBySlug(tx, "koeln"));
  if (!koeln) return;
  const scope = { tenantId: koeln.id, actor: { userId: null, label: "Demodaten" } };
  const inTx = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db, scope, fn);
  const obsProfile = ObservationProfile.parse(bevoelkerungProfile);
  const bezirke = AreaProfile.parse(stadtbezirkeProfile),
    teile = AreaProfile.parse(stadtteileProfile);
  await inTx(async (tx) => {
    await ensureIndicators(tx, [...CORE_SET, ...KOELN_LOCAL]);
    for (const p of [obsProfile, bezirke, teile]) await saveProfile(tx, p);
  });
  const dir = koelnDataDir();
  if (!dir) {
    log(
      "Monitoring: Kölner Demodaten (koeln in SHARED_DATA_DIR) nicht gefunden – nur der Indikatorkatalog wurde angelegt.",
    );
    return;
  }
  const read = (f: string) => ({ name: f, bytes: new Uint8Array(fs.readFileSync(path.join(dir, f))) });
  await inTx(async (tx) => {
    if (!(await listAreas(tx, "stadt")).length) await createArea(tx, { level: "stadt", key: "0", name: "Stadt Köln" });
    await importAreaFiles(tx, [read("stadtbezirke.geojson")], bezirke, { dryRun: false });
    await importAreaFiles(tx, ["stadtteile.shp", "stadtteile.dbf", "stadtteile.prj"].map(read), teile, {
      dryRun: false,
    });
  });
  const csv = read("bevoelkerung.csv");
  const r = await runImport(inTx, {
    bytes: csv.bytes,
    fileName: csv.name,
    profile: obsProfile,
    dryRun: false,
    actor: { id: null, label: "Demodaten" },
  });
  if (!r.committed && !r.alreadyImported)
    throw new Error(
      `Kölner Demodaten nicht importiert: ${r.errors
        .slice(0, 5)
        .map((e) => `Zeile ${e.line}: ${translateError(getT("de"), e)}`)
        .join("; ")}`,
    );
  log(`Monitoring: Köln – ${r.observations} Werte aus ${r.rowsRead} Zeilen importiert (${r.skipped} übersprungen).`);
}
