import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { attentionOf } from "../../../tests/support/attention";
import { Client, startTestServer, type TestServer } from "../../../tests/support/server";
import { queryRows } from "../../../tests/support/roles";
import { withTenant } from "~/kernel/db/context";
import { addDays, todayBerlin } from "~/kernel/dates";
import { meetingsToDo } from "./meetings";

// The staff home's "what needs attention today" (kernel/attention.ts) for the bodies: meetings whose
// state (after the day), agenda (within 14 days) or minutes (once held) are owed, for editors. Each kind
// of meeting that is not owed is added too, and another tenant's: the counts grow by one each.

const PW = "Teilhabe-Demo-2026";
let s: TestServer;
const q = queryRows(() => s);
const today = todayBerlin();

beforeAll(async () => {
  s = await startTestServer({ modules: true });
});
afterAll(async () => {
  await s?.close();
});

const tenantId = async (slug: string) =>
  (await q<{ id: string }>(sql`SELECT id FROM tenants WHERE slug = ${slug}`))[0].id;

async function counts(slug: string) {
  const todo = await withTenant(
    s.db,
    { tenantId: await tenantId(slug), actor: { userId: null, label: "test" } },
    (tx) => meetingsToDo(tx, today),
  );
  const n = (t: string) => todo.filter((m) => m.todo === t).length;
  return { state: n("state"), agenda: n("agenda"), minutes: n("minutes") };
}

async function meeting(
  bodyId: string,
  meetsOn: string,
  state: string,
  opts: { minutes?: string; deleted?: boolean; item?: { minutes?: string }; imported?: boolean } = {},
) {
  const [{ id, tenant_id }] = await q<{ id: string; tenant_id: string }>(
    sql`INSERT INTO body_meetings (tenant_id, body_id, meets_on, state, minutes, deleted_at)
        SELECT tenant_id, id, ${meetsOn}, ${state}, ${opts.minutes ?? null}, ${opts.deleted ? sql`now()` : null}
        FROM bodies WHERE id = ${bodyId} RETURNING id::text, tenant_id::text`,
  );
  if (opts.item)
    await q(sql`INSERT INTO body_agenda_items (tenant_id, meeting_id, number, title, minutes)
      VALUES (${tenant_id}, ${id}, '1', 'Begrüßung', ${opts.item.minutes ?? null})`);
  if (opts.imported)
    await q(sql`INSERT INTO oparl_sources (tenant_id, source_id, object_type, local_id)
      VALUES (${tenant_id}, ${`https://ris.example.org/oparl/meeting/${id}`}, 'Meeting', ${id})`);
}

async function home(email: string, slug = "aachen") {
  const c = new Client(s.url);
  await c.login(email, PW);
  return { c, html: await attentionOf(c, slug) };
}

describe("staff home: meetings whose state, agenda or minutes are owed", () => {
  it("counts the tenant's owed meetings for editors, links to the bodies list that names them, and tells viewers nothing", async () => {
    const before = await counts("aachen");
    const [{ id: body }] = await q<{ id: string }>(
      sql`SELECT b.id::text FROM bodies b JOIN tenants t ON t.id = b.tenant_id AND t.slug = 'aachen' ORDER BY b.name LIMIT 1`,
    );
    const [{ id: koeln }] = await q<{ id: string }>(
      sql`INSERT INTO bodies (tenant_id, name, kind) VALUES ((SELECT id FROM tenants WHERE slug = 'koeln'),
          'Testbeirat Köln', 'beirat') RETURNING id::text`,
    );
    const soon = addDays(today, 5);
    // Owed: one of each kind.
    await meeting(body, addDays(today, -3), "planned");
    await meeting(body, soon, "planned");
    await meeting(body, addDays(today, -10), "held");
    // Not owed: an agenda in place, too far ahead, cancelled, minutes of an item, deleted, imported.
    await meeting(body, soon, "planned", { item: {} });
    await meeting(body, addDays(today, 30), "planned");
    await meeting(body, addDays(today, -3), "cancelled");
    await meeting(body, addDays(today, -10), "held", { item: { minutes: "TOP 1 besprochen." } });
    await meeting(body, addDays(today, -10), "held", { minutes: "Niederschrift." });
    await meeting(body, addDays(today, -3), "planned", { deleted: true });
    await meeting(body, addDays(today, -3), "planned", { imported: true });
    // Another tenant's, owed there.
    await meeting(koeln, addDays(today, -3), "planned");
    await meeting(koeln, soon, "planned");
    await meeting(koeln, addDays(today, -10), "held");

    const after = await counts("aachen");
    expect(after).toEqual({ state: before.state + 1, agenda: before.agenda + 1, minutes: before.minutes + 1 });
    const { c, html } = await home("editor.aachen@example.org");
    expect(html).toContain(`Vergangene Sitzungen, die noch als geplant geführt werden: ${after.state}`);
    expect(html).toContain(`Sitzungen in den nächsten 14 Tagen ohne Tagesordnung: ${after.agenda}`);
    expect(html).toContain(`Abgehaltene Sitzungen ohne Niederschrift: ${after.minutes}`);
    expect(html).toContain('href="/t/aachen/verwaltung/gremien#sitzungen-offen"');

    // The link's page lists exactly these meetings, each linking to its own page.
    const list = await c.get("/t/aachen/verwaltung/gremien");
    expect(list.status).toBe(200);
    const page = (await list.text()).replace(/<!-- -->/g, "");
    const section = page.slice(page.indexOf('id="sitzungen-offen"'));
    expect(section).toContain("Sitzungen mit offener Arbeit");
    expect(section.match(/Stand eintragen/g)?.length).toBe(after.state);
    expect(section.match(/Tagesordnung aufstellen/g)?.length).toBe(after.agenda);
    expect(section.match(/Niederschrift eintragen/g)?.length).toBe(after.minutes);
    expect(section).toMatch(new RegExp(`href="/t/aachen/verwaltung/gremien/${body}/sitzungen/[0-9a-f-]{36}"`));
    expect(section).not.toContain("Testbeirat Köln");

    const viewer = await home("viewer.aachen@example.org");
    expect(viewer.html).toContain("Was heute ansteht");
    expect(viewer.html).not.toContain("Sitzungen");
    expect(await (await viewer.c.get("/t/aachen/verwaltung/gremien")).text()).not.toContain("sitzungen-offen");
  });
});
