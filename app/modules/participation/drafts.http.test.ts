import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Client, startTestServer, type TestServer } from "../../../tests/support/server";
import { plain, queryRows, roleClients, ROLES } from "../../../tests/support/roles";

// Drafts to comment on (decision 0031) against the production build with the demo data: who may use
// the staff page, another tenant's draft on every route, the public comment without JavaScript (plain
// form posts with the CSRF field), moderation and answers, hidden comments absent from public HTML.
let s: TestServer;
let processId: string, haltungDraft: string, customDraft: string, internalProcess: string, internalDraft: string;
let koelnProcess: string, koelnDraft: string;
let as: Awaited<ReturnType<typeof roleClients>>;
const KOELN_HIDDEN = "Kanarienvogel-Kommentar aus Köln";
const KOELN_VISIBLE = "Sichtbarer Kölner Kommentar";
const LIST = "/t/aachen/verwaltung/beteiligung";

const q = queryRows(() => s);
const staffPage = (draft = customDraft, process = processId) => `${LIST}/${process}/entwurf/${draft}`;
const publicPage = (draft = customDraft, process = processId, slug = "aachen") =>
  `/t/${slug}/beteiligung/${process}/entwurf/${draft}`;
const paragraphIds = async (draft: string) =>
  (
    await q<{ id: string }>(
      sql`SELECT id::text AS id FROM participation_draft_paragraphs WHERE draft_id = ${draft} ORDER BY position`,
    )
  ).map((r) => r.id);
const commentsOf = (draft: string) =>
  q<{ id: string; body: string; display_name: string | null; hidden: boolean; answer: string | null }>(
    sql`SELECT id::text AS id, body, display_name, hidden, answer FROM participation_draft_comments
        WHERE draft_id = ${draft} ORDER BY seq`,
  );

async function newProcess(title: string, publish: boolean): Promise<string> {
  const editor = as("editor");
  const created = await editor.post(`${LIST}/neu`, { kind: "custom", title, startsOn: "2026-03-01" });
  expect(created.status).toBe(302);
  const id = created.headers.get("location")!.match(/beteiligung\/([0-9a-f-]{36})/)![1]!;
  if (publish) {
    const details = await editor.post(`${LIST}/${id}`, {
      intent: "details",
      contactName: "Integrationsbüro",
      contactAddress: "integration@example.org",
      decisionScope: "Die Haltung wird mit den Kommentaren überarbeitet.",
      decidingBody: "Integrationsrat",
      answerDueOn: "2026-09-30",
    });
    expect(details.status).toBe(302);
    expect((await editor.post(`${LIST}/${id}`, { intent: "publish" })).status).toBe(302);
  }
  return id;
}
async function newDraft(process: string, fields: Record<string, string>): Promise<string> {
  const r = await as("editor").post(`${LIST}/${process}`, { intent: "draft", ...fields });
  expect(r.status, await r.clone().text()).toBe(302);
  return r.headers.get("location")!.match(/entwurf\/([0-9a-f-]{36})\?ok=created$/)![1]!;
}

beforeAll(async () => {
  s = await startTestServer({ modules: true });
  as = await roleClients(s);
  processId = await newProcess("Haltung fortschreiben", true);
  haltungDraft = await newDraft(processId, { source: "haltung", title: "", text: "" });
  customDraft = await newDraft(processId, {
    source: "custom",
    title: "Leitsätze Entwurf",
    text: "Wir sind Aachen.\n\nWir sprechen direkt miteinander.\n\nWir leben den Dialog.",
  });
  internalProcess = await newProcess("Noch nicht veröffentlicht", false);
  internalDraft = await newDraft(internalProcess, { source: "custom", title: "Interner Entwurf", text: "Intern." });
  // A published Köln process with a draft, one visible and one hidden comment: nothing of it may
  // reach an Aachen answer, and the hidden one reaches no public page at all.
  [{ id: koelnProcess }] = await q<{ id: string }>(
    sql`INSERT INTO participation_processes (tenant_id, kind, title, status, contact_name, contact_address, decision_scope,
          deciding_body_name, answer_due_on)
        VALUES ((SELECT id FROM tenants WHERE slug = 'koeln'), 'custom', 'Kölner Leitbild', 'published', 'Büro', 'b@example.org',
          'Leitbild', 'Integrationsrat', '2026-12-31') RETURNING id::text AS id`,
  );
  [{ id: koelnDraft }] = await q<{ id: string }>(
    sql`WITH d AS (INSERT INTO participation_drafts (tenant_id, process_id, title, source)
          VALUES ((SELECT id FROM tenants WHERE slug = 'koeln'), ${koelnProcess}, 'Kölner Entwurf', 'custom') RETURNING id, tenant_id, process_id),
        p AS (INSERT INTO participation_draft_paragraphs (tenant_id, process_id, draft_id, position, body)
          SELECT tenant_id, process_id, id, 1, 'Köln ist offen.' FROM d RETURNING id, tenant_id, process_id, draft_id),
        c AS (INSERT INTO participation_draft_comments (tenant_id, process_id, draft_id, paragraph_id, seq, body, hidden)
          SELECT tenant_id, process_id, draft_id, id, 1, ${KOELN_HIDDEN}, true FROM p
          UNION ALL SELECT tenant_id, process_id, draft_id, id, 2, ${KOELN_VISIBLE}, false FROM p)
      SELECT id::text AS id FROM d`,
  );
});
afterAll(async () => {
  await s?.close();
});

describe("the staff page of a draft", () => {
  it("is made from the current edition's Haltung or from pasted text, split at blank lines", async () => {
    expect(await paragraphIds(customDraft)).toHaveLength(3);
    const haltung = plain(await (await as("viewer").get(staffPage(haltungDraft))).text());
    expect(haltung).toContain("Aachen, das sind wir!");
    expect(haltung).toContain("Absatz 13");
    expect(haltung).toMatch(/Text: Haltung der Fassung „[^“]+“/);
    // Pasted text without a text is refused with a German message, and nothing is stored.
    const before = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM participation_drafts`);
    const r = await as("editor").post(`${LIST}/${processId}`, { intent: "draft", source: "custom", title: "Leer" });
    expect(r.status).toBe(400);
    expect(plain(await r.text())).toContain("Bitte ausfüllen.");
    expect(await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM participation_drafts`)).toEqual(before);
    // The process page lists the drafts.
    const process = plain(await (await as("viewer").get(`${LIST}/${processId}`)).text());
    expect(process).toContain("Entwürfe zum Kommentieren");
    expect(process).toContain("Leitsätze Entwurf");
  });

  it("sends anonymous visitors to the login, refuses partners, lets viewers read and only editors change", async () => {
    const got: Record<string, number> = {};
    for (const role of ROLES) got[role] = (await as(role).get(staffPage())).status;
    expect(got).toEqual({ anonymous: 302, partner: 403, viewer: 200, editor: 200, admin: 200 });
    expect((await as("anonymous").get(staffPage())).headers.get("location")).toMatch(/^\/anmelden/);
    const viewer = plain(await (await as("viewer").get(staffPage())).text());
    expect(viewer).toContain("Wir sprechen direkt miteinander.");
    expect(viewer).not.toContain("Kommentare schließen");
    expect(plain(await (await as("editor").get(staffPage())).text())).toContain("Kommentare schließen");
    for (const role of ["anonymous", "partner", "viewer"] as const) {
      const r = await as(role).post(staffPage(), { intent: "status", status: "closed" });
      expect([302, 403], role).toContain(r.status);
      if (r.status === 302) expect(r.headers.get("location")).toMatch(/anmelden/);
      const d = await as(role).post(`${LIST}/${processId}`, {
        intent: "draft",
        source: "custom",
        title: "X",
        text: "Y",
      });
      expect([302, 403], role).toContain(d.status);
      if (d.status === 302) expect(d.headers.get("location")).toMatch(/anmelden/);
    }
    const [d] = await q<{ status: string }>(sql`SELECT status FROM participation_drafts WHERE id = ${customDraft}`);
    expect(d!.status).toBe("open");
    expect(await q(sql`SELECT 1 FROM participation_drafts WHERE title = 'X'`)).toEqual([]);
  });

  it("answers 404 for another tenant's draft and for a draft under another process, on every route", async () => {
    const [koelnParagraph] = await paragraphIds(koelnDraft);
    const urls = [
      staffPage(koelnDraft, koelnProcess),
      staffPage(koelnDraft, processId),
      staffPage(internalDraft, processId),
      staffPage("kein-uuid", processId),
      publicPage(koelnDraft, koelnProcess),
      publicPage(koelnDraft, processId),
      publicPage(internalDraft, processId),
    ];
    for (const role of ROLES) {
      for (const url of urls) {
        if (url.includes("/verwaltung/") && (role === "anonymous" || role === "partner")) continue;
        const r = await as(role).get(url);
        expect(r.status, `${role} ${url}`).toBe(404);
        const body = await r.text();
        expect(body).not.toContain(KOELN_HIDDEN);
        expect(body).not.toContain(KOELN_VISIBLE);
      }
      for (const url of [publicPage(koelnDraft, koelnProcess), publicPage(koelnDraft, processId)]) {
        const r = await as(role).post(url, { paragraphId: koelnParagraph!, body: "Übergriff" });
        expect(r.status, `${role} POST ${url}`).toBe(404);
      }
    }
    for (const role of ["editor", "admin"] as const) {
      for (const intent of ["status", "hide", "answer"]) {
        const [koelnComment] = await commentsOf(koelnDraft);
        const r = await as(role).post(staffPage(koelnDraft, koelnProcess), {
          intent,
          status: "closed",
          commentId: koelnComment!.id,
          answer: "Übergriff",
        });
        expect(r.status, `${role} ${intent}`).toBe(404);
      }
      // An Aachen draft's page cannot reach a Köln comment either.
      const [koelnComment] = await commentsOf(koelnDraft);
      const r = await as(role).post(staffPage(), { intent: "show", commentId: koelnComment!.id });
      expect(r.status).toBe(400);
    }
    expect((await commentsOf(koelnDraft)).map((c) => [c.body, c.hidden, c.answer])).toEqual([
      [KOELN_HIDDEN, true, null],
      [KOELN_VISIBLE, false, null],
    ]);
    const [k] = await q<{ status: string }>(sql`SELECT status FROM participation_drafts WHERE id = ${koelnDraft}`);
    expect(k!.status).toBe("open");
  });
});

describe("a visitor without JavaScript", () => {
  it("finds the draft from the process page, comments on a paragraph with a plain form, and sees it", async () => {
    const visitor = new Client(s.url);
    const process = await visitor.get(`/t/aachen/beteiligung/${processId}`);
    expect(process.status).toBe(200);
    expect(await process.text()).toContain(`href="${publicPage()}"`);
    const page = await visitor.get(publicPage());
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('name="_csrf"');
    expect(html).toContain("Absatz 2 kommentieren");
    expect(plain(html)).toContain("Ohne Namen erscheint er anonym");
    const [, second] = await paragraphIds(customDraft);

    // Without the CSRF field the post is refused and nothing is stored.
    const forged = await visitor.post(publicPage(), { paragraphId: second!, body: "Ohne Token" }, { csrf: null });
    expect(forged.status).toBe(403);
    // An empty comment: the German message, in the page, with the form open.
    const empty = await visitor.post(publicPage(), { intent: "comment", paragraphId: second!, body: "  " });
    expect(empty.status).toBe(400);
    const emptyHtml = await empty.text();
    expect(plain(emptyHtml)).toContain("Bitte ausfüllen.");
    expect(emptyHtml).toContain('href="#f-body-2"');
    expect(await commentsOf(customDraft)).toEqual([]);

    const r = await visitor.post(publicPage(), {
      intent: "comment",
      paragraphId: second!,
      body: "Was heißt direkt? Bitte mit Beispielen.",
      displayName: "",
    });
    expect(r.status).toBe(302);
    expect(r.headers.get("location")).toBe(`${publicPage()}?ok=comment#k-1`);
    const named = await visitor.post(publicPage(), {
      intent: "comment",
      paragraphId: second!,
      body: "Gefällt mir.",
      displayName: "Nachbarin aus Burtscheid",
    });
    expect(named.status).toBe(302);
    const after = await visitor.get(`${publicPage()}?ok=comment`);
    const text = plain(await after.text());
    expect(text).toContain("Danke! Ihr Kommentar ist veröffentlicht.");
    expect(text).toContain("anonym Was heißt direkt? Bitte mit Beispielen.");
    expect(text).toContain("Nachbarin aus Burtscheid Gefällt mir.");
    expect(await commentsOf(customDraft)).toMatchObject([
      { body: "Was heißt direkt? Bitte mit Beispielen.", display_name: null, hidden: false },
      { body: "Gefällt mir.", display_name: "Nachbarin aus Burtscheid" },
    ]);
  });

  it("sees the answer, not the hidden comment, and no form once the draft is closed", async () => {
    const [first, second] = await commentsOf(customDraft);
    const editor = as("editor");
    const answered = await editor.post(staffPage(), {
      intent: "answer",
      commentId: first!.id,
      answer: "Direkt heißt: ohne Umwege.",
    });
    expect(answered.status).toBe(302);
    expect(answered.headers.get("location")).toBe(`${staffPage()}?ok=answer#k-${first!.id}`);
    expect((await editor.post(staffPage(), { intent: "hide", commentId: second!.id })).status).toBe(302);
    const tooLong = await editor.post(staffPage(), {
      intent: "answer",
      commentId: first!.id,
      answer: "a".repeat(4001),
    });
    expect(tooLong.status).toBe(400);
    expect(plain(await tooLong.text())).toContain("höchstens 4.000 Zeichen");

    const visitor = new Client(s.url);
    const html = await (await visitor.get(publicPage())).text();
    expect(plain(html)).toContain("Antwort der Verwaltung: Direkt heißt: ohne Umwege.");
    expect(html).not.toContain("Gefällt mir.");
    expect(html).not.toContain("Nachbarin aus Burtscheid");
    // Staff still see it, marked.
    const staffText = plain(await (await as("viewer").get(staffPage())).text());
    expect(staffText).toContain("Nachbarin aus Burtscheid · ausgeblendet");
    expect(staffText).toContain("Gefällt mir.");
    // The hidden Köln comment is on no public page, the visible one is on Köln's own.
    const koeln = await (await visitor.get(publicPage(koelnDraft, koelnProcess, "koeln"))).text();
    expect(koeln).toContain(KOELN_VISIBLE);
    expect(koeln).not.toContain(KOELN_HIDDEN);

    expect((await editor.post(staffPage(), { intent: "status", status: "closed" })).status).toBe(302);
    const closed = await (await visitor.get(publicPage())).text();
    expect(plain(closed)).toContain("Zu diesem Entwurf können keine Kommentare mehr abgegeben werden.");
    expect(closed).not.toContain("kommentieren</summary>");
    const [p] = await paragraphIds(customDraft);
    const late = await visitor.post(publicPage(), { intent: "comment", paragraphId: p!, body: "Zu spät" });
    expect(late.status).toBe(400);
    expect(plain(await late.text())).toContain("Zu diesem Entwurf können keine Kommentare mehr abgegeben werden.");
    expect(await commentsOf(customDraft)).toHaveLength(2);
    expect((await editor.post(staffPage(), { intent: "status", status: "open" })).status).toBe(302);
    expect(await (await visitor.get(publicPage())).text()).toContain("kommentieren</summary>");
  });
});
