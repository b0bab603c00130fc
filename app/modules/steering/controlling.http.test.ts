import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { startTestServer, type TestServer } from "../../../tests/support/server";
import { plain, queryRows, roleClients } from "../../../tests/support/roles";

// The controlling overview and the public accountability page against the production build with the
// Aachen demo concept (no shared data needed): filters by GET, goals by text, charts with their text
// alternative, who may delete, and that no draft's measure reaches the public page.
let s: TestServer;
let as: Awaited<ReturnType<typeof roleClients>>;
const q = queryRows(() => s);
const STAFF = "/t/aachen/verwaltung/steuerung";
let adopted: string;
let draft: { edition: string; measure: string };

beforeAll(async () => {
  s = await startTestServer({ modules: true });
  as = await roleClients(s, "aachen");
  [{ id: adopted }] = await q<{ id: string }>(
    sql`SELECT e.id::text AS id FROM concept_editions e JOIN tenants t ON t.id = e.tenant_id
        WHERE t.slug = 'aachen' AND e.status = 'beschlossen'`,
  );
  // A draft edition with one measure, written straight into the database: it must never be public.
  const [e] = await q<{ id: string; tenant_id: string }>(
    sql`INSERT INTO concept_editions (tenant_id, title) SELECT id, 'Entwurf HTTP-Test' FROM tenants WHERE slug = 'aachen'
        RETURNING id::text, tenant_id::text`,
  );
  const [g] = await q<{ id: string }>(
    sql`INSERT INTO concept_goals (tenant_id, edition_id, kind, number, title)
        VALUES (${e.tenant_id}, ${e.id}, 'themenfeld', '1', 'Entwurfsthema') RETURNING id::text`,
  );
  const [l] = await q<{ id: string }>(
    sql`INSERT INTO concept_goals (tenant_id, edition_id, parent_id, kind, number, title)
        VALUES (${e.tenant_id}, ${e.id}, ${g.id}, 'leitziel', '1', 'Entwurfsziel') RETURNING id::text`,
  );
  const [m] = await q<{ id: string }>(
    sql`INSERT INTO concept_measures (tenant_id, edition_id, code, title)
        VALUES (${e.tenant_id}, ${e.id}, 'E-1', 'Geheime Entwurfsmaßnahme Zebra') RETURNING id::text`,
  );
  await q(
    sql`INSERT INTO concept_measure_goals (tenant_id, measure_id, goal_id) VALUES (${e.tenant_id}, ${m.id}, ${l.id})`,
  );
  draft = { edition: e.id, measure: m.id };
});
afterAll(() => s?.close());

/** The adopted edition's measures with a status, with their first goal's reference and text. */
const measuresWith = (status: string) =>
  q<{ id: string; title: string; ref: string; goal: string }>(
    sql`SELECT m.id::text, m.title,
          (SELECT CASE WHEN g.parent_id IS NULL THEN g.number ELSE tf.number || '/' || g.number END
             FROM concept_measure_goals mg JOIN concept_goals g ON g.id = mg.goal_id
             JOIN LATERAL (WITH RECURSIVE up AS (SELECT * FROM concept_goals WHERE id = g.id
               UNION ALL SELECT p.* FROM concept_goals p JOIN up ON p.id = up.parent_id) SELECT number FROM up WHERE parent_id IS NULL) tf ON true
             WHERE mg.measure_id = m.id ORDER BY g.position LIMIT 1) AS ref,
          (SELECT g.title FROM concept_measure_goals mg JOIN concept_goals g ON g.id = mg.goal_id
             WHERE mg.measure_id = m.id ORDER BY g.position LIMIT 1) AS goal
        FROM concept_measures m WHERE m.edition_id = ${adopted} AND m.status = ${status} ORDER BY m.position`,
  );

describe("controlling overview", () => {
  it("filters by GET parameters, names goals by number and text, and draws its charts with a table beside", async () => {
    const wanted = await measuresWith("verstetigt");
    const others = await measuresWith("beschlossen");
    expect(wanted.length).toBeGreaterThan(0);
    expect(others.length).toBeGreaterThan(0);
    const r = await as("viewer").get(`${STAFF}?fassung=${adopted}&status=verstetigt`);
    expect(r.status).toBe(200);
    const html = await r.text();
    const text = plain(html);
    expect(html).toMatch(/<form class="steering-filter"[^>]* method="get">/);
    expect(text).toContain(`${wanted.length} Maßnahme${wanted.length === 1 ? " passt" : "n passen"} zum Filter.`);
    for (const m of wanted) {
      expect(text).toContain(m.title);
      expect(text).toContain(`${m.ref} ${m.goal}`);
    }
    for (const m of others) expect(text).not.toContain(m.title);
    // The status filter keeps its choice in the form.
    expect(html).toMatch(/<option value="verstetigt" selected="">/);
    // The chart is named for screen readers and its figures stand in a table below it.
    expect(html).toMatch(/role="img" aria-label="Balkendiagramm: Status der Maßnahmen je Themenfeld[^"]*"[^>]*><svg/);
    expect(html).toContain('<caption class="kern-sr-only">Status der Maßnahmen nach Themenfeld</caption>');
    expect(html).toContain('<caption class="kern-sr-only">Status der Maßnahmen nach Handlungsfeld</caption>');
    // Search by text, as a GET parameter.
    const one = others[0];
    const word = one.title.split(/\s+/).find((w) => w.length > 6) ?? one.title;
    const found = plain(
      await (await as("viewer").get(`${STAFF}?fassung=${adopted}&suche=${encodeURIComponent(word)}`)).text(),
    );
    expect(found).toContain(one.title);
    expect(found).toContain("zum Filter.");
  });

  it("shows the status history with reasons on the measure's steering page, to viewers too", async () => {
    const [m] = await measuresWith("verstetigt");
    const [c] = await q<{ reason: string }>(
      sql`SELECT reason FROM concept_status_changes WHERE measure_id = ${m.id} AND to_status = 'verstetigt'`,
    );
    const r = await as("viewer").get(`${STAFF}/massnahme/${m.id}`);
    expect(r.status).toBe(200);
    const text = plain(await r.text());
    expect(text).toContain("Statusverlauf mit Begründungen");
    expect(text).toContain(`umgesetzt → verstetigt ${c.reason}`);
    // Viewers read the links; the form is the editors'.
    expect(text).not.toContain("Speichern");
  });
});

describe("bad input", () => {
  it("ignores filter values that are no option, and refuses bad milestone ids in German, never a 5xx", async () => {
    const bad = new URLSearchParams({
      themenfeld: "kein-uuid",
      handlungsfeld: "00000000-0000-4000-8000-000000000000",
      status: "<script>",
      federfuehrung: "'; DROP TABLE x; --",
      stadtteil: "1",
      ueberfaellig: "ja",
      suche: "x".repeat(500),
      seite: "-3",
    });
    const r = await as("viewer").get(`${STAFF}?fassung=${adopted}&${bad}`);
    expect(r.status).toBe(200);
    expect(plain(await r.text())).not.toContain("zum Filter.");
    expect((await as("anonymous").get(`/t/aachen/rechenschaft?${bad}`)).status).toBe(200);
    const MEASURE = `/t/aachen/verwaltung/massnahmen/${draft.measure}`;
    for (const intent of ["milestoneEdit", "milestoneDelete", "milestoneCancel", "milestoneDone"]) {
      const x = await as("editor").post(MEASURE, {
        intent,
        milestoneId: "nicht-da",
        title: "Neuer Titel",
        dueOn: "01.01.2026",
      });
      expect(x.status).toBe(400);
      expect(plain(await x.text())).toContain("Diesen Meilenstein gibt es nicht.");
    }
  });
});

describe("deleting measures", () => {
  it("lets a viewer read a measure but not delete it; an editor deletes in a draft only, after confirming", async () => {
    const MEASURE = `/t/aachen/verwaltung/massnahmen/${draft.measure}`;
    const viewerPage = await as("viewer").get(MEASURE);
    expect(viewerPage.status).toBe(200);
    expect(plain(await viewerPage.text())).not.toContain("Maßnahme E-1 löschen");
    expect((await as("viewer").post(MEASURE, { intent: "deleteMeasure", confirm: "1" })).status).toBe(403);
    expect(plain(await (await as("editor").get(MEASURE)).text())).toContain("Maßnahme E-1 löschen");
    // An adopted edition's measure: refused in German.
    const [old] = await measuresWith("beschlossen");
    const refused = await as("editor").post(`/t/aachen/verwaltung/massnahmen/${old.id}`, {
      intent: "deleteMeasure",
      confirm: "1",
    });
    expect(refused.status).toBe(400);
    expect(plain(await refused.text())).toContain("kein Entwurf mehr. Bearbeiten und Löschen gehen nur im Entwurf");
    const unconfirmed = await as("editor").post(MEASURE, { intent: "deleteMeasure" });
    expect(unconfirmed.status).toBe(400);
    expect(plain(await unconfirmed.text())).toContain(
      "Bitte bestätigen, dass die Maßnahme endgültig gelöscht werden soll.",
    );
    const gone = await as("editor").post(MEASURE, { intent: "deleteMeasure", confirm: "1" });
    expect(gone.status).toBe(302);
    expect(gone.headers.get("location")).toBe(`/t/aachen/verwaltung/massnahmen?fassung=${draft.edition}&geloescht=1`);
    expect(await q(sql`SELECT 1 FROM concept_measures WHERE id = ${draft.measure}`)).toEqual([]);
    expect(await q(sql`SELECT 1 FROM concept_measures WHERE id = ${old.id}`)).toHaveLength(1);
  });
});

describe("public accountability page", () => {
  it("shows the adopted edition's measures with charts and filters, and no draft's measure", async () => {
    const wanted = await measuresWith("verstetigt");
    const all = await (await as("anonymous").get("/t/aachen/rechenschaft")).text();
    expect(plain(all)).toContain(wanted[0].title);
    expect(all).toMatch(/role="img" aria-label="Balkendiagramm: Status der Maßnahmen je Themenfeld/);
    expect(all).not.toContain("Zebra");
    const filtered = plain(
      await (await as("anonymous").get(`/t/aachen/rechenschaft?status=verstetigt&suche=Zebra`)).text(),
    );
    expect(filtered).toContain("Keine Maßnahme passt zum Filter.");
    expect(filtered).not.toContain("Zebra</");
  });
});
