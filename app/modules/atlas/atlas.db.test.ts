import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import fs from "node:fs";
import { createTestDb } from "../../../tests/support/db";
import { ensureAtlasTerms } from "./terms";
import { createTerm } from "~/kernel/taxonomy/service";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withSystem, withTenant } from "~/kernel/db/context";
import { sharedData } from "~/kernel/config";
import { createTenant } from "~/kernel/tenancy/service";
import { createOrganisation } from "~/kernel/organisations/service";
import {
  approveRevision,
  confirmEntry,
  createEntry,
  EntryInput,
  getEntryForEditing,
  getPublicEntry,
  listEntriesForActor,
  moderationQueue,
  rejectRevision,
  runConfirmationCycle,
  searchEntries,
  updateEntry,
  exportEntries,
  type Actor,
} from "./service";
import { findArea, normaliseAreas } from "./areas";
import { gapAnalysis } from "./gaps";

let db: Database;
let cleanup: () => Promise<void>;
let tenantId: string, otherTenantId: string;
let orgA: string, orgB: string;
const staff: Actor = { role: "editor", organisationId: null, userId: null };
let partnerA: Actor, partnerB: Actor;

const inT = <T>(fn: (tx: Tx) => Promise<T>, id = tenantId) =>
  withTenant(db, { tenantId: id, actor: { userId: null, label: "Test" } }, fn);

function input(title: string, over: Partial<Record<string, unknown>> = {}) {
  return EntryInput.parse({
    kind: "offer",
    organisationId: null,
    handlungsfelder: ["sprache_bildung"],
    targetGroups: ["newcomers"],
    languages: ["de"],
    germanLevel: "good",
    cost: "free",
    translations: { de: { title, description: "Beschreibung" } },
    places: [],
    ...over,
  });
}

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
  await withSystem(db, async (tx) => {
    tenantId = (await createTenant(tx, { slug: "testdorf", name: "Testdorf", kind: "kommune", ags: "05334999" })).id;
    otherTenantId = (await createTenant(tx, { slug: "anderswo", name: "Anderswo", kind: "kommune", ags: "05334998" }))
      .id;
  });
  // Entries carry codes of the tenant's taxonomy (decision 0037).
  for (const t of [tenantId, otherTenantId]) await inT(ensureAtlasTerms, t);
  await inT(async (tx) => {
    const a = await createOrganisation(tx, { name: "Anbieter A", kind: "verein" });
    const b = await createOrganisation(tx, { name: "Anbieter B", kind: "verein" });
    if (!a.ok || !b.ok) throw new Error("orgs");
    orgA = a.organisation.id;
    orgB = b.organisation.id;
  });
  await withSystem(db, async (tx) => {
    const [u1] = await rows<{ id: string }>(
      tx,
      sql`INSERT INTO users (email, display_name) VALUES ('partner.a@example.org', 'Partner A') RETURNING id`,
    );
    const [u2] = await rows<{ id: string }>(
      tx,
      sql`INSERT INTO users (email, display_name) VALUES ('staff@example.org', 'Staff') RETURNING id`,
    );
    await tx.execute(
      sql`INSERT INTO memberships (tenant_id, user_id, role, organisation_id) VALUES (${tenantId}, ${u1.id}, 'partner', ${orgA}), (${tenantId}, ${u2.id}, 'editor', NULL)`,
    );
    partnerA = { role: "partner", organisationId: orgA, userId: u1.id };
  });
  partnerB = { role: "partner", organisationId: orgB, userId: null };
  await inT(async (tx) => {
    await createEntry(
      tx,
      staff,
      input("Deutschkurse für Frauen mit Kinderbetreuung", { languages: ["de", "ar"], germanLevel: "none" }),
      { areas: null },
    );
    await createEntry(tx, staff, input("Deutschkurse am Abend", { germanLevel: "good", languages: ["de", "ar"] }), {
      areas: null,
    });
    await createEntry(
      tx,
      staff,
      input("Sprachcafé mit Ukrainisch", { germanLevel: "little", languages: ["de", "uk"] }),
      { areas: null },
    );
    await createEntry(
      tx,
      staff,
      input("Schwimmkurs für Frauen", {
        handlungsfelder: ["sport_gesundheit"],
        germanLevel: "little",
        languages: ["ar"],
        places: [
          { street: "Hauptstraße 1", postcode: "52062", city: "Aachen", lat: 50.77, lon: 6.08, areaName: "Mitte" },
        ],
      }),
      { areas: null },
    );
    await createEntry(tx, staff, input("Bewerbungswerkstatt", { handlungsfelder: ["arbeit_weiterbildung"] }), {
      areas: null,
    });
  });
  await inT((tx) => createEntry(tx, staff, input("Deutschkurse im anderen Mandanten")), otherTenantId);
});
afterAll(async () => {
  await cleanup?.();
});

const titles = (r: { items: { title: string }[] }) => r.items.map((i) => i.title).sort();

describe("public search", () => {
  it("finds 'Deutschkurse …' for 'Deutschkurs' by German stemming, and only in this tenant", async () => {
    const r = await inT((tx) => searchEntries(tx, { q: "Deutschkurs" }));
    expect(titles(r)).toEqual(["Deutschkurse am Abend", "Deutschkurse für Frauen mit Kinderbetreuung"]);
    expect(r.total).toBe(2);
  });

  it("still finds them with the typo 'Deutschkrs'", async () => {
    const r = await inT((tx) => searchEntries(tx, { q: "Deutschkrs" }));
    expect(titles(r)).toEqual(["Deutschkurse am Abend", "Deutschkurse für Frauen mit Kinderbetreuung"]);
  });

  it("folds accents: 'Sprachcafe' finds 'Sprachcafé' by full-text search", async () => {
    const r = await inT((tx) => searchEntries(tx, { q: "Sprachcafe" }));
    expect(titles(r)).toEqual(["Sprachcafé mit Ukrainisch"]);
  });

  it("'little or no German' plus Arabic returns only matching entries", async () => {
    const r = await inT((tx) => searchEntries(tx, { deutsch: "little", sprache: "ar" }));
    expect(titles(r)).toEqual(["Deutschkurse für Frauen mit Kinderbetreuung", "Schwimmkurs für Frauen"]);
    for (const i of r.items) {
      expect(i.languages).toContain("ar");
      expect(["none", "little"]).toContain(i.germanLevel);
    }
  });

  it("filters by Handlungsfeld and Stadtteil", async () => {
    expect(titles(await inT((tx) => searchEntries(tx, { handlungsfeld: "arbeit_weiterbildung" })))).toEqual([
      "Bewerbungswerkstatt",
    ]);
    expect(titles(await inT((tx) => searchEntries(tx, { stadtteil: "Mitte" })))).toEqual(["Schwimmkurs für Frauen"]);
  });

  it("shows the content language asked for and falls back to German", async () => {
    const id = await inT(async (tx) => {
      const r = await createEntry(
        tx,
        staff,
        input("Nachbarschaftstreff", {
          translations: {
            de: { title: "Nachbarschaftstreff", description: "" },
            ar: { title: "ملتقى الجيران", description: "" },
          },
        }),
        { areas: null },
      );
      return r.ok ? r.value.id : "";
    });
    const ar = await inT((tx) => searchEntries(tx, { q: "Nachbarschaftstreff" }, { lang: "ar" }));
    expect(ar.items[0]).toMatchObject({ id, title: "ملتقى الجيران", titleLang: "ar", contentLanguages: ["ar", "de"] });
    const tr = await inT((tx) => searchEntries(tx, { q: "Nachbarschaftstreff" }, { lang: "tr" }));
    expect(tr.items[0]).toMatchObject({ title: "Nachbarschaftstreff", titleLang: "de" });
  });
});

describe("provider self-service and moderation", () => {
  it("a partner's new entry is invisible until approved, then public; each step is audited and mailed", async () => {
    const created = await inT((tx) =>
      createEntry(tx, partnerA, input("Hausaufgabenhilfe Anbieter A", { organisationId: orgB }), { areas: null }),
    );
    expect(created.ok).toBe(true);
    const id = created.ok ? created.value.id : "";
    expect(created.ok && created.value.status).toBe("pending");
    expect(await inT((tx) => getPublicEntry(tx, id))).toBeUndefined();
    expect((await inT((tx) => searchEntries(tx, { q: "Hausaufgabenhilfe" }))).total).toBe(0);
    // The partner cannot assign the entry to another organisation.
    const own = await inT((tx) => getEntryForEditing(tx, partnerA, id));
    expect(own.ok && own.value.entry.organisationId).toBe(orgA);

    const queue = await inT(moderationQueue);
    const rev = queue.find((q) => q.entryId === id)!;
    expect(rev.isNew).toBe(true);
    expect((await inT((tx) => approveRevision(tx, partnerA, rev.id))).ok).toBe(false);
    expect((await inT((tx) => approveRevision(tx, staff, rev.id))).ok).toBe(true);
    expect((await inT((tx) => getPublicEntry(tx, id)))?.translations[0].title).toBe("Hausaufgabenhilfe Anbieter A");

    const log = await inT((tx) =>
      rows<{ action: string }>(
        tx,
        sql`SELECT action FROM audit_log WHERE entity = 'atlas_entry' AND entity_id = ${id} ORDER BY id`,
      ),
    );
    expect(log.map((l) => l.action)).toEqual(["submit", "approve"]);
    const mail = await withSystem(db, (tx) =>
      rows<{ recipient: string; subject: string }>(
        tx,
        sql`SELECT recipient, subject FROM outbox WHERE tenant_id = ${tenantId} ORDER BY id`,
      ),
    );
    expect(mail).toContainEqual(
      expect.objectContaining({
        recipient: "staff@example.org",
        subject: expect.stringContaining("wartet auf Freigabe"),
      }),
    );
    expect(mail).toContainEqual(
      expect.objectContaining({
        recipient: "partner.a@example.org",
        subject: expect.stringContaining("ist freigegeben"),
      }),
    );
  });

  it("a change to a published entry stays invisible until approved; a rejection keeps the public version and tells the reason", async () => {
    const c = await inT((tx) => createEntry(tx, partnerA, input("Lernhilfe Anbieter A"), { areas: null }));
    const id = c.ok ? c.value.id : "";
    const first = (await inT(moderationQueue)).find((q) => q.entryId === id)!;
    await inT((tx) => approveRevision(tx, staff, first.id));
    const u = await inT((tx) => updateEntry(tx, partnerA, id, input("Lernhilfe Anbieter A – neu"), { areas: null }));
    expect(u.ok).toBe(true);
    expect((await inT((tx) => getPublicEntry(tx, id)))?.translations[0].title).toBe("Lernhilfe Anbieter A");
    const rev = (await inT(moderationQueue)).find((q) => q.entryId === id)!;
    expect(rev.isNew).toBe(false);
    expect((await inT((tx) => rejectRevision(tx, staff, rev.id, "Bitte Zeiten ergänzen"))).ok).toBe(true);
    expect((await inT((tx) => getPublicEntry(tx, id)))?.translations[0].title).toBe("Lernhilfe Anbieter A");
    const mine = await inT((tx) => listEntriesForActor(tx, partnerA));
    expect(mine.find((m) => m.id === id)?.rejectionReason).toBe("Bitte Zeiten ergänzen");
    const edit = await inT((tx) => getEntryForEditing(tx, partnerA, id));
    expect(edit.ok && edit.value.lastRejection?.reason).toBe("Bitte Zeiten ergänzen");
  });

  it("a provider cannot touch another provider's entries, and sees only their own", async () => {
    const c = await inT((tx) => createEntry(tx, partnerA, input("Eintrag von A"), { areas: null }));
    const id = c.ok ? c.value.id : "";
    expect(await inT((tx) => updateEntry(tx, partnerB, id, input("Übernommen"), { areas: null }))).toEqual({
      ok: false,
      error: "forbidden",
    });
    expect(await inT((tx) => confirmEntry(tx, partnerB, id))).toEqual({ ok: false, error: "forbidden" });
    expect(await inT((tx) => getEntryForEditing(tx, partnerB, id))).toEqual({ ok: false, error: "forbidden" });
    const listB = await inT((tx) => listEntriesForActor(tx, partnerB));
    expect(listB.find((m) => m.id === id)).toBeUndefined();
    const [t] = await inT((tx) =>
      rows<{ title: string }>(tx, sql`SELECT title FROM atlas_translations WHERE entry_id = ${id}`),
    );
    expect(t.title).toBe("Eintrag von A");
    // Another tenant does not see the entry at all (row-level security).
    expect(await inT((tx) => getEntryForEditing(tx, staff, id), otherTenantId)).toEqual({
      ok: false,
      error: "not_found",
    });
  });
});

describe("yearly confirmation", () => {
  it("asks providers after 11 months, hides after 12 and tells staff once", async () => {
    const c = await inT((tx) =>
      createEntry(tx, staff, input("Altes Angebot", { organisationId: orgA }), {
        areas: null,
        lastConfirmedAt: new Date(Date.now() - 345 * 86400000),
      }),
    );
    const id = c.ok ? c.value.id : "";
    expect(await inT((tx) => getPublicEntry(tx, id))).toBeDefined();
    const r1 = await inT((tx) => runConfirmationCycle(tx));
    expect(r1.reminded).toBe(1);
    expect((await inT((tx) => runConfirmationCycle(tx))).reminded).toBe(0);

    const later = new Date(Date.now() + 40 * 86400000);
    await inT((tx) =>
      tx.execute(sql`UPDATE atlas_entries SET last_confirmed_at = now() - interval '13 months' WHERE id = ${id}`),
    );
    expect(await inT((tx) => getPublicEntry(tx, id))).toBeUndefined();
    const r2 = await inT((tx) => runConfirmationCycle(tx, later));
    expect(r2.stale).toBe(1);
    expect((await inT((tx) => runConfirmationCycle(tx, later))).stale).toBe(0);
    const mail = await withSystem(db, (tx) =>
      rows<{ subject: string }>(
        tx,
        sql`SELECT subject FROM outbox WHERE recipient = 'staff@example.org' AND subject LIKE '%unbestätigt%'`,
      ),
    );
    expect(mail).toHaveLength(1);

    expect((await inT((tx) => confirmEntry(tx, partnerA, id))).ok).toBe(true);
    expect(await inT((tx) => getPublicEntry(tx, id))).toBeDefined();
  });
});

describe("open data and gaps", () => {
  it("exports only public entries with their areas", async () => {
    const all = await inT((tx) => exportEntries(tx));
    expect(all.every((e) => e.title !== "Eintrag von A")).toBe(true);
    expect(all.find((e) => e.title === "Schwimmkurs für Frauen")?.areas).toEqual(["Mitte"]);
  });

  it("counts offers per Stadtteil and Handlungsfeld", async () => {
    const g = await inT((tx) => gapAnalysis(tx));
    const mitte = g.rows.find((r) => r.name === "Mitte")!;
    // The columns are the tenant's Handlungsfelder (decision 0037).
    expect(mitte.byField[g.fields.indexOf("sport_gesundheit")]).toBe(1);
    expect(mitte.byField[g.fields.indexOf("sprache_bildung")]).toBe(0);
    expect(mitte.byField).toHaveLength(g.fields.length);
  });

  it("takes the tenant's own Handlungsfeld for entries, filter and gap topic; refuses a code the list lacks", async () => {
    const own = await inT((tx) => createTerm(tx, "handlungsfeld", { name: "Quartiersarbeit" }));
    if (!own.ok) throw new Error("term");
    const made = await inT((tx) =>
      createEntry(tx, staff, input("Nachbarschaftstreff", { handlungsfelder: ["quartiersarbeit"] }), { areas: null }),
    );
    expect(made.ok).toBe(true);
    const unknown = await inT((tx) =>
      createEntry(tx, staff, input("Ohne Begriff", { handlungsfelder: ["gibt_es_nicht"] }), { areas: null }),
    );
    expect(unknown).toEqual({ ok: false, error: "invalid_terms" });
    // Another tenant's list does not have it either.
    const foreign = await inT(
      (tx) => createEntry(tx, staff, input("Fremd", { handlungsfelder: ["quartiersarbeit"] }), { areas: null }),
      otherTenantId,
    );
    expect(foreign).toEqual({ ok: false, error: "invalid_terms" });
    const found = await inT((tx) => searchEntries(tx, { handlungsfeld: "quartiersarbeit" }, { lang: "de" }));
    expect(found.items.map((e) => e.title)).toEqual(["Nachbarschaftstreff"]);
    const g = await inT((tx) => gapAnalysis(tx, { thema: "hf.quartiersarbeit" }));
    expect(g.topic).toBe("hf.quartiersarbeit");
    expect(g.fields).toContain("quartiersarbeit");
    expect(g.rows.reduce((n, r) => n + r.offers, 0)).toBe(1);
    // A topic the list lacks (an old link) shows all entries.
    expect((await inT((tx) => gapAnalysis(tx, { thema: "hf.gibt_es_nicht" }))).topic).toBe("alle");
  });
});

describe("areas", () => {
  it("finds the Kölner Stadtbezirk of a point by point-in-polygon", () => {
    const koeln = sharedData("koeln");
    const path = koeln && fs.existsSync(`${koeln}/stadtbezirke.geojson`) ? `${koeln}/stadtbezirke.geojson` : null;
    const fc = path
      ? normaliseAreas(JSON.parse(fs.readFileSync(path, "utf8")))
      : normaliseAreas({
          features: [
            {
              properties: { name: "Innenstadt", nummer: "1" },
              geometry: {
                type: "Polygon",
                coordinates: [
                  [
                    [6.94, 50.93],
                    [6.97, 50.93],
                    [6.97, 50.95],
                    [6.94, 50.95],
                    [6.94, 50.93],
                  ],
                ],
              },
            },
          ],
        });
    // Kölner Dom
    expect(findArea(50.9413, 6.9583, fc)).toEqual({ key: "1", name: "Innenstadt", level: null });
    // Köln-Porz
    if (path) expect(findArea(50.885, 7.06, fc)?.name).toBe("Porz");
    expect(findArea(10, 10, fc)).toBeNull();
    expect(findArea(50.9413, 6.9583, null)).toBeNull();
  });
});
