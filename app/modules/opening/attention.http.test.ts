import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { attentionOf, shownCount } from "../../../tests/support/attention";
import { Client, startTestServer, type TestServer } from "../../../tests/support/server";
import { queryRows } from "../../../tests/support/roles";
import { addDays, todayBerlin } from "~/kernel/dates";

// The staff home's "what needs attention today" (kernel/attention.ts) for the intercultural opening,
// for editors: mediation requests without a mediator, past assignments without hours, seals to
// re-certify, applications without agreed milestones, overdue milestones before the award, surveys past
// their closing day still open, and a Land's partner reports waiting for review. Each thing that needs
// nothing is added too, and the same things in another tenant: every count grows by exactly one.

const PW = "Teilhabe-Demo-2026";
let s: TestServer;
const q = queryRows(() => s);
const today = todayBerlin();
const tenant = (slug: string) => sql`(SELECT id FROM tenants WHERE slug = ${slug})`;

beforeAll(async () => {
  s = await startTestServer({ modules: true });
});
afterAll(async () => {
  await s?.close();
});

async function home(email: string, slug: string) {
  const c = new Client(s.url);
  await c.login(email, PW);
  return { c, html: await attentionOf(c, slug) };
}

const SENTENCES = {
  sealReminder: "Siegel, deren Gültigkeit in den nächsten 90 Tagen endet (Rezertifizierung): ",
  sealMilestones: "Überfällige Meilensteine auf dem Weg zum Siegel: ",
  mediationOpen: "Anfragen nach Sprachmittlung ohne zugewiesene Person: ",
  mediationHours: "Einsätze der Sprachmittlung, deren Termin vorbei ist und deren Stunden fehlen: ",
  sealApplied: "Anträge auf das Siegel ohne vereinbarte Meilensteine: ",
  surveysToClose: "Befragungen, deren Zeitraum abgelaufen ist und die noch offen sind: ",
};
/** The count each sentence shows, 0 where it is left out. */
const shown = (html: string) =>
  Object.fromEntries(Object.entries(SENTENCES).map(([k, text]) => [k, shownCount(html, text)]));

let ref = 9000;
async function request(slug: string, onDate: string, status: string, mediator?: { id: string; language: string }) {
  await q(sql`INSERT INTO opening_mediation_requests (tenant_id, reference, department, language, on_date, place, status,
      mediator_id, hours)
    VALUES (${tenant(slug)}, ${`SM-2099-${++ref}`}, 'Bürgeramt', ${mediator?.language ?? "ar"}, ${onDate}, 'Raum 1',
      ${status}, ${mediator?.id ?? null}, ${status === "done" ? 2 : null})`);
}

async function sealCase(
  slug: string,
  opts: { agreed?: boolean; awardedOn?: string; milestones?: [string, boolean][] },
) {
  const [{ id }] = await q<{ id: string }>(
    sql`INSERT INTO opening_seal_cases (tenant_id, applicant_name, applied_on, milestones_agreed_on)
        VALUES (${tenant(slug)}, 'Testbetrieb', ${addDays(today, -900)}, ${opts.agreed ? addDays(today, -800) : null})
        RETURNING id::text`,
  );
  for (const [due, done] of opts.milestones ?? [])
    await q(sql`INSERT INTO opening_seal_milestones (tenant_id, case_id, title, due_on, done_on)
      VALUES (${tenant(slug)}, ${id}, 'Schulung', ${due}, ${done ? due : null})`);
  if (opts.awardedOn)
    await q(
      sql`INSERT INTO opening_seal_awards (tenant_id, case_id, awarded_on) VALUES (${tenant(slug)}, ${id}, ${opts.awardedOn})`,
    );
}

async function survey(slug: string, status: string, closesOn: string) {
  await q(sql`INSERT INTO opening_surveys (tenant_id, kind, title, opens_on, closes_on, period_label, mode, headcount,
      council_agreed_on, status)
    VALUES (${tenant(slug)}, 'staff', 'Testbefragung', ${addDays(closesOn, -30)}, ${closesOn}, '2099', 'open', 50,
      ${status === "draft" ? null : addDays(closesOn, -60)}, ${status})`);
}

describe("staff home: the intercultural opening's work for editors", () => {
  it("counts the tenant's mediation, seal and survey work, with links that lead to the pages", async () => {
    const before = shown((await home("editor.aachen@example.org", "aachen")).html);
    const [mediator] = await q<{ id: string; language: string }>(
      sql`SELECT m.id::text, l.language FROM opening_mediators m JOIN opening_mediator_languages l ON l.mediator_id = m.id
          WHERE m.tenant_id = ${tenant("aachen")} AND m.pledged_on IS NOT NULL AND m.active LIMIT 1`,
    );
    expect(mediator).toBeDefined();
    const past = addDays(today, -2);
    const future = addDays(today, 7);
    for (const slug of ["aachen", "koeln"]) {
      // Counted: an open request (whatever its date); a past assignment without hours.
      await request(slug, future, "open");
      if (slug === "aachen") {
        await request(slug, past, "assigned", mediator);
        // Not counted: a coming assignment, a finished one, a cancelled request.
        await request(slug, future, "assigned", mediator);
        await request(slug, past, "done", mediator);
        await request(slug, past, "cancelled");
      }
      // Counted: an application without agreed milestones; an agreed case with an overdue milestone (a
      // done and a coming one beside it); an award whose two years end in 29 days.
      await sealCase(slug, {});
      await sealCase(slug, {
        agreed: true,
        milestones: [
          [past, false],
          [past, true],
          [future, false],
        ],
      });
      await sealCase(slug, { agreed: true, awardedOn: addDays(addDays(today, 30), -730), milestones: [[past, false]] });
      // Not counted: a seal awarded a year ago (its undone milestone no longer matters).
      await sealCase(slug, { agreed: true, awardedOn: addDays(today, -365), milestones: [[past, false]] });
      // Counted: an open survey past its closing day; not: open and running, closed, a draft.
      await survey(slug, "open", addDays(today, -1));
      await survey(slug, "open", addDays(today, 1));
      await survey(slug, "closed", addDays(today, -1));
      await survey(slug, "draft", addDays(today, -1));
    }
    const { c, html } = await home("editor.aachen@example.org", "aachen");
    const after = shown(html);
    expect(after).toEqual(Object.fromEntries(Object.entries(before).map(([k, v]) => [k, v + 1])));
    for (const to of ["siegel", "sprachmittlung/anfragen", "befragungen"]) {
      expect(html).toContain(`href="/t/aachen/verwaltung/oeffnung/${to}"`);
      const page = await c.get(`/t/aachen/verwaltung/oeffnung/${to}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("<h1");
    }
    // The Land's partner reports are not Aachen's.
    expect(html).not.toContain("Jahresberichte der Partner");

    const viewer = await home("viewer.aachen@example.org", "aachen");
    expect(viewer.html).toContain("Was heute ansteht");
    for (const text of Object.values(SENTENCES)) expect(viewer.html).not.toContain(text);
  });

  it("shows the Land's administration the partner reports waiting for review, not its viewer", async () => {
    const [{ n }] = await q<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM opening_partner_reports WHERE status = 'submitted' AND tenant_id = ${tenant("nrw")}`,
    );
    expect(n).toBeGreaterThan(0);
    const admin = await home("admin.nrw@example.org", "nrw");
    expect(admin.html).toContain(`Jahresberichte der Partner, die auf Ihre Prüfung warten: ${n}`);
    expect(admin.html).toContain('href="/t/nrw/verwaltung/oeffnung/partner"');
    expect((await admin.c.get("/t/nrw/verwaltung/oeffnung/partner")).status).toBe(200);
    expect((await home("viewer.nrw@example.org", "nrw")).html).not.toContain("Jahresberichte der Partner");
  });
});
