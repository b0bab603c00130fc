import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openDatabase, type Database } from "../db/client";
import { rows, withSystem } from "../db/context";
import { listMigrations } from "../db/migrate";
import { migrate, moduleMigrations } from "../../../tests/support/app";
import { TEST_SHARED_BUFFERS } from "../../../tests/support/templates";

// An installation from before the one taxonomy (decision 0037): every migration but the four that
// bring it, with participation's 0400 as it was then (its keys pointed at concept_handlungsfelder).
// Its data in the three old forms must come through the migrations whole. Monitoring's later 0212
// (the catalogue's fields become preset terms) works on the new table, so it runs with them.
const NEW = [
  "0011_taxonomy",
  "0105_concept_one_taxonomy",
  "0207_monitoring_one_taxonomy",
  "0212_monitoring_catalogue_fields_preset",
  "0307_atlas_one_taxonomy",
];
const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";
const HF_SPRACHE = "00000000-0000-4000-8000-000000000101";
const HF_QUARTIER = "00000000-0000-4000-8000-000000000102";
const HF_FOREIGN = "00000000-0000-4000-8000-000000000103";

let db: Database;
const q = <T>(s: ReturnType<typeof sql>) => withSystem(db, (tx) => rows<T>(tx, s));

beforeAll(async () => {
  db = await openDatabase({ dataDir: "memory://", sharedBuffers: TEST_SHARED_BUFFERS });
  await db.execScript(
    `CREATE TABLE schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  for (const m of await listMigrations(moduleMigrations)) {
    if (NEW.includes(m.name)) continue;
    const text =
      m.name === "0400_participation"
        ? m.sql.replaceAll("REFERENCES taxonomy_terms(id)", "REFERENCES concept_handlungsfelder(id)")
        : m.sql;
    await db.execScript(`${text}\n;\nINSERT INTO schema_migrations (name) VALUES ('${m.name}');`);
  }
  await db.execScript(`
    INSERT INTO tenants (id, slug, name, kind, ags) VALUES
      ('${A}', 'alt-a', 'Alt A', 'kommune', '05334002'), ('${B}', 'alt-b', 'Alt B', 'kommune', '05315000');
    INSERT INTO concept_handlungsfelder (id, tenant_id, name, short_name, position) VALUES
      ('${HF_SPRACHE}', '${A}', 'Sprache / Bildung', 'Sprache', 0),
      ('${HF_QUARTIER}', '${A}', 'Quartiersarbeit & Nachbarschaft', 'Quartier', 1),
      ('${HF_FOREIGN}', '${B}', 'Sprache / Bildung', 'Sprache', 0);
    INSERT INTO concept_editions (id, tenant_id, title) VALUES ('00000000-0000-4000-8000-000000000201', '${A}', 'Konzept');
    INSERT INTO concept_goals (id, tenant_id, edition_id, kind, number, title) VALUES
      ('00000000-0000-4000-8000-000000000301', '${A}', '00000000-0000-4000-8000-000000000201', 'themenfeld', '1', 'Themenfeld');
    INSERT INTO concept_goal_handlungsfelder (tenant_id, goal_id, handlungsfeld_id) VALUES
      ('${A}', '00000000-0000-4000-8000-000000000301', '${HF_QUARTIER}');
    INSERT INTO concept_measures (id, tenant_id, edition_id, code, title) VALUES
      ('00000000-0000-4000-8000-000000000401', '${A}', '00000000-0000-4000-8000-000000000201', 'M1', 'Sprachcafé');
    INSERT INTO concept_measure_handlungsfelder (tenant_id, measure_id, handlungsfeld_id) VALUES
      ('${A}', '00000000-0000-4000-8000-000000000401', '${HF_SPRACHE}'),
      ('${A}', '00000000-0000-4000-8000-000000000401', '${HF_QUARTIER}');
    INSERT INTO participation_processes (tenant_id, kind, title, handlungsfeld_id) VALUES
      ('${A}', 'fachgespraech', 'Fachgespräch Quartier', '${HF_QUARTIER}');
    INSERT INTO mon_indicators (tenant_id, code, name, field, dimension, unit) VALUES
      ('${A}', 'einwohner', 'Einwohner', 'Demografie', 'strukturell', 'Personen'),
      ('${A}', 'kita', 'Kita-Besuch', 'sprache / bildung', 'sozial', '%'),
      ('${A}', 'eigen', 'Eigenes', 'Stadtteilkultur', 'kulturell', '%'),
      ('${B}', 'eigen', 'Eigenes', 'Stadtteilkultur', 'kulturell', '%');
    INSERT INTO atlas_entries (tenant_id, status, handlungsfelder, target_groups) VALUES
      ('${A}', 'published', '{sprache_bildung,beratung_orientierung}', '{women,youth}');
  `);
  // The four new migrations, as an update applies them.
  expect(await migrate(db)).toEqual(NEW);
}, 300_000);
afterAll(async () => {
  await db?.close();
});

type TermRow = {
  id: string;
  code: string;
  name: string;
  kind: string;
  preset_key: string | null;
  land_field: string | null;
};
const terms = (tenant: string, kind = "handlungsfeld") =>
  q<TermRow>(
    sql`SELECT id, code, name, kind, preset_key, land_field FROM taxonomy_terms WHERE tenant_id = ${tenant} AND kind = ${kind} ORDER BY position, name`,
  );

describe("the migrations to one taxonomy keep existing data", () => {
  it("moves the concept's Handlungsfelder with their ids; a preset name becomes the preset term", async () => {
    const a = await terms(A);
    const sprache = a.find((t) => t.id === HF_SPRACHE)!;
    expect(sprache).toMatchObject({ code: "sprache_bildung", preset_key: "sprache_bildung", land_field: "bildung" });
    expect(a.find((t) => t.id === HF_QUARTIER)).toMatchObject({
      code: "quartiersarbeit_nachbarschaft",
      name: "Quartiersarbeit & Nachbarschaft",
      preset_key: null,
    });
    expect((await terms(B)).find((t) => t.id === HF_FOREIGN)?.name).toBe("Sprache / Bildung");
    const links = await q<{ m: string; h: string }>(
      sql`SELECT mh.measure_id::text AS m, h.name AS h FROM concept_measure_handlungsfelder mh
          JOIN taxonomy_terms h ON h.id = mh.handlungsfeld_id ORDER BY h.name`,
    );
    expect(links.map((l) => l.h)).toEqual(["Quartiersarbeit & Nachbarschaft", "Sprache / Bildung"]);
    const [g] = await q<{ h: string }>(sql`SELECT handlungsfeld_id::text AS h FROM concept_goal_handlungsfelder`);
    expect(g.h).toBe(HF_QUARTIER);
    const [p] = await q<{ h: string }>(sql`SELECT handlungsfeld_id::text AS h FROM participation_processes`);
    expect(p.h).toBe(HF_QUARTIER);
    // Every key that pointed at the old table points at the kernel's, which is gone.
    const targets = await q<{ t: string; n: number }>(
      sql`SELECT confrelid::regclass::text AS t, count(*)::int AS n FROM pg_constraint
          WHERE contype = 'f' AND conname LIKE '%handlungsfeld_id_fkey' GROUP BY 1`,
    );
    expect(targets).toEqual([{ t: "taxonomy_terms", n: 5 }]);
    const [old] = await q<{ t: string | null }>(sql`SELECT to_regclass('concept_handlungsfelder')::text AS t`);
    expect(old.t).toBeNull();
  });

  it("an indicator's old field text survives as a term: the same name found, a missing one made", async () => {
    const fields = await q<{
      tenant: string;
      code: string;
      term: string;
      land: string | null;
      preset: string | null;
      id: string;
    }>(
      sql`SELECT i.tenant_id::text AS tenant, i.code, t.name AS term, t.land_field AS land, t.preset_key AS preset,
          t.id::text AS id
          FROM mon_indicators i JOIN taxonomy_terms t ON t.id = i.field_id ORDER BY 1, 2`,
    );
    const of = (tenant: string, code: string) => fields.find((f) => f.tenant === tenant && f.code === code)!;
    // The catalogue's field, made from the text, is named in every language from 0212 on.
    expect(of(A, "einwohner")).toMatchObject({ term: "Demografie", land: "demografie", preset: "land_demografie" });
    // "sprache / bildung" is the concept's field (any case): no second term.
    expect(of(A, "kita").id).toBe(HF_SPRACHE);
    expect(of(A, "eigen").term).toBe("Stadtteilkultur");
    expect(of(B, "eigen").term).toBe("Stadtteilkultur");
    expect(of(B, "eigen").id).not.toBe(of(A, "eigen").id);
    expect((await terms(A)).filter((t) => t.name.toLowerCase() === "sprache / bildung")).toHaveLength(1);
  });

  it("the atlas's fixed codes become preset terms; a code the tenant has keeps its term", async () => {
    const hf = await terms(A);
    expect(hf.filter((t) => t.code === "sprache_bildung")).toHaveLength(1);
    expect(hf.find((t) => t.code === "beratung_orientierung")).toMatchObject({
      name: "Beratung und Orientierung",
      preset_key: "beratung_orientierung",
    });
    expect(hf.map((t) => t.code)).toEqual(expect.arrayContaining(["sport_gesundheit", "engagement_teilhabe"]));
    const tg = await terms(A, "target_group");
    expect(tg).toHaveLength(12);
    expect(tg.find((t) => t.code === "women")).toMatchObject({ name: "Frauen", preset_key: "women" });
    // B has no atlas entries: no atlas terms.
    expect(await terms(B, "target_group")).toHaveLength(0);
    const [e] = await q<{ hf: string[] }>(sql`SELECT handlungsfelder AS hf FROM atlas_entries`);
    expect(e.hf).toEqual(["sprache_bildung", "beratung_orientierung"]);
  });
});
