import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Client, startTestServer, type TestServer } from "../../../tests/support/server";

const PW = "Teilhabe-Demo-2026";
const PAGE = "/t/aachen/verwaltung/handlungsfelder";
let s: TestServer;
let admin: Client, viewer: Client;

beforeAll(async () => {
  s = await startTestServer({ modules: true });
  admin = new Client(s.url);
  viewer = new Client(s.url);
  await admin.login("admin.aachen@example.org", PW);
  await viewer.login("viewer.aachen@example.org", PW);
});
afterAll(async () => {
  await s?.close();
});

const termId = async (name: string) => {
  const r = (await s.db.orm.execute(
    sql`SELECT t.id FROM taxonomy_terms t JOIN tenants n ON n.id = t.tenant_id WHERE n.slug = 'aachen' AND t.name = ${name}`,
  )) as unknown as { rows: { id: string }[] };
  return r.rows[0]?.id;
};

describe("the taxonomy's staff page", () => {
  it("shows a viewer the list with its Land fields and uses, without forms; a viewer's change is refused", async () => {
    const page = await viewer.get(PAGE);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Handlungsfelder und Zielgruppen");
    expect(html).toContain("Sprache / Bildung");
    // Aachen's "Wohnen / Sozialplanung" maps to the Land's field "Wohnen".
    expect(html).toMatch(/Wohnen \/ Sozialplanung[\s\S]*?<td class="kern-table__cell">Wohnen<\/td>/);
    expect(html).toMatch(/\d+ Maßnahmen?/);
    expect(html).toContain("Nur die Administration kann die Listen ändern.");
    expect(html).not.toContain("Vorlage übernehmen</span>");
    const r = await viewer.post(PAGE, { intent: "create", kind: "handlungsfeld", name: "Vom Viewer" });
    expect(r.status).toBe(403);
    expect(await termId("Vom Viewer")).toBeUndefined();
  });

  it("lets the admin add, refuses a duplicate name in German, and rename, move and delete", async () => {
    const created = await admin.post(PAGE, {
      intent: "create",
      kind: "handlungsfeld",
      name: "Quartiersarbeit",
      landField: "wohnen",
    });
    expect(created.status).toBe(200);
    expect(await created.text()).toContain("„Quartiersarbeit“ ist angelegt.");
    const id = await termId("Quartiersarbeit");
    expect(id).toBeTruthy();

    const dup = await admin.post(PAGE, { intent: "create", kind: "handlungsfeld", name: "sprache / bildung" });
    expect(dup.status).toBe(400);
    const dupHtml = await dup.text();
    expect(dupHtml).toContain("„sprache / bildung“ steht schon in der Liste.");
    // The rejected form keeps what was typed.
    expect(dupHtml).toContain('value="sprache / bildung"');

    const renamed = await admin.post(PAGE, {
      intent: "rename",
      id: id!,
      name: "Quartiersarbeit und Nachbarschaft",
      landField: "wohnen",
    });
    expect(renamed.status).toBe(200);
    expect(await termId("Quartiersarbeit und Nachbarschaft")).toBe(id);

    const moved = await admin.post(PAGE, { intent: "move", id: id!, direction: "up" });
    expect(await moved.text()).toContain("Die Reihenfolge ist gespeichert.");

    const deleted = await admin.post(PAGE, { intent: "delete", id: id! });
    expect(await deleted.text()).toContain("ist gelöscht.");
    expect(await termId("Quartiersarbeit und Nachbarschaft")).toBeUndefined();

    const audit = (await s.db.orm.execute(
      sql`SELECT action FROM audit_log WHERE entity = 'taxonomy_term' AND entity_id = ${id!} ORDER BY id`,
    )) as unknown as { rows: { action: string }[] };
    expect(audit.rows.map((r) => r.action)).toEqual(["create", "update", "delete"]);
  });

  it("refuses in German to delete a field the concept uses, and applies a preset", async () => {
    const id = await termId("Sprache / Bildung");
    const r = await admin.post(PAGE, { intent: "delete", id: id! });
    expect(r.status).toBe(409);
    expect(await r.text()).toMatch(/„Sprache \/ Bildung“ wird noch \d+-mal verwendet und kann nicht gelöscht werden\./);
    expect(await termId("Sprache / Bildung")).toBe(id);

    const count = async () =>
      (
        (await s.db.orm.execute(
          sql`SELECT count(*)::int AS n FROM taxonomy_terms t JOIN tenants n ON n.id = t.tenant_id WHERE n.slug = 'aachen'`,
        )) as unknown as { rows: { n: number }[] }
      ).rows[0].n;
    const before = await count();
    const preset = await admin.post(PAGE, { intent: "preset", preset: "hessen" });
    expect(preset.status).toBe(200);
    // Hessen's "Kultur und Religion" is Aachen's "Kultur / Religion" (same preset code): not added twice.
    const added = Number(/Die Vorlage hat (\d+) Einträge ergänzt\./.exec(await preset.text())?.[1]);
    expect(added).toBe(9);
    expect(await count()).toBe(before + added);
    expect(await termId("Abbau von Diskriminierung")).toBeTruthy();
    expect(await termId("Kultur und Religion")).toBeUndefined();
    const again = await admin.post(PAGE, { intent: "preset", preset: "hessen" });
    expect(await again.text()).toContain("Die Vorlage hat 0 Einträge ergänzt.");
  });

  it("works without JavaScript's help: every change is a plain form with the CSRF token", async () => {
    const html = await (await admin.get(PAGE)).text();
    expect(html).toContain('name="_csrf"');
    expect(html).toContain('name="intent" value="preset"');
    const noToken = await admin.post(
      PAGE,
      { intent: "create", kind: "handlungsfeld", name: "Ohne Token" },
      { csrf: null },
    );
    expect(noToken.status).toBe(403);
    expect(await termId("Ohne Token")).toBeUndefined();
  });
});
