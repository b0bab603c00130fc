import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Client, startTestServer, type TestServer } from "../../../tests/support/server";
import { DEMO_PASSWORD, queryRows } from "../../../tests/support/roles";
import { loginPlatformAdmin } from "../../../tests/support/platform-admin";

// The platform page of the periodic tasks and the atlas confirmation run by the scheduler, against
// the production build with all demo data on the embedded database. The scheduler here is started by
// the test on the served database with an injected clock 11 months and a day ahead (the server's own
// scheduler is started by startServer, which the test server does not call): honest about the clock,
// real about everything else (the page's POST with CSRF, the claim, the task, the outbox).
let s: TestServer;
const q = queryRows(() => s);
beforeAll(async () => {
  s = await startTestServer({ modules: true });
});
afterAll(async () => {
  await s?.close();
});

const superadmin = async () => {
  const c = new Client(s.url);
  await loginPlatformAdmin(c, s.db);
  return c;
};

describe("/plattform/aufgaben", () => {
  it("is refused to everyone but platform administrators, also its POST", async () => {
    const tasks = await s.build.scheduledTasks();
    // Registers the tasks (the interval ones run once; the daily ones wait for their hour).
    const scheduler = s.build.startScheduler(s.db, tasks, { pollMs: 3_600_000, log: () => {} });
    await scheduler.idle();
    await scheduler.stop();
    const anon = new Client(s.url);
    expect((await anon.get("/plattform/aufgaben")).status).toBe(302);
    for (const who of ["admin.aachen@example.org", "admin.nrw@example.org", "editor.koeln@example.org"]) {
      const c = new Client(s.url);
      await c.login(who, DEMO_PASSWORD);
      expect((await c.get("/plattform/aufgaben")).status).toBe(403);
      expect((await c.post("/plattform/aufgaben", { intent: "run", name: "atlas.confirmations" })).status).toBe(403);
    }
    const [r] = await q<{ due: boolean }>(
      sql`SELECT next_run_at <= now() AS due FROM schedules WHERE name = 'atlas.confirmations'`,
    );
    expect(r.due).toBe(false);
    const admin = await superadmin();
    const page = await admin.get("/plattform/aufgaben");
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const t of tasks) expect(html).toContain(`data-schedule="${t.name}"`);
    expect(html).toContain("täglich um 06 Uhr");
    // Without the CSRF token nothing happens.
    expect(
      (await admin.post("/plattform/aufgaben", { intent: "run", name: "atlas.confirmations" }, { csrf: null })).status,
    ).toBe(403);
    expect((await admin.post("/plattform/aufgaben", { intent: "run", name: "gibt.es.nicht" })).status).toBe(400);
    expect(await (await admin.get("/plattform/mandanten")).text()).toContain('href="/plattform/aufgaben"');
  });

  it("runs the atlas confirmations on 'jetzt ausführen': the provider of an entry 11 months old gets the mail with the link", async () => {
    const [entry] = await q<{ id: string; title: string; email: string }>(sql`
      SELECT e.id, t.title, u.email FROM atlas_entries e
      JOIN tenants tn ON tn.id = e.tenant_id AND tn.slug = 'aachen'
      JOIN atlas_translations t ON t.entry_id = e.id AND t.lang = 'de'
      JOIN memberships m ON m.tenant_id = e.tenant_id AND m.organisation_id = e.organisation_id AND m.role = 'partner' AND m.active
      JOIN users u ON u.id = m.user_id AND u.status = 'active'
      WHERE e.status = 'published' ORDER BY t.title LIMIT 1`);
    expect(entry).toBeDefined();
    // Confirmed today (real clock); the scheduler's clock stands 11 months and a day later.
    await q(
      sql`UPDATE atlas_entries SET last_confirmed_at = now(), confirmation_requested_at = NULL WHERE id = ${entry.id}`,
    );
    const later = new Date();
    later.setMonth(later.getMonth() + 11);
    later.setDate(later.getDate() + 1);
    const tasks = (await s.build.scheduledTasks()).filter((t) => t.name === "atlas.confirmations");
    // Its next regular run is far off (else the clock 11 months ahead would find it due at once).
    await q(sql`UPDATE schedules SET next_run_at = '2099-01-01' WHERE name = 'atlas.confirmations'`);
    const scheduler = s.build.startScheduler(s.db, tasks, { pollMs: 3_600_000, now: () => later, log: () => {} });
    try {
      await scheduler.idle();
      const mailsFor = () =>
        q<{ body: string }>(
          sql`SELECT body FROM outbox WHERE recipient = ${entry.email} AND subject LIKE ${`%${entry.title}%`}`,
        );
      expect(await mailsFor()).toHaveLength(0); // daily at 06:00: not due yet
      const admin = await superadmin();
      const posted = await admin.post("/plattform/aufgaben", { intent: "run", name: "atlas.confirmations" });
      expect(posted.status).toBe(302);
      expect(posted.headers.get("location")).toBe("/plattform/aufgaben?vorgemerkt=atlas.confirmations");
      scheduler.wake();
      await scheduler.idle();
      const mails = await mailsFor();
      expect(mails).toHaveLength(1);
      expect(mails[0].body).toContain(`/t/aachen/verwaltung/angebote/${entry.id}`);
      const html = await (await admin.get("/plattform/aufgaben")).text();
      const rowHtml = html.split('data-schedule="atlas.confirmations"')[1].split("</tr>")[0];
      expect(rowHtml).toContain('data-result="ok"');
      expect(rowHtml).toMatch(/[1-9]\d* Bestätigungsanfrage/);
    } finally {
      await scheduler.stop();
    }
  });
});
