import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { audit } from "~/kernel/audit/service";
import { config } from "~/kernel/config";
import type { Tx } from "~/kernel/db/client";
import { rows, withTenant } from "~/kernel/db/context";
import { lookupAddress, type Point, type RemoteAddress } from "~/kernel/geocoding/remote";
import { enqueueJob, type JobHandler } from "~/kernel/jobs/service";
import { findArea, loadTenantAreas, type AreaCollection } from "./areas";
import { atlasPlaces } from "./schema";

// The operator's geocoder behind the address register (decision 0053). Saving an offer looks its places
// up in the register inside the save's transaction; what is still without a point is queued here in that
// same transaction, and a background job asks the geocoder after commit, address by address, outside any
// transaction. It writes a point only while the place still has that address and no point: someone may
// have changed the address or typed coordinates meanwhile, and that edit wins.

export const GEOCODE_JOB = "atlas.geocode";

const PlaceAddress = z.object({
  entryId: z.uuid(),
  street: z.string().min(1),
  postcode: z.string().nullable(),
  city: z.string().nullable(),
});
type PlaceAddress = z.infer<typeof PlaceAddress>;
export const GeocodePayload = z.object({ places: z.array(PlaceAddress).min(1) });

/** A place people can find by its address but not on the map. */
export const UNLOCATED = sql`p.lat IS NULL AND coalesce(btrim(p.street), '') <> ''`;

/**
 * Queues the geocoder for these places, in the caller's transaction (the job exists exactly when the save
 * does, and starts after its commit); nothing without GEOCODER_URL. The job names who caused it.
 */
export async function queueGeocoding(tx: Tx, places: PlaceAddress[]): Promise<string | null> {
  if (!config().geocoder || !places.length) return null;
  const [who] = await rows<{ id: string | null; label: string }>(
    tx,
    sql`SELECT app_user_id() AS id, coalesce(nullif(current_setting('app.actor_label', true), ''), 'System') AS label`,
  );
  return enqueueJob(tx, GEOCODE_JOB, { places } satisfies z.infer<typeof GeocodePayload>, who);
}

/** Every place of the tenant with a street but no point, queued for the geocoder; how many addresses. */
export async function queueUnlocated(tx: Tx): Promise<number> {
  const list = await rows<{ entry_id: string; street: string; postcode: string | null; city: string | null }>(
    tx,
    sql`SELECT DISTINCT p.entry_id, p.street, p.postcode, p.city FROM atlas_places p WHERE ${UNLOCATED}`,
  );
  await queueGeocoding(
    tx,
    list.map((p) => ({ entryId: p.entry_id, street: p.street, postcode: p.postcode, city: p.city })),
  );
  return new Set(list.map(addressKey)).size;
}

const addressKey = (a: Pick<PlaceAddress, "street" | "postcode" | "city">) =>
  JSON.stringify([a.street, a.postcode, a.city]);

/** The places of these entries that still have exactly this address and no point. */
const sameAddressNoPoint = (entryIds: string[], a: RemoteAddress) =>
  and(
    inArray(atlasPlaces.entryId, entryIds),
    eq(atlasPlaces.street, a.street),
    sql`${atlasPlaces.postcode} IS NOT DISTINCT FROM ${a.postcode}`,
    sql`${atlasPlaces.city} IS NOT DISTINCT FROM ${a.city}`,
    isNull(atlasPlaces.lat),
  );

/** Writes the geocoder's point to those places, with their Stadtteil as writeContent finds it; audited. */
async function placePoint(tx: Tx, entryIds: string[], a: RemoteAddress, point: Point, areas: AreaCollection | null) {
  // A polygon match wins over a hand-entered Stadtteil; without one the place keeps the hand value.
  const hit = findArea(point.lat, point.lon, areas);
  const changed = await tx
    .update(atlasPlaces)
    .set({
      lat: point.lat,
      lon: point.lon,
      pointSource: "geocoder",
      areaKey: hit?.key ?? null,
      areaLevel: hit?.level ?? null,
      ...(hit && { areaName: hit.name }),
    })
    .where(sameAddressNoPoint(entryIds, a))
    .returning({ entryId: atlasPlaces.entryId, position: atlasPlaces.position, areaName: atlasPlaces.areaName });
  for (const c of changed)
    await audit(tx, {
      action: "geocode",
      entity: "atlas_entry",
      entityId: c.entryId,
      before: { position: c.position, ...a, lat: null, lon: null },
      after: { position: c.position, ...a, ...point, pointSource: "geocoder", areaName: c.areaName },
    });
  return changed.length;
}

/**
 * The job: each distinct address once. A geocoder that does not answer ends the job (it is logged and
 * marked failed; the rest stay flagged "Adresse ohne Kartenpunkt" for staff, who can queue them again).
 */
export const runGeocodeJob: JobHandler = async ({ db, job, scope, progress }) => {
  const { places } = GeocodePayload.parse(job.payload);
  const settings = config().geocoder;
  const outcome = { located: 0, notFound: 0, skipped: 0 };
  if (!settings) return { ...outcome, skipped: places.length };
  // Written as the system: nobody typed these points.
  const inTx = <T>(fn: (tx: Tx) => Promise<T>) =>
    withTenant(db, { tenantId: scope.tenantId, actor: { userId: null, label: "System" } }, fn);
  const byAddress = new Map<string, { address: RemoteAddress; entryIds: string[] }>();
  for (const { entryId, ...address } of places) {
    const k = addressKey(address);
    const seen = byAddress.get(k);
    if (seen) seen.entryIds.push(entryId);
    else byAddress.set(k, { address, entryIds: [entryId] });
  }
  let areas: AreaCollection | null | undefined;
  let done = 0;
  for (const { address, entryIds } of byAddress.values()) {
    await progress({ phase: "geocode", done: done++, total: byAddress.size });
    const waiting = await inTx((tx) =>
      tx.select({ id: atlasPlaces.id }).from(atlasPlaces).where(sameAddressNoPoint(entryIds, address)).limit(1),
    );
    if (!waiting.length) {
      outcome.skipped++;
      continue;
    }
    const r = await lookupAddress(address, settings);
    if (r.status === "failed")
      throw new Error(
        `Geocoder ${new URL(settings.url).host} ohne Antwort (${r.reason}); Orte bleiben ohne Kartenpunkt`,
      );
    if (r.status === "none") {
      outcome.notFound++;
      continue;
    }
    outcome.located += await inTx(async (tx) => {
      if (areas === undefined) areas = await loadTenantAreas(tx);
      return placePoint(tx, entryIds, address, r.point, areas);
    });
  }
  return outcome;
};
