import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb } from "../../../tests/support/db";
import { ensureAtlasTerms } from "./terms";
import type { Database, Tx } from "~/kernel/db/client";
import { withSystem, withTenant } from "~/kernel/db/context";
import { createTenant } from "~/kernel/tenancy/service";
import { createEntry, EntryInput, searchEntries, type Actor } from "./service";

// Typo-tolerant search: exact hits and trigram near misses in one query, and "Meinten Sie …?".
let db: Database;
let cleanup: () => Promise<void>;
let tenantId: string, otherTenantId: string;
const staff: Actor = { role: "editor", organisationId: null, userId: null };

const inT = <T>(fn: (tx: Tx) => Promise<T>, id = tenantId) =>
  withTenant(db, { tenantId: id, actor: { userId: null, label: "Test" } }, fn);

async function add(title: string, id = tenantId, description = "Beschreibung") {
  const input = EntryInput.parse({
    kind: "offer",
    organisationId: null,
    handlungsfelder: ["sprache_bildung"],
    targetGroups: ["newcomers"],
    languages: ["de"],
    germanLevel: "good",
    cost: "free",
    translations: { de: { title, description } },
    places: [],
  });
  const r = await inT((tx) => createEntry(tx, staff, input, { areas: null }), id);
  if (!r.ok) throw new Error(title);
  return r.value.id;
}

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
  await withSystem(db, async (tx) => {
    tenantId = (await createTenant(tx, { slug: "suchdorf", name: "Suchdorf", kind: "kommune", ags: "05334997" })).id;
    otherTenantId = (await createTenant(tx, { slug: "nebenan", name: "Nebenan", kind: "kommune", ags: "05334996" })).id;
  });
  // Entries carry codes of the tenant's taxonomy (decision 0037).
  for (const t of [tenantId, otherTenantId]) await inT(ensureAtlasTerms, t);
  await add("Deutschkurse am Abend");
  await add("Deutschkurse für Frauen");
  // Not found by stemming ("deutsch-kurs" is split at the hyphen), but close in trigrams.
  await add("Deutsch-Kurs für Senioren");
  await add("Schwimmkurs im Hallenbad");
  // "Deutsch" only in the description: a near miss counts in titles only.
  await add("Nähcafé", tenantId, "Wir sprechen Deutsch und Arabisch.");
  // Hidden from the public in three ways: archived, expired, another tenant.
  const archived = await add("Hausaufgabenhilfe archiviert");
  const expired = await add("Hausaufgabenhilfe abgelaufen");
  await inT((tx) =>
    tx.execute(sql`UPDATE atlas_entries SET status = CASE WHEN id = ${archived}::uuid THEN 'archived' ELSE status END,
      valid_until = CASE WHEN id = ${expired}::uuid THEN current_date - 1 END WHERE id IN (${archived}::uuid, ${expired}::uuid)`),
  );
  await add("Hausaufgabenhilfe im anderen Mandanten", otherTenantId);
});
afterAll(async () => {
  await cleanup?.();
});

const titles = (r: { items: { title: string }[] }) => r.items.map((i) => i.title);

describe("typo-tolerant search", () => {
  it("ranks exact hits above near misses in one list", async () => {
    const r = await inT((tx) => searchEntries(tx, { q: "Deutschkurs" }));
    expect(r.total).toBe(3);
    expect(titles(r).slice(0, 2).sort()).toEqual(["Deutschkurse am Abend", "Deutschkurse für Frauen"]);
    expect(titles(r)[2]).toBe("Deutsch-Kurs für Senioren");
    expect(r.suggestion).toBeUndefined();
  });

  it("finds the near misses for a typo that stemming cannot match", async () => {
    const r = await inT((tx) => searchEntries(tx, { q: "Deutschkrs" }));
    expect([...titles(r)].sort()).toEqual([
      "Deutsch-Kurs für Senioren",
      "Deutschkurse am Abend",
      "Deutschkurse für Frauen",
    ]);
  });

  it("adds near misses from titles only, and never one a '-word' of the query excludes", async () => {
    expect(titles(await inT((tx) => searchEntries(tx, { q: "Deutschkrs" })))).not.toContain("Nähcafé");
    // Both websearch exclusions hold for exact hits and near misses alike.
    expect(titles(await inT((tx) => searchEntries(tx, { q: "Deutschkurs -Abend" })))).toEqual([
      "Deutschkurse für Frauen",
      "Deutsch-Kurs für Senioren",
    ]);
    // A word without near misses and an exclusion: nothing, not everything but the excluded.
    expect((await inT((tx) => searchEntries(tx, { q: "Schwimkruz -Abend" }))).total).toBe(0);
    expect(titles(await inT((tx) => searchEntries(tx, { q: "Deutschkurs -Senioren" })))).toEqual([
      "Deutschkurse am Abend",
      "Deutschkurse für Frauen",
    ]);
  });

  it("applies the other filters to near misses as to exact hits", async () => {
    expect((await inT((tx) => searchEntries(tx, { q: "Deutschkrs", art: "network" }))).total).toBe(0);
    expect((await inT((tx) => searchEntries(tx, { q: "Deutschkrs", art: "offer" }))).total).toBe(3);
    expect((await inT((tx) => searchEntries(tx, { q: "Deutschkrs", kosten: "paid" }))).total).toBe(0);
  });

  it("keeps hidden and foreign entries out of exact hits and near misses", async () => {
    for (const q of ["Hausaufgabenhilfe", "Hausaufgabenhilf", "Hausaufgabnhilfe"])
      expect((await inT((tx) => searchEntries(tx, { q }))).total).toBe(0);
    expect((await inT((tx) => searchEntries(tx, { q: "Hausaufgabenhilfe" }), otherTenantId)).total).toBe(1);
  });

  it("suggests a spelling for a query without hits ('Meinten Sie …?')", async () => {
    const r = await inT((tx) => searchEntries(tx, { q: "Schwimkruz" }));
    expect(r.total).toBe(0);
    expect(r.suggestion).toBe("schwimmkurs");
    const followed = await inT((tx) => searchEntries(tx, { q: r.suggestion }));
    expect(titles(followed)).toEqual(["Schwimmkurs im Hallenbad"]);
    // Word by word: the correct word stays, the misspelt one is replaced.
    expect((await inT((tx) => searchEntries(tx, { q: "Schwimkruz hallenbad" }))).suggestion).toBe(
      "schwimmkurs hallenbad",
    );
  });

  it("suggests nothing from hidden or foreign entries, nor what the other filters exclude", async () => {
    expect((await inT((tx) => searchEntries(tx, { q: "Hausaufgabnhlfe" }))).suggestion).toBeUndefined();
    expect((await inT((tx) => searchEntries(tx, { q: "Schwimkruz", art: "network" }))).suggestion).toBeUndefined();
    // Where the entry is public, the same typo finds it.
    expect((await inT((tx) => searchEntries(tx, { q: "Hausaufgabnhlfe" }), otherTenantId)).total).toBe(1);
  });
});
