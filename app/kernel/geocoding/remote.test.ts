import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeGeocoder, type FakeGeocoder } from "../../../tests/support/geocoder";
import { geocodeRemote, lookupAddress, type GeocoderSettings } from "./remote";

// The external geocoder's client (decision 0053) against real local HTTP servers that answer like
// Nominatim and Photon: one structured query per address, points outside Germany refused, and a
// geocoder that errs, talks nonsense or never answers gives no point (and says why) instead of throwing.

const PETER = { lat: 50.7771, lon: 6.0893 };
const VIENNA = { lat: 48.2082, lon: 16.3738 };
let nominatim: FakeGeocoder, photon: FakeGeocoder, broken: FakeGeocoder;
const settings = (g: FakeGeocoder, kind: GeocoderSettings["kind"], timeoutMs = 5000): GeocoderSettings => ({
  url: g.url,
  kind,
  timeoutMs,
});

beforeAll(async () => {
  nominatim = await startFakeGeocoder("nominatim", (q) =>
    q.get("street") === "21 Peterstraße" && q.get("postalcode") === "52062"
      ? PETER
      : q.get("street") === "1 Stephansplatz"
        ? VIENNA
        : null,
  );
  photon = await startFakeGeocoder("photon", (q) =>
    q.get("q") === "Peterstraße 21, 52062 Aachen"
      ? PETER
      : q.get("q")?.startsWith("Stephansplatz")
        ? { ...VIENNA, countrycode: "AT" }
        : q.get("q")?.startsWith("Grenzweg")
          ? VIENNA
          : null,
  );
  broken = await startFakeGeocoder("nominatim", (q) =>
    q.get("street")?.includes("Schweigen") ? "hang" : q.get("street")?.includes("Fehler") ? "error" : "garbage",
  );
});
afterAll(async () => {
  await Promise.all([nominatim, photon, broken].map((g) => g?.close()));
});

describe("Nominatim", () => {
  it("asks one structured question per address and reads the point", async () => {
    const r = await lookupAddress(
      { street: "Peterstraße 21–25", postcode: "52062", city: "Aachen" },
      settings(nominatim, "nominatim"),
    );
    expect(r).toEqual({ status: "found", point: PETER });
    const q = nominatim.requests.at(-1)!;
    // A range is asked by its first number, as the register does; Germany only, one result, JSON v2.
    expect(Object.fromEntries(q)).toEqual({
      street: "21 Peterstraße",
      postalcode: "52062",
      city: "Aachen",
      countrycodes: "de",
      limit: "1",
      format: "jsonv2",
    });
    expect(nominatim.userAgents.at(-1)).toMatch(/^Teilhabe/);
  });

  it("gives no point for an unknown address, nor for one outside Germany", async () => {
    const s = settings(nominatim, "nominatim");
    expect(await lookupAddress({ street: "Nirgendwo 1", postcode: null, city: "Aachen" }, s)).toEqual({
      status: "none",
    });
    expect(Object.fromEntries(nominatim.requests.at(-1)!)).not.toHaveProperty("postalcode");
    expect(await geocodeRemote({ street: "Stephansplatz 1", postcode: null, city: null }, s)).toBeNull();
  });
});

describe("Photon", () => {
  it("asks by the address as text within Germany's box and reads the GeoJSON point", async () => {
    const s = settings(photon, "photon");
    expect(await geocodeRemote({ street: "Peterstraße 21", postcode: "52062", city: "Aachen" }, s)).toEqual(PETER);
    const q = photon.requests.at(-1)!;
    expect(q.get("limit")).toBe("1");
    expect(q.get("bbox")).toBe("5.5,47,15.5,55.2");
    expect(await geocodeRemote({ street: "Unbekannt 3", postcode: null, city: null }, s)).toBeNull();
  });

  it("refuses a point in another country, by its country code or its position", async () => {
    const s = settings(photon, "photon");
    expect(await lookupAddress({ street: "Stephansplatz 1", postcode: null, city: "Wien" }, s)).toEqual({
      status: "none",
    });
    expect(await lookupAddress({ street: "Grenzweg 1", postcode: null, city: null }, s)).toEqual({ status: "none" });
  });
});

describe("a geocoder that fails", () => {
  it("gives up after the time limit when it never answers", async () => {
    const s = settings(broken, "nominatim", 300);
    const address = { street: "Schweigen 1", postcode: null, city: null };
    expect(await lookupAddress(address, s)).toEqual({ status: "failed", reason: "timeout" });
    expect(await geocodeRemote(address, s)).toBeNull();
  });

  it("reports an error status, a page that is not its answer, and a server that is gone", async () => {
    const s = settings(broken, "nominatim");
    expect(await lookupAddress({ street: "Fehler 1", postcode: null, city: null }, s)).toEqual({
      status: "failed",
      reason: "status",
    });
    expect(await lookupAddress({ street: "Wartung 1", postcode: null, city: null }, s)).toEqual({
      status: "failed",
      reason: "format",
    });
    // Photon's answer read as Nominatim's is of the wrong shape, too.
    expect(
      await lookupAddress(
        { street: "Peterstraße 21", postcode: "52062", city: "Aachen" },
        settings(photon, "nominatim"),
      ),
    ).toEqual({ status: "failed", reason: "format" });
    const gone = await startFakeGeocoder("nominatim", () => null);
    await gone.close();
    expect(await lookupAddress({ street: "Markt 1", postcode: null, city: null }, settings(gone, "nominatim"))).toEqual(
      { status: "failed", reason: "network" },
    );
  });
});
