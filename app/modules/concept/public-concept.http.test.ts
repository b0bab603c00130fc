import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Client, startTestServer, type TestServer } from "../../../tests/support/server";
import { MEASURE_STATUS_LABEL, type MeasureStatus } from "./constants";

// Issue 18 item 1: the public concept opens with contents and the state of implementation at a
// glance; each Leitziel is collapsed behind a summary line (native <details>, no script needed).

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ modules: true });
});
afterAll(async () => {
  await s?.close();
});

describe("public concept page", () => {
  it("counts every measure of the adopted edition once, by state, as the database has them", async () => {
    const { rows } = (await s.db.orm.execute(sql`
      SELECT m.status, count(DISTINCT m.id)::int AS n
      FROM concept_measures m
      JOIN concept_measure_goals mg ON mg.measure_id = m.id
      JOIN concept_goals g ON g.id = mg.goal_id
      JOIN concept_editions e ON e.id = g.edition_id AND e.status = 'beschlossen'
      JOIN tenants t ON t.id = e.tenant_id AND t.slug = 'aachen'
      GROUP BY m.status`)) as unknown as { rows: { status: string; n: number }[] };
    expect(rows.length).toBeGreaterThan(1);
    const total = rows.reduce((a, r) => a + r.n, 0);

    const html = await (await new Client(s.url).get("/t/aachen/konzept")).text();
    const section = html.slice(html.indexOf('id="stand"'), html.indexOf("</section>", html.indexOf('id="stand"')));
    expect(section).toContain(`So weit sind die ${total} Maßnahmen des Konzepts:`);
    const shown = [
      ...section.matchAll(/concept-status--([a-z_]+)">[^<]*<\/span> <span class="concept-status-count">(\d+)/g),
    ];
    expect(Object.fromEntries(shown.map((m) => [m[1], Number(m[2])]))).toEqual(
      Object.fromEntries(rows.map((r) => [r.status, r.n])),
    );
    for (const r of rows) expect(section).toContain(`>${MEASURE_STATUS_LABEL[r.status as MeasureStatus]}</span>`);
    expect(section).toContain('href="/t/aachen/rechenschaft"');
  });

  it("has contents that lead to every Themenfeld, and collapses every Leitziel with its measure count", async () => {
    const html = await (await new Client(s.url).get("/t/aachen/konzept")).text();
    const nav = html.slice(
      html.indexOf('aria-labelledby="inhalt-konzept"'),
      html.indexOf("</nav>", html.indexOf("inhalt-konzept")),
    );
    const anchors = [...nav.matchAll(/href="#(tf-[0-9a-f-]+)"/g)].map((m) => m[1]);
    expect(anchors.length).toBe(4);
    for (const a of anchors) expect(html).toContain(`id="${a}"`);
    expect(nav).toContain('href="#stand"');
    const leitziele = [...html.matchAll(/<details class="concept-leitziel"><summary>/g)].length;
    expect(leitziele).toBe(23);
    // Closed by default: no <details open>.
    expect(html).not.toMatch(/<details class="concept-leitziel" open/);
    expect(html).toMatch(/\(Maßnahmen: \d+\)/);
  });
});
