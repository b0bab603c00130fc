import { z } from "zod";
import { config, type GeocoderKind } from "../config";
import { inGermany, splitStreet } from "./address-register";

// An external geocoder (decision 0053): a self-hosted Nominatim or Photon that the operator names in
// GEOCODER_URL, asked for addresses the tenant's register lacks. One request per address and never inside
// a database transaction: a slow or silent geocoder must not hold a connection or locks. The answer is
// checked with Zod; a point outside Germany is refused as the register import refuses one (a namesake
// street abroad, or swapped coordinates).

export interface GeocoderSettings {
  /** The search endpoint: Nominatim's …/search, Photon's …/api. */
  url: string;
  kind: GeocoderKind;
  timeoutMs: number;
}

export interface RemoteAddress {
  /** Street with house number, as typed ("Peterstraße 21–25"). */
  street: string;
  postcode: string | null;
  city: string | null;
}

export interface Point {
  lat: number;
  lon: number;
}

/** Why the geocoder gave no answer (as opposed to answering that it knows no such address). */
export type GeocoderFailure = "timeout" | "network" | "status" | "format";

export type Lookup =
  { status: "found"; point: Point } | { status: "none" } | { status: "failed"; reason: GeocoderFailure };

/** Nominatim's usage policy asks every client to name itself. */
const USER_AGENT = "Teilhabe-Geocoding/1.0";
/** One address's answer is a few KB; more is not a geocoder's answer. */
const MAX_BYTES = 1024 * 1024;

// Nominatim writes coordinates as strings ("50.7771"), Photon as numbers.
const coordinate = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);
const NominatimAnswer = z.array(z.object({ lat: coordinate, lon: coordinate }));
const PhotonAnswer = z.object({
  features: z.array(
    z.object({
      geometry: z.object({ type: z.literal("Point"), coordinates: z.array(z.number()).min(2) }),
      properties: z.object({ countrycode: z.string().optional() }).optional(),
    }),
  ),
});

/** Germany as Photon's bbox (min lon, min lat, max lon, max lat), the box inGermany checks. */
const GERMANY_BBOX = "5.5,47,15.5,55.2";

/** "Peterstraße 21–25" → "21 Peterstraße": Nominatim's structured street is "<number> <name>", a range by its first number. */
function nominatimStreet(street: string): string {
  const { name, number } = splitStreet(street);
  const first = /^(\d+\s*[a-zA-Z]?)\s*[-–/]/.exec(number)?.[1] ?? number;
  return first ? `${first.replace(/\s+/g, "")} ${name}` : name;
}

function requestUrl(s: GeocoderSettings, a: RemoteAddress): URL {
  const url = new URL(s.url);
  const p = url.searchParams;
  if (s.kind === "nominatim") {
    p.set("street", nominatimStreet(a.street));
    if (a.postcode) p.set("postalcode", a.postcode);
    if (a.city) p.set("city", a.city);
    p.set("countrycodes", "de");
    p.set("limit", "1");
    p.set("format", "jsonv2");
  } else {
    // Photon's /api takes free text in every version (its structured endpoint is newer and often off).
    const place = [a.postcode, a.city].filter(Boolean).join(" ");
    p.set("q", [a.street, place].filter(Boolean).join(", "));
    p.set("bbox", GERMANY_BBOX);
    p.set("limit", "1");
    p.set("lang", "de");
  }
  return url;
}

async function readCapped(res: Response): Promise<string | null> {
  const reader = res.body?.getReader();
  if (!reader) return "";
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_BYTES) {
      await reader.cancel();
      return null;
    }
    parts.push(value);
  }
  return Buffer.concat(parts).toString("utf8");
}

function pointOf(kind: GeocoderKind, body: unknown): Point | null | undefined {
  if (kind === "nominatim") {
    const r = NominatimAnswer.safeParse(body);
    if (!r.success) return undefined;
    return r.data[0] ? { lat: r.data[0].lat, lon: r.data[0].lon } : null;
  }
  const r = PhotonAnswer.safeParse(body);
  if (!r.success) return undefined;
  const f = r.data.features[0];
  if (!f) return null;
  const cc = f.properties?.countrycode;
  if (cc && cc.toUpperCase() !== "DE") return null;
  return { lat: f.geometry.coordinates[1], lon: f.geometry.coordinates[0] };
}

/**
 * Asks the geocoder for one address: found (a point in Germany), none (it knows no such address, or only
 * one abroad), or failed (no answer in time, no connection, an error status, an answer of another shape).
 * Never throws. Call it outside any database transaction.
 */
export async function lookupAddress(address: RemoteAddress, settings?: GeocoderSettings): Promise<Lookup> {
  const s = settings ?? config().geocoder;
  if (!s || !address.street.trim()) return { status: "none" };
  const signal = AbortSignal.timeout(s.timeoutMs);
  let text: string | null;
  try {
    const res = await fetch(requestUrl(s, address), {
      headers: { accept: "application/json", "user-agent": USER_AGENT },
      signal,
    });
    if (!res.ok) {
      await res.body?.cancel();
      return { status: "failed", reason: "status" };
    }
    text = await readCapped(res);
  } catch {
    return { status: "failed", reason: signal.aborted ? "timeout" : "network" };
  }
  if (text === null) return { status: "failed", reason: "format" };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { status: "failed", reason: "format" };
  }
  const point = pointOf(s.kind, body);
  if (point === undefined) return { status: "failed", reason: "format" };
  if (!point || !inGermany(point.lat, point.lon)) return { status: "none" };
  return { status: "found", point };
}

/** The point of one address from the geocoder, or null (not found, abroad, or no answer). */
export async function geocodeRemote(address: RemoteAddress, settings?: GeocoderSettings): Promise<Point | null> {
  const r = await lookupAddress(address, settings);
  return r.status === "found" ? r.point : null;
}
