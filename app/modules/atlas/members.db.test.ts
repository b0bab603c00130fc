import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb } from "../../../tests/support/db";
import { ensureAtlasTerms } from "./terms";
import type { Database, Tx } from "~/kernel/db/client";
import { includeMemberTenants, rows, withSystem, withTenant } from "~/kernel/db/context";
import { createTenant, listMemberTenants } from "~/kernel/tenancy/service";
import { createOrganisation } from "~/kernel/organisations/service";
import { createEntry, EntryInput, entryPoints, listEntriesForActor, searchEntries, type Actor } from "./service";

// A Land, a Kreis with two member towns (one not public), and a town of another Kreis. The Kreis's
// public guide must list its own and its public members' published offers – and nothing else.

let db: Database, cleanup: () => Promise<void>;
const id: Record<string, string> = {};
const staff: Actor = { role: "editor", organisationId: null, userId: null };
const partner = (organisationId: string): Actor => ({ role: "partner", organisationId, userId: null });
const inT = <T>(t: string, fn: (tx: Tx) => Promise<T>, members = false) =>
  withTenant(db, { tenantId: id[t], actor: { userId: null, label: "Test" } }, async (tx) => {
    if (members) await includeMemberTenants(tx);
    return fn(tx);
  });
const offer = (title: string, organisationId: string | null = null) =>
  EntryInput.parse({
    kind: "offer",
    organisationId,
    handlungsfelder: ["beratung_orientierung"],
    targetGroups: ["all"],
    languages: ["de"],
    germanLevel: "good",
    cost: "free",
    translations: { de: { title, description: "" } },
    places: [],
  });
const titles = async (t: string, members: boolean) =>
  (await inT(t, (tx) => searchEntries(tx, {}, { limit: 100 }), members)).items
    .map((e) => `${e.tenantSlug}: ${e.title}`)
    .sort();
let providerOrg: string;

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
  await withSystem(db, async (tx) => {
    const mk = async (slug: string, kind: "kommune" | "kreis" | "land", parentSlug?: string, isPublic = true) => {
      id[slug] = (await createTenant(tx, { slug, name: `Name ${slug}`, kind, ags: "05999", parentSlug, isPublic })).id;
    };
    await mk("testland", "land");
    await mk("testkreis", "kreis", "testland");
    await mk("a-stadt", "kommune", "testkreis");
    await mk("verborgen", "kommune", "testkreis", false);
    await mk("anderer-kreis", "kreis", "testland");
    await mk("fremdstadt", "kommune", "anderer-kreis");
  });
  // Entries carry codes of the tenant's taxonomy (decision 0037).
  for (const t of Object.keys(id)) await inT(t, ensureAtlasTerms);
  providerOrg = await inT("a-stadt", async (tx) => {
    const r = await createOrganisation(tx, { name: "Verein Ölçek", kind: "verein" });
    if (!r.ok) throw new Error(r.error);
    await createOrganisation(tx, { name: "Anderer Verein ohne Angebot", kind: "verein" });
    return r.organisation.id;
  });
  await inT("a-stadt", async (tx) => {
    expect((await createEntry(tx, staff, offer("Sprachcafé A", providerOrg))).ok).toBe(true);
    // A partner's entry waits for moderation: not public, not in the Kreis's guide either.
    expect((await createEntry(tx, partner(providerOrg), offer("Entwurf A"))).ok).toBe(true);
  });
  await inT("testkreis", async (tx) => void (await createEntry(tx, staff, offer("Kreisberatung"))));
  await inT("verborgen", async (tx) => void (await createEntry(tx, staff, offer("Verborgenes Angebot"))));
  await inT("fremdstadt", async (tx) => void (await createEntry(tx, staff, offer("Fremdkurs"))));
});
afterAll(async () => {
  await cleanup();
});

describe("a Kreis's guide of its member municipalities", () => {
  it("lists the Kreis's and its public members' published offers, with the member named", async () => {
    expect(await titles("testkreis", true)).toEqual(["a-stadt: Sprachcafé A", "testkreis: Kreisberatung"]);
    const hit = (await inT("testkreis", (tx) => searchEntries(tx, { q: "Sprachcafé" }), true)).items[0];
    expect(hit).toMatchObject({ tenantSlug: "a-stadt", tenantName: "Name a-stadt", provider: "Verein Ölçek" });
  });

  it("tolerates typos in the members' titles, and finds nothing of a hidden member or another Kreis", async () => {
    const search = (t: string, q: string, members = true) => inT(t, (tx) => searchEntries(tx, { q }), members);
    const near = await search("testkreis", "Spachcafé");
    expect(near.items.map((e) => `${e.tenantSlug}: ${e.title}`)).toEqual(["a-stadt: Sprachcafé A"]);
    // The town's own guide does not know the Kreis's words, nor the Kreis the other Kreis's.
    expect((await search("a-stadt", "Kreisberatunk")).items).toEqual([]);
    expect((await search("testkreis", "Fremdkurz")).items).toEqual([]);
    // A non-public member's offer stays out, typo or not; without members, the Kreis finds only its own.
    expect((await search("testkreis", "Verborgnes")).items).toEqual([]);
    expect((await search("testkreis", "Spachcafé", false)).items).toEqual([]);
  });

  it("a Land sees every public municipality below it; a town has no members", async () => {
    expect(await titles("testland", true)).toEqual([
      "a-stadt: Sprachcafé A",
      "fremdstadt: Fremdkurs",
      "testkreis: Kreisberatung",
    ]);
    expect(await titles("a-stadt", true)).toEqual(["a-stadt: Sprachcafé A"]);
    expect(await titles("anderer-kreis", true)).toEqual(["fremdstadt: Fremdkurs"]);
    // The kernel's list of members (the monitoring's comparison uses it) follows the same rule.
    const slugs = async (t: string) => (await inT(t, (tx) => listMemberTenants(tx))).map((m) => m.slug);
    expect(await slugs("testland")).toEqual(["a-stadt", "anderer-kreis", "fremdstadt", "testkreis"]);
    expect(await slugs("testkreis")).toEqual(["a-stadt"]);
    expect(await slugs("a-stadt")).toEqual([]);
  });

  it("without asking for members every tenant sees only its own rows, and staff lists stay the Kreis's own", async () => {
    expect(await titles("testkreis", false)).toEqual(["testkreis: Kreisberatung"]);
    const list = await inT("testkreis", (tx) => listEntriesForActor(tx, staff));
    expect(list.map((e) => e.title)).toEqual(["Kreisberatung"]);
    const [n] = await inT(
      "testkreis",
      (tx) => rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM organisations`),
      true,
    );
    // The member's provider only, because it offers a published entry; no other organisation of it.
    expect(n.n).toBe(1);
  });

  it("member rows are readable, never writable, from the Kreis", async () => {
    const [memberEntry] = await withSystem(db, (tx) =>
      rows<{ id: string }>(
        tx,
        sql`SELECT id FROM atlas_entries WHERE tenant_id = ${id["a-stadt"]} AND status = 'published'`,
      ),
    );
    const changed = await inT(
      "testkreis",
      (tx) =>
        rows<{ id: string }>(tx, sql`UPDATE atlas_entries SET cost = 'paid' WHERE id = ${memberEntry.id} RETURNING id`),
      true,
    );
    expect(changed).toEqual([]);
    const [after] = await withSystem(db, (tx) =>
      rows<{ cost: string }>(tx, sql`SELECT cost FROM atlas_entries WHERE id = ${memberEntry.id}`),
    );
    expect(after.cost).toBe("free");
  });

  it("the map of a Kreis carries each point's municipality for its link", async () => {
    await inT("a-stadt", async (tx) => {
      const e = offer("Beratung mit Ort");
      e.places = [{ label: null, street: "Markt 1", postcode: null, city: null, lat: 50.1, lon: 6.1, areaName: null }];
      expect((await createEntry(tx, staff, e)).ok).toBe(true);
    });
    const pts = await inT("testkreis", (tx) => entryPoints(tx, {}), true);
    expect(pts.features.map((f) => [f.properties.tenant, f.properties.title])).toEqual([
      ["a-stadt", "Beratung mit Ort"],
    ]);
  });

  it("a member's change is a change of the Kreis and the Land too (their cached pages are rendered again)", async () => {
    const count = () =>
      withSystem(db, (tx) =>
        rows<{ tenant_id: string; n: number }>(
          tx,
          sql`SELECT tenant_id, count(*)::int AS n FROM content_changes GROUP BY 1`,
        ),
      );
    const before = new Map((await count()).map((r) => [r.tenant_id, r.n]));
    await inT("a-stadt", async (tx) => void (await createEntry(tx, staff, offer("Noch ein Angebot"))));
    const after = new Map((await count()).map((r) => [r.tenant_id, r.n]));
    const grew = (t: string) => (after.get(id[t]) ?? 0) - (before.get(id[t]) ?? 0);
    expect([grew("a-stadt"), grew("testkreis"), grew("testland"), grew("anderer-kreis"), grew("fremdstadt")]).toEqual([
      1, 1, 1, 0, 0,
    ]);
  });
});
