import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Client, startTestServer, type TestServer } from "../../../tests/support/server";
import { attentionOf } from "../../../tests/support/attention";
import { withTenant } from "~/kernel/db/context";
import { todayBerlin } from "~/kernel/dates";
import { currentEdition } from "./services/concept";
import { countMeasures } from "./services/measures";

// Issue 18 item 1: the staff home says what needs attention today, per role, instead of repeating the
// menu. Each count is checked against the database; each role sees only its own work.

const PW = "Teilhabe-Demo-2026";
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ modules: true });
});
afterAll(async () => {
  await s?.close();
});

const one = async (q: ReturnType<typeof sql>) =>
  ((await s.db.orm.execute(q)) as unknown as { rows: { n: number }[] }).rows[0].n;

const tenantId = async (slug: string) =>
  ((await s.db.orm.execute(sql`SELECT id FROM tenants WHERE slug = ${slug}`)) as unknown as { rows: { id: string }[] })
    .rows[0].id;

async function home(email: string, slug: string) {
  const c = new Client(s.url);
  await c.login(email, PW);
  return attentionOf(c, slug);
}

describe("staff home: what needs attention today", () => {
  it("shows an editor the submissions waiting for approval, as many as the database holds, with the link to act", async () => {
    const pending = await one(sql`
      SELECT count(*)::int AS n FROM atlas_revisions r JOIN atlas_entries e ON e.id = r.entry_id
      JOIN tenants t ON t.id = e.tenant_id AND t.slug = 'aachen' WHERE r.status = 'pending'`);
    expect(pending).toBeGreaterThan(0);
    const section = await home("editor.aachen@example.org", "aachen");
    expect(section).toContain(`Einträge im Integrationsatlas, die auf Freigabe warten: ${pending}`);
    expect(section).toContain('href="/t/aachen/verwaltung/angebote/freigabe"');
  });

  it("shows an editor the reports waiting for review and the measures with overdue milestones", async () => {
    const reports = await one(sql`
      SELECT count(*)::int AS n FROM concept_updates u JOIN tenants t ON t.id = u.tenant_id AND t.slug = 'aachen'
      WHERE u.status = 'eingereicht'`);
    const section = await home("editor.aachen@example.org", "aachen");
    if (reports > 0) expect(section).toContain(`Berichte, die auf Ihre Prüfung warten: ${reports}`);
    else expect(section).not.toContain("Berichte, die auf Ihre Prüfung warten");
    // The concept's own count (currentEdition, countMeasures) in the tenant's transaction: the page
    // must show that number, not another one.
    const overdue = await withTenant(
      s.db,
      { tenantId: await tenantId("aachen"), actor: { userId: null, label: "test" } },
      async (tx) => {
        const e = (await currentEdition(tx))!;
        return countMeasures(tx, { editionId: e.id, overdue: true, today: todayBerlin() });
      },
    );
    expect(overdue).toBeGreaterThan(0);
    expect(section).toContain(`Maßnahmen mit überfälligen Meilensteinen: ${overdue}`);
    expect(section).toContain('href="/t/aachen/verwaltung/massnahmen?overdue=1"');
  });

  it("shows a viewer no approvals or reviews, which a viewer cannot do", async () => {
    const section = await home("viewer.aachen@example.org", "aachen");
    expect(section).toContain("Was heute ansteht");
    expect(section).not.toContain("auf Freigabe warten");
    expect(section).not.toContain("auf Ihre Prüfung warten");
  });

  it("leaves out what has gone: no approvals once the queue is empty", async () => {
    await s.db.orm.execute(
      sql`UPDATE atlas_revisions SET status = 'rejected', reason = 'Test: abgelehnt' WHERE status = 'pending'`,
    );
    const section = await home("editor.aachen@example.org", "aachen");
    expect(section).toContain("Was heute ansteht");
    expect(section).not.toContain("auf Freigabe warten");
  });
});
