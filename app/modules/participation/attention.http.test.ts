import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Client, startTestServer, type TestServer } from "../../../tests/support/server";
import { queryRows } from "../../../tests/support/roles";
import { attentionOf } from "../../../tests/support/attention";

// The staff home's "what needs attention today" (kernel/attention.ts): citizens' comments on open
// drafts without an answer, for editors; hidden and answered ones, closed drafts and other tenants'
// comments do not count.

const PW = "Teilhabe-Demo-2026";
let s: TestServer;
const q = queryRows(() => s);

async function draftWithComments(
  slug: string,
  status: "open" | "closed",
  comments: { hidden?: boolean; answer?: string }[],
) {
  const [{ id }] = await q<{ id: string }>(
    sql`INSERT INTO participation_processes (tenant_id, kind, title, status, contact_name, contact_address, decision_scope,
          deciding_body_name, answer_due_on)
        VALUES ((SELECT id FROM tenants WHERE slug = ${slug}), 'custom', 'Leitbild', 'published', 'Büro', 'b@example.org',
          'Leitbild', 'Integrationsrat', '2026-12-31') RETURNING id::text AS id`,
  );
  const [p] = await q<{ id: string; draft_id: string; tenant_id: string }>(
    sql`WITH d AS (INSERT INTO participation_drafts (tenant_id, process_id, title, source, status)
          VALUES ((SELECT id FROM tenants WHERE slug = ${slug}), ${id}, 'Entwurf', 'custom', ${status}) RETURNING id, tenant_id, process_id)
        INSERT INTO participation_draft_paragraphs (tenant_id, process_id, draft_id, position, body)
          SELECT tenant_id, process_id, id, 1, 'Wir sind offen.' FROM d RETURNING id::text, draft_id::text, tenant_id::text`,
  );
  let seq = 0;
  for (const c of comments)
    await q(sql`INSERT INTO participation_draft_comments (tenant_id, process_id, draft_id, paragraph_id, seq, body, hidden, answer)
      VALUES (${p.tenant_id}, ${id}, ${p.draft_id}, ${p.id}, ${++seq}, 'Ein Kommentar', ${c.hidden ?? false}, ${c.answer ?? null})`);
}

beforeAll(async () => {
  s = await startTestServer({ modules: true });
});
afterAll(async () => {
  await s?.close();
});

const unanswered = async (slug: string) =>
  (
    await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM participation_draft_comments c
      JOIN participation_drafts d ON d.id = c.draft_id AND d.status = 'open'
      JOIN tenants t ON t.id = c.tenant_id AND t.slug = ${slug}
      WHERE NOT c.hidden AND c.answer IS NULL`)
  )[0].n;

async function homeOf(email: string) {
  const c = new Client(s.url);
  await c.login(email, PW);
  return attentionOf(c, "aachen");
}

describe("staff home: unanswered comments", () => {
  it("counts the open drafts' visible comments without an answer, the tenant's own only, for editors", async () => {
    const before = await unanswered("aachen");
    await draftWithComments("aachen", "open", [{}, {}, { hidden: true }, { answer: "Danke, wir nehmen das auf." }]);
    await draftWithComments("aachen", "closed", [{}]);
    await draftWithComments("koeln", "open", [{}, {}, {}]);
    expect(await unanswered("aachen")).toBe(before + 2);
    const editor = await homeOf("editor.aachen@example.org");
    expect(editor).toContain(`Kommentare zu offenen Entwürfen, die noch keine Antwort haben: ${before + 2}`);
    expect(editor).toContain('href="/t/aachen/verwaltung/beteiligung"');
    expect(await homeOf("viewer.aachen@example.org")).not.toContain("Kommentare zu offenen Entwürfen");
  });
});
