import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq, sql } from "drizzle-orm";
import { createTestDb } from "../../../tests/support/db";
import { startFakeGeocoder, type FakeGeocoder } from "../../../tests/support/geocoder";
import { config, resetConfig } from "~/kernel/config";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withSystem, withTenant } from "~/kernel/db/context";
import { replaceRegister } from "~/kernel/geocoding/address-register";
import { startJobRunner } from "~/kernel/jobs/service";
import { createTenant } from "~/kernel/tenancy/service";
import { countUnlocatedEntries, createEntry, EntryInput, updateEntry, type Actor } from "./service";
import { queueUnlocated } from "./geocoder";
import { handlers } from "./jobs";
import { atlasPlaces } from "./schema";
import { ensureAtlasTerms } from "./terms";

// The operator's geocoder behind the address register (decision 0053), end to end: saving queues a job in
// the save's transaction for an address the register lacks; the job asks a real local HTTP server after
// commit and writes the point as the system, unless the place was changed meanwhile; a geocoder that never
// answers leaves the entry flagged, and staff can queue every unlocated place again.

const PETER = { lat: 50.7771, lon: 6.0893 };
const KAISER = { lat: 50.7791, lon: 6.0951 };
const THEATER = { lat: 50.7718, lon: 6.0868 };
const ENV = ["GEOCODER_URL", "GEOCODER_KIND", "GEOCODER_SECONDS"] as const;
const savedEnv = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));

let db: Database;
let cleanup: () => Promise<void>;
let tenantId: string;
let geocoder: FakeGeocoder, silent: FakeGeocoder;
const known = new Map<string, { lat: number; lon: number }>([["21 Peterstraße", PETER]]);
const logged: string[] = [];
const staff: Actor = { role: "editor", organisationId: null, userId: null };

const inT = <T>(fn: (tx: Tx) => Promise<T>) => withTenant(db, { tenantId, actor: { userId: null, label: "Test" } }, fn);
const useGeocoder = (g: FakeGeocoder) => {
  process.env.GEOCODER_URL = g.url;
  resetConfig();
};

function offer(title: string, place: Record<string, unknown>) {
  return EntryInput.parse({
    kind: "offer",
    handlungsfelder: ["sprache_bildung"],
    targetGroups: ["newcomers"],
    languages: ["de"],
    germanLevel: "good",
    cost: "free",
    translations: { de: { title, description: "" } },
    places: [{ postcode: "52062", city: "Aachen", ...place }],
  });
}
const create = async (title: string, place: Record<string, unknown>) => {
  const r = await inT((tx) => createEntry(tx, staff, offer(title, place)));
  if (!r.ok) throw new Error(r.error);
  return r.value.id;
};
const update = (id: string, title: string, place: Record<string, unknown>) =>
  inT((tx) => updateEntry(tx, staff, id, offer(title, place)));
const placeOf = async (entryId: string) =>
  (
    await inT((tx) =>
      tx.select().from(atlasPlaces).where(eq(atlasPlaces.entryId, entryId)).orderBy(asc(atlasPlaces.position)),
    )
  )[0];
const jobs = () =>
  withSystem(db, (tx) =>
    rows<{ status: string; payload: { places: { entryId: string; street: string }[] }; result: unknown }>(
      tx,
      sql`SELECT status, payload, result FROM jobs WHERE kind = 'atlas.geocode' ORDER BY created_at, id`,
    ),
  );
// A runner only while the test wants jobs to run, so a job cannot start between a save and the next step.
const runJobs = async () => {
  const runner = startJobRunner(db, handlers, { pollMs: 3_600_000, log: (m) => logged.push(m) });
  await runner.idle();
  await runner.stop();
};
const asked = (g: FakeGeocoder, from = 0) => g.requests.slice(from).map((q) => q.get("street"));

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
  tenantId = (
    await withSystem(db, (tx) =>
      createTenant(tx, { slug: "geostadt", name: "Geostadt", kind: "kommune", ags: "05334997" }),
    )
  ).id;
  await inT(ensureAtlasTerms);
  // One Stadtteil around the Peterstraße, and a register that knows the Markt.
  const square = [
    [6.08, 50.77],
    [6.1, 50.77],
    [6.1, 50.785],
    [6.08, 50.785],
    [6.08, 50.77],
  ];
  await withSystem(db, (tx) =>
    tx.execute(sql`INSERT INTO mon_areas (tenant_id, level, key, name, geometry) VALUES (${tenantId}, 'stadtteil',
      '01', 'Innenstadt', ${JSON.stringify({ type: "Polygon", coordinates: [square] })}::jsonb)`),
  );
  await inT((tx) =>
    replaceRegister(tx, [
      { street: "Markt", houseNumber: "1", postcode: "52062", city: "Aachen", lat: 50.7762, lon: 6.0838 },
    ]),
  );
  geocoder = await startFakeGeocoder("nominatim", (q) => known.get(q.get("street") ?? "") ?? null);
  silent = await startFakeGeocoder("nominatim", () => "hang");
  delete process.env.GEOCODER_KIND;
  process.env.GEOCODER_SECONDS = "0.3";
  useGeocoder(geocoder);
});
afterAll(async () => {
  await Promise.all([geocoder?.close(), silent?.close()]);
  for (const k of ENV) {
    if (savedEnv[k] === undefined) delete process.env[k];
    else process.env[k] = savedEnv[k];
  }
  resetConfig();
  await cleanup?.();
});

describe("the geocoder behind the address register", () => {
  it("asks it after the save for an address the register lacks, and writes the point as the system", async () => {
    expect(config().geocoder?.kind).toBe("nominatim");
    const before = geocoder.requests.length;
    const id = await create("Sprachcafé", { street: "Peterstraße 21", areaName: "von Hand" });
    // Saved, flagged and queued; nobody asked the geocoder inside the save.
    expect(await placeOf(id)).toMatchObject({ lat: null, pointSource: null });
    expect(await inT((tx) => countUnlocatedEntries(tx, staff))).toBe(1);
    expect((await jobs()).map((j) => [j.status, j.payload.places])).toEqual([
      ["queued", [{ entryId: id, street: "Peterstraße 21", postcode: "52062", city: "Aachen" }]],
    ]);
    expect(geocoder.requests.length).toBe(before);

    await runJobs();
    expect(await placeOf(id)).toMatchObject({
      ...PETER,
      pointSource: "geocoder",
      areaKey: "01",
      areaLevel: "stadtteil",
      areaName: "Innenstadt",
    });
    expect(await inT((tx) => countUnlocatedEntries(tx, staff))).toBe(0);
    expect((await jobs()).map((j) => [j.status, j.result])).toEqual([
      ["done", { located: 1, notFound: 0, skipped: 0 }],
    ]);
    const [a] = await withSystem(db, (tx) =>
      rows<{ actor_label: string; actor_id: string | null; after: { pointSource: string } }>(
        tx,
        sql`SELECT actor_label, actor_id, after FROM audit_log WHERE action = 'geocode' AND entity_id = ${id}`,
      ),
    );
    expect(a).toMatchObject({ actor_label: "System", actor_id: null, after: { pointSource: "geocoder", ...PETER } });
  });

  it("takes the register's point first and queues nothing", async () => {
    const n = (await jobs()).length;
    const id = await create("Beratung am Markt", { street: "Markt 1" });
    expect(await placeOf(id)).toMatchObject({ lat: 50.7762, pointSource: "register" });
    expect((await jobs()).length).toBe(n);
  });

  it("keeps the geocoder's point while the address stays, and asks again when it changes", async () => {
    const id = await create("Elterncafé", { street: "Peterstraße 21" });
    await runJobs();
    expect(await placeOf(id)).toMatchObject({ ...PETER, pointSource: "geocoder" });
    const n = (await jobs()).length;
    await update(id, "Elterncafé (neu)", { street: "Peterstraße 21" });
    expect(await placeOf(id)).toMatchObject({ ...PETER, pointSource: "geocoder" });
    expect((await jobs()).length).toBe(n);
    await update(id, "Elterncafé (neu)", { street: "Peterstraße 23" });
    expect(await placeOf(id)).toMatchObject({ lat: null, pointSource: null });
    expect((await jobs()).length).toBe(n + 1);
    await runJobs();
    expect((await jobs()).at(-1)).toMatchObject({ status: "done", result: { located: 0, notFound: 1 } });
  });

  it("does not overwrite a place whose address or point was changed before the job ran", async () => {
    known.set("5 Theaterstraße", THEATER);
    const from = geocoder.requests.length;
    const moved = await create("Kurs A", { street: "Theaterstraße 5" });
    const typed = await create("Kurs B", { street: "Theaterstraße 5" });
    await update(moved, "Kurs A", { street: "Unbekannte Gasse 9" });
    await update(typed, "Kurs B", { street: "Theaterstraße 5", lat: 50.7, lon: 6.1 });
    await runJobs();
    expect(await placeOf(moved)).toMatchObject({ street: "Unbekannte Gasse 9", lat: null, pointSource: null });
    expect(await placeOf(typed)).toMatchObject({ street: "Theaterstraße 5", lat: 50.7, lon: 6.1, pointSource: "hand" });
    // The jobs for the old address saw that it had changed and did not even ask.
    expect(asked(geocoder, from)).toEqual(["9 Unbekannte Gasse"]);
  });

  it("keeps the entry flagged when the geocoder never answers; staff queue every unlocated place again", async () => {
    useGeocoder(silent);
    const id = await create("Nähcafé", { street: "Kaiserplatz 2" });
    await runJobs();
    expect((await jobs()).at(-1)).toMatchObject({ status: "failed" });
    expect(logged.join("\n")).toMatch(/Geocoder 127\.0\.0\.1:\d+ ohne Antwort \(timeout\)/);
    expect(await placeOf(id)).toMatchObject({ street: "Kaiserplatz 2", lat: null, pointSource: null });
    const unlocated = await inT((tx) =>
      rows<{ street: string }>(tx, sql`SELECT street FROM atlas_places WHERE lat IS NULL ORDER BY street`),
    );
    expect(unlocated.map((p) => p.street)).toEqual(["Kaiserplatz 2", "Peterstraße 23", "Unbekannte Gasse 9"]);

    useGeocoder(geocoder);
    known.set("2 Kaiserplatz", KAISER);
    const from = geocoder.requests.length;
    expect(await inT(queueUnlocated)).toBe(3);
    await runJobs();
    expect(await placeOf(id)).toMatchObject({ ...KAISER, pointSource: "geocoder" });
    expect((await jobs()).at(-1)).toMatchObject({ status: "done", result: { located: 1, notFound: 2, skipped: 0 } });
    expect(asked(geocoder, from).sort()).toEqual(["2 Kaiserplatz", "23 Peterstraße", "9 Unbekannte Gasse"]);
    expect(await inT((tx) => countUnlocatedEntries(tx, staff))).toBe(2);
  });
});
