import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import { sql } from "drizzle-orm";
import { createTestDb } from "../../../tests/support/db";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withSystem, withTenant } from "~/kernel/db/context";
import { getT } from "~/kernel/i18n";
import { termLabel } from "~/kernel/taxonomy/label";
import { listTerms } from "~/kernel/taxonomy/service";
import { createTenant } from "~/kernel/tenancy/service";
import { CORE_SET } from "./catalogue";
import { ensureIndicators } from "./services/indicators";
import { CATALOGUE_LAND_FIELDS } from "./shared";

// The Handlungsfelder the starter catalogue makes for a tenant that has none mapped to a Land field
// ("Demografie") are preset terms (land_<field>), so the atlas, the concept and the monitoring show
// them translated on English and the other public pages instead of in German, unmarked. Migration
// 0212 gives the fields made before the same key, unless the tenant renamed or translated them.

let db: Database, cleanup: () => Promise<void>;
let seq = 0;
const tenant = async () =>
  (
    await withSystem(db, (tx) =>
      createTenant(tx, { slug: `felder${seq}`, name: `Stadt Felder ${seq}`, kind: "kommune", ags: `0599980${seq++}` }),
    )
  ).id;
const inT = <T>(tenantId: string, fn: (tx: Tx) => Promise<T>) =>
  withTenant(db, { tenantId, actor: { userId: null, label: "Test" } }, fn);

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
});
afterAll(async () => {
  await cleanup?.();
});

describe("Handlungsfelder made by the starter catalogue", () => {
  it("are preset terms, named in every public language", async () => {
    const id = await tenant();
    const fields = await inT(id, async (tx) => {
      expect(await listTerms(tx, "handlungsfeld")).toEqual([]);
      await ensureIndicators(tx, CORE_SET);
      return listTerms(tx, "handlungsfeld");
    });
    const made = fields.filter((f) => Object.hasOwn(CATALOGUE_LAND_FIELDS, f.name));
    expect(made.map((f) => f.name).sort()).toEqual([...new Set(CORE_SET.map((i) => i.field))].sort());
    for (const f of made) {
      expect(f.presetKey).toBe(`land_${CATALOGUE_LAND_FIELDS[f.name]}`);
      expect(f.landField).toBe(CATALOGUE_LAND_FIELDS[f.name]);
      expect(termLabel(getT("de"), "de", f)).toBe(f.name);
      for (const lang of ["en", "ar", "uk"])
        expect(termLabel(getT(lang), lang, f), `${lang} ${f.name}`).not.toBe(f.name);
    }
    expect(
      termLabel(
        getT("en"),
        "en",
        made.find((f) => f.name === "Demografie")!,
      ),
    ).toBe("Demography");
  });

  it("made before get their key from migration 0212, unless the tenant made them its own", async () => {
    const id = await tenant();
    await inT(id, (tx) =>
      tx.execute(sql`INSERT INTO taxonomy_terms (tenant_id, kind, code, name, short_name, name_en, land_field)
        VALUES (app_tenant_id(), 'handlungsfeld', 'demografie', 'Demografie', 'Demografie', NULL, 'demografie'),
               (app_tenant_id(), 'handlungsfeld', 'wohnen', 'Wohnen im Quartier', 'Wohnen', NULL, 'wohnen'),
               (app_tenant_id(), 'handlungsfeld', 'gesundheit', 'Gesundheit', 'Gesundheit', 'Health care', 'gesundheit'),
               (app_tenant_id(), 'handlungsfeld', 'bildung', 'Bildung', 'Bildung', NULL, 'arbeitsmarkt')`),
    );
    const script = fs.readFileSync(
      new URL("./migrations/0212_monitoring_catalogue_fields_preset.sql", import.meta.url),
      "utf8",
    );
    await db.execScript(script);
    // Run twice, as a migration may be when a later one fails: the second run changes nothing.
    await db.execScript(script);
    const keys = await withSystem(db, (tx) =>
      rows<{ name: string; preset_key: string | null }>(
        tx,
        sql`SELECT name, preset_key FROM taxonomy_terms WHERE tenant_id = ${id}::uuid ORDER BY name`,
      ),
    );
    expect(keys).toEqual([
      { name: "Bildung", preset_key: null },
      { name: "Demografie", preset_key: "land_demografie" },
      { name: "Gesundheit", preset_key: null },
      { name: "Wohnen im Quartier", preset_key: null },
    ]);
  });
});
