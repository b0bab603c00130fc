import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb, tenantIds } from "../../../tests/support/db";
import { taxonomyUsage } from "../../../tests/support/app";
import type { Database, Tx } from "../db/client";
import { rows, withSystem, withTenant } from "../db/context";
import { createTenant } from "../tenancy/service";
import { getT } from "../i18n";
import { termLabel } from "./label";
import {
  applyPreset,
  createTerm,
  deleteTerm,
  getTerm,
  LAND_FIELDS,
  listTerms,
  moveTerm,
  renameTerm,
  type Term,
} from "./service";

let db: Database;
let cleanup: () => Promise<void>;
let aachen: string, koeln: string;
const inTenant = <T>(tenantId: string, fn: (tx: Tx) => Promise<T>) =>
  withTenant(db, { tenantId, actor: { userId: null, label: "Test" } }, fn);

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true, modules: true }));
  ({ aachen, koeln } = await tenantIds(db));
});
afterAll(async () => {
  await cleanup();
});

/** A tenant of its own with an empty taxonomy. */
async function freshTenant(slug: string): Promise<string> {
  const t = await withSystem(db, (tx) =>
    createTenant(tx, { slug, name: `Test ${slug}`, kind: "kommune", ags: "05334002" }),
  );
  return t.id;
}

describe("presets", () => {
  it("Aachen gives exactly its 7 Handlungsfelder, each mapped to a Land field; again adds nothing", async () => {
    const id = await freshTenant("preset-aachen");
    const r = await inTenant(id, (tx) => applyPreset(tx, "aachen"));
    expect(r.ok && r.value.length).toBe(7);
    const list = await inTenant(id, (tx) => listTerms(tx, "handlungsfeld"));
    expect(list.map((t) => t.name)).toEqual([
      "Sprache / Bildung",
      "Arbeit / Weiterbildung",
      "Wohnen / Sozialplanung",
      "Kultur / Religion",
      "Sport / Gesundheit",
      "Sicherheit / Rassismus / Religiöser Extremismus",
      "Öffentlichkeitsarbeit / Presse",
    ]);
    for (const t of list) expect(LAND_FIELDS, t.name).toContain(t.landField);
    expect(list.find((t) => t.code === "wohnen_sozialplanung")?.landField).toBe("wohnen");
    for (const bad of ["constructor", "__proto__", "bayern"])
      expect((await inTenant(id, (tx) => applyPreset(tx, bad as "aachen"))).ok, bad).toBe(false);
    const again = await inTenant(id, (tx) => applyPreset(tx, "aachen"));
    expect(again.ok && again.value.length).toBe(0);
    expect(await inTenant(id, (tx) => listTerms(tx, "handlungsfeld"))).toHaveLength(7);
  });

  it("Hessen gives exactly its 10, mapped; a preset term is translated, a tenant's own falls back to German", async () => {
    const id = await freshTenant("preset-hessen");
    const r = await inTenant(id, (tx) => applyPreset(tx, "hessen"));
    expect(r.ok && r.value.length).toBe(10);
    const list = await inTenant(id, (tx) => listTerms(tx, "handlungsfeld"));
    expect(list).toHaveLength(10);
    expect(list[0].name).toBe("Interkulturelle Orientierung und Öffnung");
    expect(list.at(-1)!.name).toBe("Abbau von Diskriminierung");
    for (const t of list) expect(LAND_FIELDS, t.name).toContain(t.landField);
    expect(list.find((t) => t.code === "sprachfoerderung")?.landField).toBe("kita_sprache");
    const sprache = list.find((t) => t.code === "sprachfoerderung")!;
    expect(termLabel(getT("tr"), "tr", sprache)).toBe("Dil desteği");
    expect(termLabel(getT("de"), "de", sprache)).toBe("Sprachförderung");
    const own = await inTenant(id, (tx) => createTerm(tx, "handlungsfeld", { name: "Quartiersarbeit" }));
    expect(own.ok).toBe(true);
    if (own.ok) {
      expect(own.value.code).toBe("quartiersarbeit");
      expect(termLabel(getT("ar"), "ar", own.value)).toBe("Quartiersarbeit");
    }
  });
});

describe("editing", () => {
  it("refuses a duplicate name in German, keeps the code on rename and drops the preset key, reorders", async () => {
    const id = await freshTenant("edit");
    await inTenant(id, (tx) => applyPreset(tx, "aachen"));
    const dup = await inTenant(id, (tx) => createTerm(tx, "handlungsfeld", { name: "sprache / bildung" }));
    expect(dup.ok).toBe(false);
    if (!dup.ok)
      expect(getT("de")(dup.error.code, dup.error.params)).toBe("„sprache / bildung“ steht schon in der Liste.");
    const [first, second] = await inTenant(id, (tx) => listTerms(tx, "handlungsfeld"));
    const renamed = await inTenant(id, (tx) =>
      renameTerm(tx, first.id, { name: "Sprache und Bildung", landField: "bildung" }),
    );
    expect(renamed.ok && [renamed.value.code, renamed.value.presetKey]).toEqual(["sprache_bildung", null]);
    const clash = await inTenant(id, (tx) => renameTerm(tx, second.id, { name: "Sprache und Bildung" }));
    expect(clash.ok).toBe(false);
    await inTenant(id, (tx) => moveTerm(tx, second.id, "up"));
    const after = await inTenant(id, (tx) => listTerms(tx, "handlungsfeld"));
    expect(after.slice(0, 2).map((t) => t.id)).toEqual([second.id, first.id]);
    expect(after.map((t) => t.position)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});

describe("one taxonomy for concept, monitoring and atlas", () => {
  let term: Term;
  beforeAll(async () => {
    term = (await inTenant(koeln, (tx) => listTerms(tx, "handlungsfeld"))).find((t) => t.code === "sprache_bildung")!;
    expect(term).toBeTruthy();
  });

  // The kernel imports no module: the modules' own tests use their services, this one their tables.
  const indicator = (tx: Tx, code: string, fieldId: string) =>
    tx.execute(sql`INSERT INTO mon_indicators (tenant_id, code, name, field_id, dimension, unit)
      VALUES (app_tenant_id(), ${code}, ${code}, ${fieldId}, 'sozial', '%')`);

  it("the same term tags concept measures, an indicator and atlas offers", async () => {
    const count = async () =>
      Object.fromEntries((await inTenant(koeln, (tx) => taxonomyUsage(tx, [term]))).map((u) => [u.labelKey, u.count]));
    // The starter catalogue's "Bildung" indicators found Köln's "Sprache / Bildung" by its Land field.
    const before = (await count())["monitoring.taxonomyUse.indicators"];
    expect(before).toBeGreaterThan(0);
    await inTenant(koeln, (tx) => indicator(tx, "sprachkurs_quote", term.id));
    const by = await count();
    expect(by["concept.taxonomyUse.measures"]).toBeGreaterThan(0);
    expect(by["monitoring.taxonomyUse.indicators"]).toBe(before + 1);
    expect(by["atlas.taxonomyUse.entries"]).toBeGreaterThan(0);
    // The concept's measures, the indicator and the offers point at this very row.
    const [m] = await inTenant(koeln, (tx) =>
      rows<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM concept_measure_handlungsfelder WHERE handlungsfeld_id = ${term.id}`,
      ),
    );
    expect(m.n).toBe(by["concept.taxonomyUse.measures"]);
  });

  it("refuses to delete a term while a measure, an indicator or an offer uses it, in German", async () => {
    const r = await inTenant(koeln, (tx) => deleteTerm(tx, term.id, taxonomyUsage));
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(getT("de")(r.error.code, r.error.params)).toMatch(/^„Sprache \/ Bildung“ wird noch \d+-mal verwendet/);
    expect(await inTenant(koeln, (tx) => getTerm(tx, term.id))).toBeTruthy();

    // Only an indicator: refused.
    const f = await inTenant(koeln, (tx) => createTerm(tx, "handlungsfeld", { name: "Nur Monitoring" }));
    if (!f.ok) throw new Error("term");
    await inTenant(koeln, (tx) => indicator(tx, "nur_monitoring", f.value.id));
    expect((await inTenant(koeln, (tx) => deleteTerm(tx, f.value.id, taxonomyUsage))).ok).toBe(false);

    // Only an offer (a target group of an atlas entry): refused; an unused one goes.
    const youth = (await inTenant(koeln, (tx) => listTerms(tx, "target_group"))).find((t) => t.code === "youth")!;
    const [{ n }] = await inTenant(koeln, (tx) =>
      rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM atlas_entries WHERE 'youth' = ANY(target_groups)`),
    );
    expect(n).toBeGreaterThan(0);
    expect((await inTenant(koeln, (tx) => deleteTerm(tx, youth.id, taxonomyUsage))).ok).toBe(false);
    const unused = await inTenant(koeln, (tx) => createTerm(tx, "target_group", { name: "Niemand" }));
    if (!unused.ok) throw new Error("term");
    expect((await inTenant(koeln, (tx) => deleteTerm(tx, unused.value.id, taxonomyUsage))).ok).toBe(true);
    expect(await inTenant(koeln, (tx) => getTerm(tx, unused.value.id))).toBeUndefined();
  });
});

describe("tenant isolation", () => {
  it("another tenant's terms are invisible and cannot be written", async () => {
    const koelnTerms = await inTenant(koeln, (tx) => listTerms(tx, "handlungsfeld"));
    const aachenTerms = await inTenant(aachen, (tx) => listTerms(tx, "handlungsfeld"));
    expect(aachenTerms.length).toBeGreaterThan(0);
    const seen = new Set(aachenTerms.map((t) => t.id));
    for (const t of koelnTerms) expect(seen.has(t.id)).toBe(false);
    expect(await inTenant(aachen, (tx) => getTerm(tx, koelnTerms[0].id))).toBeUndefined();
    // Rename and delete of a foreign id find nothing.
    expect((await inTenant(aachen, (tx) => renameTerm(tx, koelnTerms[0].id, { name: "Fremd" }))).ok).toBe(false);
    expect((await inTenant(aachen, (tx) => deleteTerm(tx, koelnTerms[0].id, taxonomyUsage))).ok).toBe(false);
    // Writing a row for Köln from Aachen's transaction is refused by the policy.
    await expect(
      inTenant(aachen, (tx) =>
        tx.execute(
          sql`INSERT INTO taxonomy_terms (tenant_id, kind, code, name, short_name) VALUES (${koeln}, 'handlungsfeld', 'fremd', 'Fremd', 'F')`,
        ),
      ),
    ).rejects.toThrow();
    expect((await inTenant(koeln, (tx) => getTerm(tx, koelnTerms[0].id)))?.name).toBe(koelnTerms[0].name);
  });
});
