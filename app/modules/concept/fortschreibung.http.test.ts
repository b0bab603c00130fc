import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { startTestServer, type TestServer } from "../../../tests/support/server";
import { plain, queryRows, roleClients } from "../../../tests/support/roles";

// Fortschreibung (decision 0035) against the production build with the demo data: the editor makes
// a Fortschreibung of Aachen's concept through the page, ends a carried measure in the draft (roles,
// CSRF, German errors, another tenant), adopts the draft with a recorded decision, and the public sees
// the comparison with the edition it replaced – word by word – while drafts stay hidden.
let s: TestServer;
let as: Awaited<ReturnType<typeof roleClients>>;
let koelnEditor: Awaited<ReturnType<typeof roleClients>>;
let old: string, draft: string, carried: { id: string; title: string }[];
const STAFF = "/t/aachen/verwaltung";
const q = queryRows(() => s);

beforeAll(async () => {
  s = await startTestServer({ modules: true });
  as = await roleClients(s);
  koelnEditor = await roleClients(s, "koeln");
  [{ id: old }] = await q<{ id: string }>(
    sql`SELECT e.id::text FROM concept_editions e JOIN tenants t ON t.id = e.tenant_id
        WHERE t.slug = 'aachen' AND e.status = 'beschlossen'`,
  );
  const made = await as("editor").post(`${STAFF}/konzept`, {
    intent: "edition",
    title: "Integrationskonzept 2026",
    copyFrom: old,
  });
  expect(made.status).toBe(200);
  [{ id: draft }] = await q<{ id: string }>(
    sql`SELECT id::text FROM concept_editions WHERE title = 'Integrationskonzept 2026'`,
  );
  carried = await q<{ id: string; title: string }>(
    sql`SELECT id::text, title FROM concept_measures WHERE edition_id = ${draft} ORDER BY position, code`,
  );
});
afterAll(async () => {
  await s?.close();
});

const exists = async (id: string) => (await q(sql`SELECT 1 FROM concept_measures WHERE id = ${id}`)).length === 1;

describe("a Fortschreibung on the staff pages", () => {
  it("carries the open measures, each showing where it came from, with a form to end it", async () => {
    expect(carried.length).toBeGreaterThan(0);
    const page = plain(await (await as("viewer").get(`${STAFF}/massnahmen/${carried[0].id}`)).text());
    expect(page).toContain("fortgeführt");
    expect(page).toContain("Verlauf aus früheren Fassungen");
    expect(page).toContain(
      "Aus Fassung „Aachen, das sind wir alle – Integrationskonzept der Stadt Aachen“ fortgeführt",
    );
    // Only editors see the form, and only in the draft.
    expect(page).not.toContain("Maßnahme nicht fortführen");
    const editor = await (await as("editor").get(`${STAFF}/massnahmen/${carried[0].id}`)).text();
    expect(plain(editor)).toContain("Maßnahme nicht fortführen");
    expect(editor).toContain('name="_csrf"');
    const [predecessor] = await q<{ id: string }>(
      sql`SELECT predecessor_id::text AS id FROM concept_measures WHERE id = ${carried[0].id}`,
    );
    const adopted = plain(await (await as("editor").get(`${STAFF}/massnahmen/${predecessor.id}`)).text());
    expect(adopted).not.toContain("Maßnahme nicht fortführen");
    const overview = plain(await (await as("viewer").get(`${STAFF}/konzept?fassung=${draft}`)).text());
    expect(overview).toContain(`${carried.length} fortgeführt, 0 geändert, 0 neu`);
  });

  it("refuses the end form to partner and viewer, without CSRF token, and to another tenant", async () => {
    const path = `${STAFF}/massnahmen/${carried[0].id}`;
    const body = { intent: "end", reason: "Wird nicht fortgeführt." };
    expect((await as("viewer").post(path, body)).status).toBe(403);
    expect((await as("partner").post(path, body)).status).toBe(403);
    expect((await as("anonymous").post(path, body)).status).not.toBe(200);
    expect((await as("editor").post(path, body, { csrf: null })).status).toBe(403);
    expect((await koelnEditor("editor").post(`/t/koeln/verwaltung/massnahmen/${carried[0].id}`, body)).status).toBe(
      404,
    );
    expect(await exists(carried[0].id)).toBe(true);
  });

  it("asks for a reason in German, then ends the measure and lists it with the reason", async () => {
    const path = `${STAFF}/massnahmen/${carried[0].id}`;
    const missing = await as("editor").post(path, { intent: "end", reason: " " });
    expect(missing.status).toBe(400);
    expect(plain(await missing.text())).toContain("Bitte begründen Sie, warum die Maßnahme nicht fortgeführt wird.");
    expect(await exists(carried[0].id)).toBe(true);
    const done = await as("editor").post(path, { intent: "end", reason: "Vom Jobcenter als Regelangebot übernommen." });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe(`${STAFF}/konzept?fassung=${draft}`);
    expect(await exists(carried[0].id)).toBe(false);
    const overview = plain(await (await as("viewer").get(`${STAFF}/konzept?fassung=${draft}`)).text());
    expect(overview).toContain("Vom Jobcenter als Regelangebot übernommen.");
    expect(overview).toContain(`${carried.length - 1} fortgeführt`);
  });
});

describe("adoption and the public comparison", () => {
  const publicPath = (id: string) => `/t/aachen/konzept/ausgaben/${id}/vergleich`;

  it("hides the comparison of a draft and of an edition without predecessor", async () => {
    expect((await as("anonymous").get(publicPath(draft))).status).toBe(404);
    expect((await as("anonymous").get(publicPath(old))).status).toBe(404);
    expect((await as("anonymous").get(publicPath("00000000-0000-4000-8000-000000000000"))).status).toBe(404);
  });

  it("adopts the draft only by a paper with a recorded decision", async () => {
    // A measure reworded in the draft, to be seen word by word.
    await q(
      sql`UPDATE concept_measures SET title = ${`${carried[1].title} in allen Stadtbezirken`} WHERE id = ${carried[1].id}`,
    );
    const [{ id: paper }] = await q<{ id: string }>(
      sql`INSERT INTO body_papers (tenant_id, number, title, submitted_on, lead_office, edition_id)
          SELECT tenant_id, 'FB 56/0100/WP18', 'Fortschreibung des Integrationskonzeptes', '2026-01-20', 'FB 56', id
          FROM concept_editions WHERE id = ${draft} RETURNING id::text`,
    );
    const [{ id: step }] = await q<{ id: string }>(
      sql`INSERT INTO body_consultations (tenant_id, paper_id, body_name, competence, position)
          SELECT tenant_id, id, 'Rat der Stadt Aachen', 'entscheidung', 0 FROM body_papers WHERE id = ${paper}
          RETURNING id::text`,
    );
    const status = (to: string, extra: Record<string, string> = {}) =>
      as("editor").post(`${STAFF}/konzept?fassung=${draft}`, {
        intent: "editionStatus",
        editionId: draft,
        to,
        ...extra,
      });
    expect((await status("in_beratung")).status).toBe(200);
    const form = plain(await (await as("editor").get(`${STAFF}/konzept?fassung=${draft}`)).text());
    expect(form).toContain("FB 56/0100/WP18: Fortschreibung des Integrationskonzeptes – noch kein Beschluss erfasst");
    const none = await status("beschlossen");
    expect(none.status).toBe(400);
    expect(plain(await none.text())).toContain("Bitte die Vorlage wählen, deren Beschluss die Fassung annimmt.");
    const undecided = await status("beschlossen", { paperId: paper });
    expect(undecided.status).toBe(400);
    expect(plain(await undecided.text())).toContain("Zur Vorlage FB 56/0100/WP18 ist noch kein Beschluss erfasst");
    await q(sql`UPDATE body_consultations SET result = 'beschlossen', decided_on = '2026-03-12' WHERE id = ${step}`);
    expect((await status("beschlossen", { paperId: paper })).status).toBe(200);
    const [e] = await q<{ status: string; adopted_on: string; adopted_by: string; adopted_paper_id: string }>(
      sql`SELECT status, adopted_on::text, adopted_by, adopted_paper_id::text FROM concept_editions WHERE id = ${draft}`,
    );
    expect(e).toEqual({
      status: "beschlossen",
      adopted_on: "2026-03-12",
      adopted_by: "Rat der Stadt Aachen",
      adopted_paper_id: paper,
    });
  });

  it("shows the adopted edition against the one it replaced, word by word, linked from the concept page", async () => {
    const concept = await (await as("anonymous").get("/t/aachen/konzept")).text();
    expect(concept).toContain(`href="${publicPath(draft)}"`);
    const res = await as("anonymous").get(publicPath(draft));
    expect(res.status).toBe(200);
    const html = await res.text();
    // Inserted words are <ins> and say so in words; not colour alone.
    expect(html).toMatch(/<ins><span class="kern-sr-only">eingefügt: <\/span>[^<]*in allen Stadtbezirken<\/ins>/);
    expect(plain(html)).toContain("Vom Jobcenter als Regelangebot übernommen.");
    expect(plain(html)).toContain(carried[1].title);
    // The superseded edition has no earlier one; another tenant does not see Aachen's edition.
    expect((await as("anonymous").get(publicPath(old))).status).toBe(404);
    expect((await as("anonymous").get(`/t/koeln/konzept/ausgaben/${draft}/vergleich`)).status).toBe(404);
  });
});
