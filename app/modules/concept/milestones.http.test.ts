import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { startTestServer, type TestServer } from "../../../tests/support/server";
import { plain, queryRows, roleClients } from "../../../tests/support/roles";

// The staff measure page's forms against the production build: finishing a measure with an open
// milestone is refused in German, naming it, and the form's choice per milestone resolves it.
let s: TestServer;
let as: Awaited<ReturnType<typeof roleClients>>;
const q = queryRows(() => s);

beforeAll(async () => {
  s = await startTestServer({ modules: true });
  as = await roleClients(s, "aachen");
});
afterAll(() => s?.close());

describe("finishing a measure with open milestones", () => {
  it("refuses umgesetzt naming the milestone, and offers and applies done or cancelled per milestone", async () => {
    const [m] = await q<{ id: string; ms: string; title: string; due: string }>(
      sql`SELECT m.id::text, ms.id::text AS ms, ms.title, to_char(ms.due_on, 'DD.MM.YYYY') AS due
          FROM concept_measures m JOIN tenants t ON t.id = m.tenant_id
          JOIN concept_milestones ms ON ms.measure_id = m.id AND ms.done_on IS NULL AND ms.cancelled_on IS NULL
          WHERE t.slug = 'aachen' AND m.status = 'in_umsetzung' ORDER BY m.position LIMIT 1`,
    );
    const PAGE = `/t/aachen/verwaltung/massnahmen/${m.id}`;
    const page = await (await as("editor").get(PAGE)).text();
    expect(page).toContain(`name="ms-${m.ms}"`);
    expect(plain(page)).toContain(`„${m.title}“ (fällig ${m.due})`);
    const status = { intent: "status", to: "umgesetzt", reason: "Projekt abgeschlossen" };
    const refused = await as("editor").post(PAGE, status);
    expect(refused.status).toBe(400);
    expect(plain(await refused.text())).toContain(
      `Die Maßnahme kann nicht auf „umgesetzt“ gesetzt werden: Ein Meilenstein ist noch offen: „${m.title}“ (${m.due}).`,
    );
    expect(await q(sql`SELECT 1 FROM concept_measures WHERE id = ${m.id} AND status = 'in_umsetzung'`)).toHaveLength(1);
    // A viewer may not change the status at all.
    expect((await as("viewer").post(PAGE, { ...status, [`ms-${m.ms}`]: "done" })).status).toBe(403);
    const done = await as("editor").post(PAGE, { ...status, [`ms-${m.ms}`]: "done" });
    expect(done.status).toBe(200);
    expect(plain(await done.text())).toContain("Der Status wurde geändert.");
    const [after] = await q<{ status: string; done: boolean }>(
      sql`SELECT m.status, ms.done_on IS NOT NULL AS done FROM concept_measures m
          JOIN concept_milestones ms ON ms.id = ${m.ms} WHERE m.id = ${m.id}`,
    );
    expect(after).toEqual({ status: "umgesetzt", done: true });
  });
});

// Issue 18: a page offers only the actions its reader may perform. A viewer reads a measure; the
// progress report form (intent "update"), which postUpdate would always refuse them, is not shown.
describe("the progress report form on the staff measure page", () => {
  it("is offered to the editor and not to the viewer, whose report would be refused", async () => {
    const [m] = await q<{ id: string }>(
      sql`SELECT m.id::text FROM concept_measures m JOIN tenants t ON t.id = m.tenant_id
          WHERE t.slug = 'aachen' ORDER BY m.position LIMIT 1`,
    );
    const PAGE = `/t/aachen/verwaltung/massnahmen/${m.id}`;
    const form = 'name="intent" value="update"';
    expect(await (await as("editor").get(PAGE)).text()).toContain(form);
    const viewerPage = await as("viewer").get(PAGE);
    expect(viewerPage.status).toBe(200);
    expect(await viewerPage.text()).not.toContain(form);
    const refused = await as("viewer").post(PAGE, { intent: "update", reportedOn: "01.06.2026", body: "Stand" });
    expect(refused.status).toBe(400);
  });
});

// Issue 18: the status select started on the first allowed step, so "Status ändern" with a reason
// set a status nobody chose. It starts on "– bitte wählen –", and a missing choice is refused.
describe("the measure's status select", () => {
  it("is not preselected, and a change without a chosen status is refused in German", async () => {
    const [m] = await q<{ id: string; status: string }>(
      sql`SELECT m.id::text, m.status FROM concept_measures m JOIN tenants t ON t.id = m.tenant_id
          WHERE t.slug = 'aachen' AND m.status = 'in_umsetzung' ORDER BY m.position LIMIT 1`,
    );
    const PAGE = `/t/aachen/verwaltung/massnahmen/${m.id}`;
    const html = await (await as("editor").get(PAGE)).text();
    const select = /<select[^>]*name="to"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? "";
    expect(select).toMatch(/<option value="" selected="">– bitte wählen –<\/option>/);
    expect(select).not.toMatch(/<option value="[a-z_]+" selected/);
    const refused = await as("editor").post(PAGE, { intent: "status", to: "", reason: "Versehentlich" });
    expect(refused.status).toBe(400);
    const text = await refused.text();
    expect(plain(text)).toContain("Bitte den neuen Status der Maßnahme wählen.");
    expect(text).toContain('href="#f-status"');
    expect(text).toContain('id="f-status"');
    expect(await q(sql`SELECT 1 FROM concept_measures WHERE id = ${m.id} AND status = ${m.status}`)).toHaveLength(1);
  });
});
