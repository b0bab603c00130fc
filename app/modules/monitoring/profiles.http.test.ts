import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { startTestServer, type TestServer } from "../../../tests/support/server";
import { plain, queryRows, roleClients, ROLES, type Role } from "../../../tests/support/roles";
import { parseProfile } from "./services/importer";

// Import profiles as files over HTTP: the staff page lists Köln's stored profiles, gives each out as
// JSON and takes a file back; the download, the upload and `monitoring:profile-export` agree.
const PAGE = "/t/koeln/verwaltung/monitoring/profile";
const file = (name: string) => `${PAGE}/${encodeURIComponent(name)}.json`;

let s: TestServer;
let koeln: Awaited<ReturnType<typeof roleClients>>;
let aachen: Awaited<ReturnType<typeof roleClients>>;
const query = queryRows(() => s);
const json = (name: string, content: unknown) => ({
  field: "file",
  name,
  content: typeof content === "string" ? content : JSON.stringify(content, null, 2),
  type: "application/json",
});
const upload = (role: Role, content: unknown, name = "profil.json", path = PAGE) =>
  koeln(role).postFile(path, { intent: "upload" }, json(name, content));
const stored = async (tenant = "koeln") =>
  (
    await query<{ name: string; profile: unknown }>(
      sql`SELECT p.name, p.profile FROM mon_import_profiles p JOIN tenants t ON t.id = p.tenant_id
          WHERE t.slug = ${tenant} ORDER BY p.name`,
    )
  ).map((r) => JSON.stringify(r));
const audits = async () =>
  (
    await query<{ action: string; entity_id: string }>(
      sql`SELECT action, entity_id FROM audit_log WHERE entity = 'mon_import_profile' ORDER BY at, id`,
    )
  ).map((r) => `${r.action} ${r.entity_id}`);

const profile = {
  kind: "observations",
  name: "Ämter / Test 2024",
  description: "KANARIENVOGEL-KOELN",
  layout: "long",
  area: { column: "Gebiet" },
  period: { fixed: "2024" },
  value: { column: "Anzahl" },
  indicator: "einwohner",
};

beforeAll(async () => {
  s = await startTestServer({ modules: true });
  koeln = await roleClients(s, "koeln");
  aachen = await roleClients(s, "aachen");
});
afterAll(async () => {
  await s?.close();
});

describe("import profiles page", () => {
  it("is for editors and admins: anonymous goes to the login, partner and viewer are refused", async () => {
    const before = await stored();
    for (const role of ROLES) {
      const allowed = role === "editor" || role === "admin";
      const page = await koeln(role).get(PAGE);
      const download = await koeln(role).get(file("koeln-bevoelkerung"));
      const up = await upload(role, { ...profile, name: `rolle-${role}` });
      if (allowed)
        expect(
          (await stored()).some((p) => JSON.parse(p).name === `rolle-${role}`),
          role,
        ).toBe(true);
      const del = await koeln(role).post(PAGE, {
        intent: "delete",
        name: allowed ? `rolle-${role}` : "koeln-stadtteile",
        confirm: "1",
      });
      const all = [page, download, up, del];
      if (role === "anonymous")
        for (const r of all) {
          expect(r.status, role).toBe(302);
          expect(r.headers.get("location"), role).toMatch(/^\/anmelden\?next=/);
        }
      else for (const r of all) expect(r.status, role).toBe(allowed ? 200 : 403);
    }
    // What the editor and the admin stored they deleted again; the others changed nothing.
    expect(await stored()).toEqual(before);
    expect((await audits()).filter((a) => a.includes("rolle-"))).toEqual([
      "create rolle-editor",
      "delete rolle-editor",
      "create rolle-admin",
      "delete rolle-admin",
    ]);
  });

  it("lists the tenant's profiles with kind, description and a download link each, linked from the staff home", async () => {
    const html = await (await koeln("editor").get(PAGE)).text();
    const text = plain(html);
    expect(text).toContain("Importprofile");
    expect(text).toMatch(/koeln-bevoelkerung Werte /);
    expect(text).toMatch(/koeln-stadtteile Gebiete /);
    expect(html).toContain(`href="${file("koeln-bevoelkerung")}"`);
    expect(text).toContain("Profildatei (JSON)");
    const home = await (await koeln("editor").get("/t/koeln/verwaltung/monitoring")).text();
    expect(home).toContain(`href="${PAGE}"`);
    const en = plain(await (await koeln("editor").get(`${PAGE}?lang=en`)).text());
    expect(en).toContain("Import profiles");
    expect(en).toMatch(/koeln-stadtteile Areas /);
    await koeln("editor").get(`${PAGE}?lang=de`); // the language choice is a cookie: back to German
  });

  it("refuses a bad file with the German problems and their paths, and stores nothing", async () => {
    const before = await stored();
    const logged = await audits();
    let r = await upload("editor", '{"kind": "observations", "name": ', "kaputt.json");
    expect(r.status).toBe(422);
    expect(plain(await r.text())).toContain("Die Datei ist kein gültiges JSON.");

    r = await upload("editor", {
      ...profile,
      name: "ungueltig",
      area: { column: "" },
      period: {},
      indicator: undefined,
    });
    expect(r.status).toBe(422);
    const text = plain(await r.text());
    expect(text).toContain("Das Profil ist ungültig, es wurde nichts gespeichert:");
    // Each problem with its path, as parseProfile (and so monitoring:import) names it.
    const own = parseProfile({ ...profile, name: "ungueltig", area: { column: "" }, period: {}, indicator: undefined });
    expect(own.ok).toBe(false);
    if (!own.ok) {
      expect(own.errors.length).toBeGreaterThanOrEqual(3);
      for (const e of own.errors) expect(text).toContain(e);
    }
    expect(text).toContain("area.column: Spaltenname fehlt.");
    expect(text).toMatch(/ period: \S/);
    expect(text).toMatch(/ indicator: \S/);

    r = await upload("editor", { kind: "areas", name: "g", level: "nirgends" });
    expect(r.status).toBe(422);
    expect(plain(await r.text())).toMatch(/name: .+ level: Unbekannte Gebietsebene\. keyProperty: /);
    r = await upload("editor", { ...profile, name: "Zeile\nZwei" });
    expect(r.status).toBe(422);
    expect(plain(await r.text())).toContain("name: Der Name darf keine Zeilenumbrüche");
    r = await upload("editor", profile, "profil.txt");
    expect(r.status).toBe(415);
    expect(plain(await r.text())).toContain("Erlaubt sind nur JSON-Dateien (.json).");
    r = await upload("editor", { ...profile, description: "x".repeat(300 * 1024) });
    expect(r.status).toBe(413);
    expect(plain(await r.text())).toContain("Die Profildatei ist zu groß: höchstens 256 KB");
    r = await koeln("editor").post(PAGE, { intent: "upload" });
    expect(r.status).toBe(400);
    expect(plain(await r.text())).toContain("Bitte eine Profildatei auswählen.");

    r = await upload("editor", { ...profile, area: {} }, "p.json", `${PAGE}?lang=en`);
    expect(r.status).toBe(422);
    expect(plain(await r.text())).toContain("The profile is invalid; nothing has been stored:");
    await koeln("editor").get(`${PAGE}?lang=de`);

    expect(await stored()).toEqual(before);
    expect(await audits()).toEqual(logged);
  });

  it("refuses a form without the CSRF token and stores nothing", async () => {
    const before = await stored();
    const c = koeln("editor");
    const fd = new FormData();
    fd.set("intent", "upload");
    fd.set(
      "file",
      new Blob([JSON.stringify({ ...profile, name: "ohne-csrf" })], { type: "application/json" }),
      "p.json",
    );
    const cookie = [...c.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; ");
    const r = await fetch(s.url + PAGE, { method: "POST", body: fd, headers: { cookie }, redirect: "manual" });
    expect(r.status).toBe(403);
    expect(plain(await r.text())).toContain("Das Formular ist abgelaufen");
    const del = await c.post(PAGE, { intent: "delete", name: "koeln-bevoelkerung", confirm: "1" }, { csrf: null });
    expect(del.status).toBe(403);
    expect(await stored()).toEqual(before);
  });

  it("upload, download and upload again: the same file, the same stored profile", async () => {
    let r = await upload("editor", profile);
    expect(r.status).toBe(200);
    expect(plain(await r.text())).toContain("Das Importprofil „Ämter / Test 2024“ ist gespeichert (neu angelegt).");
    // The link the page shows fetches the file.
    const html = await (await koeln("editor").get(PAGE)).text();
    const href = file(profile.name);
    expect(html).toContain(`href="${href.replace(/&/g, "&amp;")}"`);
    const first = await koeln("editor").get(href);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(first.headers.get("content-disposition")).toBe(
      `attachment; filename="Amter-Test-2024.json"; filename*=UTF-8''${encodeURIComponent("Ämter-Test-2024.json")}`,
    );
    const text = await first.text();
    const parsed = parseProfile(profile);
    expect(parsed.ok && JSON.parse(text)).toEqual(parsed.ok && parsed.profile);
    const before = await stored();

    r = await upload("editor", text, "Amter-Test-2024.json");
    expect(r.status).toBe(200);
    expect(plain(await r.text())).toContain("Das Importprofil „Ämter / Test 2024“ ist gespeichert (das bisherige");
    expect(await (await koeln("editor").get(href)).text()).toBe(text);
    expect(await stored()).toEqual(before);

    // A demo profile too, byte for byte.
    const demo = await (await koeln("editor").get(file("koeln-bevoelkerung"))).text();
    expect((await upload("editor", demo, "koeln-bevoelkerung.json")).status).toBe(200);
    expect(await (await koeln("editor").get(file("koeln-bevoelkerung"))).text()).toBe(demo);
    expect((await audits()).filter((a) => a.endsWith(profile.name))).toEqual([
      `create ${profile.name}`,
      `update ${profile.name}`,
    ]);
    expect((await koeln("editor").get(`${PAGE}/gibtsnicht.json`)).status).toBe(404);
    expect((await koeln("editor").get(`${PAGE}/koeln-bevoelkerung`)).status).toBe(404);
  });

  it("deletes only after confirmation, audited", async () => {
    const name = profile.name;
    let r = await koeln("editor").post(PAGE, { intent: "delete", name });
    expect(r.status).toBe(200);
    expect(plain(await r.text())).toContain(`Das Importprofil „${name}“ (Werte) löschen?`);
    expect((await koeln("editor").get(file(name))).status).toBe(200);
    r = await koeln("editor").post(PAGE, { intent: "delete", name, confirm: "1" });
    expect(r.status).toBe(200);
    expect(plain(await r.text())).toContain(`Das Importprofil „${name}“ ist gelöscht.`);
    expect((await koeln("editor").get(file(name))).status).toBe(404);
    expect((await audits()).at(-1)).toBe(`delete ${name}`);
    r = await koeln("editor").post(PAGE, { intent: "delete", name, confirm: "1" });
    expect(r.status).toBe(404);
  });

  it("shows another tenant nothing of Köln's profiles", async () => {
    expect((await upload("editor", profile)).status).toBe(200);
    const other = "/t/aachen/verwaltung/monitoring/profile";
    // Aachen's editor is no member of Köln: no page, no file, no upload there.
    expect((await aachen("editor").get(PAGE)).status).toBe(403);
    expect((await aachen("editor").get(file("koeln-bevoelkerung"))).status).toBe(403);
    // On Aachen's own page Köln's profiles are not there, by name or by file.
    const html = await (await aachen("editor").get(other)).text();
    expect(html).not.toContain("koeln-bevoelkerung");
    expect(html).not.toContain("KANARIENVOGEL-KOELN");
    expect((await aachen("editor").get(`${other}/koeln-bevoelkerung.json`)).status).toBe(404);
    expect((await aachen("editor").get(`${other}/${encodeURIComponent(profile.name)}.json`)).status).toBe(404);
    const before = await stored("koeln");
    const r = await aachen("editor").post(other, { intent: "delete", name: "koeln-bevoelkerung", confirm: "1" });
    expect(r.status).toBe(404);
    expect(await stored("koeln")).toEqual(before);
  });
});
