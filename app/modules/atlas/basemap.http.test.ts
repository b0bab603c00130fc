import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FetchSource, PMTiles } from "pmtiles";
import { pmtilesArchive as archive } from "../../../tests/support/pmtiles";
import { startTestServer, type TestServer } from "../../../tests/support/server";
import { KOELN_ENTRIES } from "./demo-koeln";

// Decision 0050: a tenant's base map is `<slug>.pmtiles` in BASEMAP_DIR, served with byte ranges;
// without one the map draws the area outlines with their names. Runs against the production build.
// Below a dot folder, as .tmp/ is in the browser tests: the file is still served.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), ".basemap-"));
const tile = Buffer.from(Array.from({ length: 4000 }, (_, i) => i % 251));
const bytes = archive(tile);
fs.writeFileSync(path.join(dir, "koeln.pmtiles"), bytes);
// A file beside the folder that a traversal would reach.
fs.writeFileSync(path.join(path.dirname(dir), `${path.basename(dir)}-secret.pmtiles`), "geheim");
process.env.BASEMAP_DIR = dir;

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ modules: true });
});
afterAll(async () => {
  await s?.close();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(path.join(path.dirname(dir), `${path.basename(dir)}-secret.pmtiles`), { force: true });
});

const get = (p: string, headers: Record<string, string> = {}) => fetch(`${s.url}${p}`, { headers, redirect: "manual" });

describe("base map file (PMTiles) with HTTP ranges", () => {
  it("answers a range with 206 and exactly those bytes, the whole file with 200", async () => {
    const r = await get("/grundkarte/koeln.pmtiles", { Range: "bytes=0-126" });
    expect(r.status).toBe(206);
    expect(r.headers.get("content-range")).toBe(`bytes 0-126/${bytes.length}`);
    expect(r.headers.get("accept-ranges")).toBe("bytes");
    expect(r.headers.get("content-type")).toBe("application/vnd.pmtiles");
    const got = Buffer.from(await r.arrayBuffer());
    expect(got.equals(bytes.subarray(0, 127))).toBe(true);
    expect(got.subarray(0, 7).toString()).toBe("PMTiles");

    const mid = await get("/grundkarte/koeln.pmtiles", { Range: "bytes=1000-1009" });
    expect(mid.status).toBe(206);
    expect(Buffer.from(await mid.arrayBuffer()).equals(bytes.subarray(1000, 1010))).toBe(true);

    const all = await get("/grundkarte/koeln.pmtiles");
    expect(all.status).toBe(200);
    expect(Buffer.from(await all.arrayBuffer()).equals(bytes)).toBe(true);
    // pmtiles revalidates by ETag when the archive changes.
    expect(all.headers.get("etag")).toBeTruthy();
  });

  it("is read by the pmtiles client MapLibre uses: header, then the tile by its byte range", async () => {
    const p = new PMTiles(new FetchSource(`${s.url}/grundkarte/koeln.pmtiles`));
    const h = await p.getHeader();
    expect(h.specVersion).toBe(3);
    expect(h.numAddressedTiles).toBe(1);
    const got = await p.getZxy(0, 0, 0);
    expect(Buffer.from(got!.data).equals(tile)).toBe(true);
  });

  it("refuses a range beyond the end with 416", async () => {
    const r = await get("/grundkarte/koeln.pmtiles", { Range: `bytes=${bytes.length + 10}-${bytes.length + 20}` });
    expect(r.status).toBe(416);
    expect(r.headers.get("content-range")).toBe(`bytes */${bytes.length}`);
  });

  it("serves no file outside the folder and none by a made-up name", async () => {
    const secret = `${path.basename(dir)}-secret.pmtiles`;
    for (const p of [
      `/grundkarte/..%2F${secret}`,
      `/grundkarte/%2e%2e%2f${secret}`,
      `/grundkarte/../${secret}`,
      `/grundkarte/..%5C${secret}`,
      `/grundkarte/koeln.pmtiles%00.txt`,
      `/grundkarte/koeln.pmtiles/../../package.json`,
      `/grundkarte/.pmtiles`,
      `/grundkarte/KOELN.pmtiles`,
      `/grundkarte/koeln`,
    ]) {
      const r = await get(p, { Range: "bytes=0-5" });
      const body = await r.text();
      expect(r.status, p).toBeGreaterThanOrEqual(400);
      expect(body, p).not.toContain("geheim");
      expect(body, p).not.toContain("PMTiles");
    }
  });

  it("is per tenant: a tenant without a file gets 404 and never another tenant's map", async () => {
    for (const slug of ["aachen", "nrw", "gibt-es-nicht"]) {
      const r = await get(`/grundkarte/${slug}.pmtiles`, { Range: "bytes=0-6" });
      expect(r.status, slug).toBe(404);
      expect(await r.text(), slug).not.toContain("PMTiles");
    }
    // The map pages: Köln's names its file, Aachen's none.
    const koeln = await (await get("/t/koeln/angebote/karte")).text();
    expect(koeln).toContain("/grundkarte/koeln.pmtiles");
    expect(koeln).toContain("openstreetmap.org/copyright");
    const aachen = await (await get("/t/aachen/angebote/karte")).text();
    expect(aachen).not.toContain(".pmtiles");
    expect(aachen).not.toContain("openstreetmap.org/copyright");
  });
});

describe("map page without a base map", () => {
  it("hands Köln's Stadtteil outlines and their names to the map, and lists the offers for use without JavaScript", async () => {
    const r = await get("/t/koeln/angebote/karte.data");
    expect(r.status).toBe(200);
    const text = await r.text();
    // React Router's turbo-stream: look for the names and label positions in the raw stream.
    expect(text).toContain("Altstadt/Nord");
    expect(text).toContain("Chorweiler");
    expect(text).toContain("FeatureCollection");
    const html = await (await get("/t/koeln/angebote/karte")).text();
    // Outlines with names, said in words where no base map is configured … (Aachen has one here only by
    // absence of polygons: it says so instead.)
    const aachen = await (await get("/t/aachen/angebote/karte")).text();
    expect(aachen).toContain("keine Stadtteilgrenzen");
    // … and the list of places, a link per offer, works without JavaScript.
    expect(html).toContain(`>${KOELN_ENTRIES[0]!.t.de![0]}</a>`);
  });
});

describe("route link on the offer page", () => {
  it("links OpenStreetMap's route planner with the address, marked as external, with a privacy note", async () => {
    const e = KOELN_ENTRIES[0]!;
    const title = e.t.de![0];
    const list = await (await fetch(`${s.url}/api/v1/t/koeln/offers?q=${encodeURIComponent(title)}`)).json();
    const id = (list.offers as { id: string; title: string }[]).find((o) => o.title === title)!.id;
    const html = await (await get(`/t/koeln/angebote/${id}`)).text();
    const to = new URLSearchParams({ to: `${e.street}, ${e.postcode} Köln` }).toString().replace(/&/g, "&amp;");
    expect(html).toContain(`href="https://www.openstreetmap.org/directions?${to}"`);
    expect(html).toMatch(
      /rel="external noopener noreferrer">Route planen(<!-- -->)? <span[^>]*>\(externe Seite: openstreetmap\.org\)<\/span><\/a>/,
    );
    expect(html).toContain("Dabei wird die Adresse an diesen Dienst übertragen");
  });
});
