import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, type TestServer } from "../support/server";
import { DEMO_PASSWORD, plain, roleClients, type Role } from "../support/roles";
import { loginPlatformAdmin } from "../support/platform-admin";

// The tenant settings page over HTTP (issue 17 item 3; docs/tenant-settings.md): only the tenant's
// administration and platform administrators; logo upload checked by its bytes and size and served
// with cache headers; the public languages restrict the switcher; the threshold reaches monitoring.
const PAGE = "/t/aachen/verwaltung/einstellungen";
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const ALL = ["en", "ar", "fa", "tr", "uk", "ru"];
let s: TestServer;
let as: (role: Role) => Client;
beforeAll(async () => {
  s = await startTestServer();
  as = await roleClients(s, "aachen");
});
afterAll(async () => {
  await s?.close();
});

const form = (over: Record<string, string | string[]> = {}) => ({
  intent: "settings",
  name: "Stadt Aachen",
  publicLanguages: ALL,
  disclosureThreshold: "3",
  ...over,
});

describe("tenant settings over HTTP", () => {
  it("lets only the tenant's administration and platform administrators in", async () => {
    expect((await as("admin").get(PAGE)).status).toBe(200);
    for (const r of ["editor", "viewer", "partner"] as const) {
      expect((await as(r).get(PAGE)).status, r).toBe(403);
      expect((await as(r).post(PAGE, form({ name: "Übernommen" }))).status, r).toBe(403);
    }
    expect((await as("anonymous").get(PAGE)).status).not.toBe(200);
    // The admin of Köln is no admin of Aachen.
    const koeln = new Client(s.url);
    await koeln.login("admin.koeln@example.org", DEMO_PASSWORD);
    expect((await koeln.post(PAGE, form({ name: "Übernommen" }))).status).toBe(403);
    const root = new Client(s.url);
    await loginPlatformAdmin(root, s.db);
    const page = plain(await (await root.get(PAGE)).text());
    expect(page).toContain("Amtlicher Gemeindeschlüssel (AGS)");
    // The staff navigation links the page.
    expect(await (await as("admin").get("/t/aachen/verwaltung")).text()).toContain(`href="${PAGE}"`);
  });

  it("refuses an AGS change by the tenant's administration and a bad e-mail, in German", async () => {
    const r = await as("admin").post(PAGE, form({ ags: "05334003", contactEmail: "keine" }));
    expect(r.status).toBe(400);
    expect(plain(await r.text())).toContain("Bitte eine gültige E-Mail-Adresse angeben.");
  });

  it("takes a PNG logo, serves it with ETag and cache headers, shows it, and refuses SVG and oversized files", async () => {
    const admin = as("admin");
    // The upload form sends the file without JavaScript: a multipart form (attribute names are
    // case-insensitive; React writes encType) with the logo intent.
    const form = /<form[^>]*enctype="multipart\/form-data"[^>]*>[\s\S]*?<\/form>/i.exec(
      await (await admin.get(PAGE)).text(),
    )?.[0];
    expect(form).toContain('name="intent" value="logo"');
    expect(form).toContain('type="file"');
    const svg = await admin.postFile(
      PAGE,
      { intent: "logo" },
      { field: "logo", name: "logo.png", content: '<svg xmlns="http://www.w3.org/2000/svg"/>', type: "image/png" },
    );
    expect(svg.status).toBe(400);
    expect(plain(await svg.text())).toContain("Das Logo muss ein PNG-, JPEG- oder WebP-Bild sein (kein SVG).");
    const big = new Uint8Array(600 * 1024);
    big.set(PNG);
    const tooBig = await admin.postFile(
      PAGE,
      { intent: "logo" },
      { field: "logo", name: "logo.png", content: big, type: "image/png" },
    );
    expect(tooBig.status).toBe(413);
    expect(plain(await tooBig.text())).toContain("Das Logo darf höchstens 512 KiB groß sein.");
    const ok = await admin.postFile(
      PAGE,
      { intent: "logo" },
      { field: "logo", name: "x.bin", content: PNG, type: "application/octet-stream" },
    );
    expect(ok.status).toBe(302);
    const home = await (await fetch(`${s.url}/t/aachen`)).text();
    const src = /<img src="(\/t\/aachen\/logo\?v=[0-9a-f]{64})" alt="Stadt Aachen"/.exec(home)?.[1];
    expect(src).toBeDefined();
    const logo = await fetch(s.url + src);
    expect(logo.status).toBe(200);
    expect(logo.headers.get("content-type")).toBe("image/png");
    expect(logo.headers.get("cache-control")).toContain("immutable");
    expect(new Uint8Array(await logo.arrayBuffer())).toEqual(PNG);
    const again = await fetch(`${s.url}/t/aachen/logo`, { headers: { "if-none-match": logo.headers.get("etag")! } });
    expect(again.status).toBe(304);
    expect((await admin.post(PAGE, { intent: "remove-logo" })).status).toBe(302);
    expect((await fetch(`${s.url}/t/aachen/logo`)).status).toBe(404);
    expect(await (await fetch(`${s.url}/t/aachen`)).text()).not.toContain("/t/aachen/logo");
  });

  it("offers on the public pages only the languages the tenant chose, German always", async () => {
    const menu = async (path: string) =>
      /<nav aria-label="Sprache wählen"[\s\S]*?<\/nav>/.exec(await (await fetch(s.url + path)).text())?.[0] ?? "";
    expect(await menu("/t/aachen?lang=de")).toContain('hrefLang="tr"');
    expect((await as("admin").post(PAGE, form({ publicLanguages: ["en"] }))).status).toBe(302);
    try {
      const m = await menu("/t/aachen?lang=de");
      expect(m).toContain('hrefLang="de"');
      expect(m).toContain('hrefLang="en"');
      expect(m).not.toContain('hrefLang="tr"');
      // A language it does not offer falls back to German.
      expect(await (await fetch(`${s.url}/t/aachen?lang=tr`)).text()).toContain('<html lang="de"');
      // Another tenant is untouched.
      expect(await menu("/t/koeln?lang=de")).toContain('hrefLang="tr"');
    } finally {
      await as("admin").post(PAGE, form());
    }
  });

  it("shows the contact with the tenant's Impressum", async () => {
    const contact = {
      contactOffice: "Kommunales Integrationszentrum",
      contactEmail: "ki@aachen.example.org",
      contactPhone: "+49 241 432-0",
    };
    expect((await as("admin").post(PAGE, form(contact))).status).toBe(302);
    try {
      const page = plain(await (await fetch(`${s.url}/t/aachen/impressum`)).text());
      expect(page).toContain("Kommunales Integrationszentrum");
      expect(page).toContain("ki@aachen.example.org");
    } finally {
      await as("admin").post(PAGE, form());
    }
  });

  it("sets the disclosure threshold that monitoring uses", async () => {
    expect((await as("admin").post(PAGE, form({ disclosureThreshold: "7" }))).status).toBe(302);
    try {
      const page = plain(await (await as("admin").get("/t/aachen/verwaltung/monitoring")).text());
      expect(page).toContain("Geheimhaltungsschwelle (Personen): 7.");
    } finally {
      await as("admin").post(PAGE, form());
    }
  });
});
