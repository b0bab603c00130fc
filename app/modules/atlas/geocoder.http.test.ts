import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeGeocoder, type FakeGeocoder } from "../../../tests/support/geocoder";
import { plain, roleClients, type Role } from "../../../tests/support/roles";
import { startTestServer, type Client, type TestServer } from "../../../tests/support/server";

// The geocoder behind GEOCODER_URL over HTTP, on the production build with the demo (decision 0053): an
// offer saved with an address the register lacks gets the geocoder's point from the app's own job runner,
// the form shows it as found from the address, and staff can ask the geocoder again for every address
// without a point from the list's notice (the demo's Caritas submission in Eilendorf is one).

const NIRGENDWO = { lat: 50.7801, lon: 6.1012 };
const EILENDORF = { lat: 50.7812, lon: 6.1561 };
const known = new Map([["99 Nirgendwostraße", NIRGENDWO]]);
let geocoder: FakeGeocoder;
let s: TestServer;
let as: (role: Role) => Client;
const LIST = "/t/aachen/verwaltung/angebote";

beforeAll(async () => {
  geocoder = await startFakeGeocoder("nominatim", (q) => known.get(q.get("street") ?? "") ?? null);
  // Read by the app's configuration when the server starts in this process.
  process.env.GEOCODER_URL = geocoder.url;
  s = await startTestServer({ modules: true });
  as = await roleClients(s, "aachen");
});
afterAll(async () => {
  await s?.close();
  await geocoder?.close();
  delete process.env.GEOCODER_URL;
});

const jobsDone = async () => {
  s.jobs.wake();
  await s.jobs.idle();
};

describe("the geocoder over HTTP", () => {
  it("places an offer whose address the register lacks, after the save, and says where the point came from", async () => {
    const editor = as("editor");
    const res = await editor.post(`${LIST}/neu`, {
      kind: "offer",
      title_de: "Sprachtreff in der Nirgendwostraße",
      desc_de: "Neu",
      handlungsfelder: "sprache_bildung",
      targetGroups: "women",
      languages: "de",
      germanLevel: "none",
      cost: "free",
      place0_street: "Nirgendwostraße 99",
      place0_postcode: "52062",
      place0_city: "Aachen",
    });
    expect(res.status).toBe(302);
    const id = res.headers.get("location")!.match(/angebote\/([0-9a-f-]{36})/)![1];
    await jobsDone();
    const api = await (await fetch(`${s.url}/api/v1/t/aachen/offers?q=Nirgendwostra%C3%9Fe`)).json();
    expect(api.offers.find((o: { id: string }) => o.id === id).places[0]).toMatchObject(NIRGENDWO);
    const html = await (await editor.get(`${LIST}/${id}`)).text();
    expect(plain(html)).toContain("Der Kartenpunkt wurde vom Geocoder aus der Adresse bestimmt");
    // Not shown as typed coordinates: the point follows the address. (The page's data still carries
    // it, for the map picker to start there.)
    const latField = /<input[^>]*name="place0_lat"[^>]*>/.exec(html)?.[0];
    expect(latField).toBeDefined();
    expect(latField).not.toContain(String(NIRGENDWO.lat));
  });

  it("lets staff ask again for every address without a point; others may not", async () => {
    const before = plain(await (await as("editor").get(LIST)).text());
    expect(before).toContain("1 Eintrag hat eine Adresse, die nicht im Adressverzeichnis steht");
    expect(before).toContain("Geocoder erneut fragen");
    expect(plain(await (await as("viewer").get(LIST)).text())).not.toContain("Geocoder erneut fragen");
    for (const role of ["partner", "viewer"] as const)
      expect((await as(role).post(LIST, { intent: "geocode" })).status, role).toBe(403);

    known.set("120 Von-Coels-Straße", EILENDORF);
    const res = await as("editor").post(LIST, { intent: "geocode" });
    expect(res.status).toBe(302);
    const flash = plain(await (await as("editor").get(res.headers.get("location")!)).text());
    expect(flash).toContain("Der Geocoder sucht im Hintergrund nach 1 Adresse.");
    await jobsDone();
    const after = plain(await (await as("editor").get(LIST)).text());
    expect(after).not.toContain("nicht im Adressverzeichnis steht");
    expect(after).not.toContain("Adresse ohne Kartenpunkt");
  });
});
