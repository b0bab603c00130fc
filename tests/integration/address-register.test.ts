import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type Client, type TestServer } from "../support/server";
import { plain, roleClients, ROLES, type Role } from "../support/roles";

// The address register page over HTTP (issue 18, decision 0053): administrators only; an upload replaces
// the register or, with any faulty row, changes nothing and lists every faulty row in German.
const PAGE = "/t/aachen/verwaltung/adressverzeichnis";
let s: TestServer;
let as: (role: Role) => Client;
beforeAll(async () => {
  s = await startTestServer();
  as = await roleClients(s, "aachen");
});
afterAll(async () => {
  await s?.close();
});

const upload = (c: Client, content: string, crs = "wgs84", name = "adressen.csv") =>
  c.postFile(PAGE, { intent: "import", crs }, { field: "register", name, content, type: "text/csv" });

describe("address register page", () => {
  it("is for the tenant's administration only", async () => {
    for (const role of ROLES.filter((r) => r !== "admin")) {
      const c = as(role);
      expect((await c.get(PAGE)).status, role).toBe(role === "anonymous" ? 302 : 403);
      const res = await upload(c, "Straße;lat;lon\nMarkt 1;50.77;6.08");
      expect(res.status, role).toBe(role === "anonymous" ? 302 : 403);
      if (role === "anonymous") expect(res.headers.get("location"), role).toMatch(/^\/anmelden/);
    }
  });

  it("replaces the register with a valid file and says how many addresses it holds", async () => {
    const admin = as("admin");
    // Nothing the other roles sent above reached the register.
    expect(plain(await (await admin.get(PAGE)).text())).toContain("Das Verzeichnis ist leer.");
    const res = await upload(
      admin,
      "Straße;Hausnummer;PLZ;Breite;Länge\nMarkt;1;52062;50,7762;6,0838\nMarkt;1;52062;50,7762;6,0838\nKatschhof;1;52062;50.7748;6.0840\n",
    );
    expect(res.status).toBe(302);
    const page = plain(await (await admin.get(res.headers.get("location")!)).text());
    expect(page).toContain("2 Adressen übernommen.");
    expect(page).toContain("1 doppelte Zeile mit demselben Punkt wurde zusammengefasst.");
    expect(page).toContain("Das Verzeichnis enthält 2 Adressen.");
  });

  it("keeps the register when a row is wrong and lists every wrong row", async () => {
    const admin = as("admin");
    const res = await upload(
      admin,
      "Straße;PLZ;lat;lon\nMarkt 1;52062;50.77;6.08\n;52062;50.77;6.08\nDom 1;520;6.08;50.77\n",
    );
    expect(res.status).toBe(400);
    const html = plain(await res.text());
    expect(html).toContain("Die Datei wurde nicht übernommen.");
    expect(html).toMatch(/3\s*Die Straße fehlt\./);
    expect(html).toMatch(/4\s*Die Postleitzahl „520“ hat nicht fünf Ziffern\./);
    expect(plain(await (await admin.get(PAGE)).text())).toContain("Das Verzeichnis enthält 2 Adressen.");
  });

  it("refuses other file types and UTM coordinates without their system, in German", async () => {
    const admin = as("admin");
    const none = await upload(admin, "", "wgs84", "leer.csv");
    expect(none.status).toBe(400);
    expect(plain(await none.text())).toContain("Bitte wählen Sie eine CSV-Datei aus.");
    const headerOnly = await upload(admin, "Straße;lat;lon\n");
    expect(headerOnly.status).toBe(400);
    expect(plain(await headerOnly.text())).toContain("Die Datei enthält keine Adressen.");
    const png = await upload(admin, "\x89PNG", "wgs84", "karte.png");
    expect(png.status).toBe(415);
    expect(plain(await png.text())).toContain("Bitte laden Sie eine CSV-Datei hoch");
    const utm = await upload(admin, "Straße;Rechtswert;Hochwert\nMarkt 1;294000;5628000\n");
    expect(utm.status).toBe(400);
    expect(plain(await utm.text())).toContain("Bitte wählen Sie das Koordinatensystem");
    const utmOk = await upload(admin, "Straße;Rechtswert;Hochwert\nMarkt 1;294000;5628000\n", "25832");
    expect(utmOk.status).toBe(302);
  });
});
