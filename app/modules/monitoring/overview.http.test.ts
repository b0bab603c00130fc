import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, type TestServer } from "../../../tests/support/server";
import { tenantIds } from "../../../tests/support/db";
import { withTenant } from "~/kernel/db/context";
import { listIndicators } from "./services/indicators";
import { indicatorValues, indicatorsWithData, manyIndicatorValues } from "./services/values";
import { monitoringOverview } from "./services/overview";

// The monitoring start page (issue 18): tiles for the indicators with values only, the whole city's
// latest value; staff also see which indicators have none and why. The batched headline values are the
// same as the indicator page's, suppression included.
let s: TestServer;
let ids: Record<string, string>;
beforeAll(async () => {
  s = await startTestServer({ modules: true });
  ids = await tenantIds(s.db);
});
afterAll(async () => {
  await s?.close();
});
const asKoeln = <T>(fn: Parameters<typeof withTenant<T>>[2]) =>
  withTenant(s.db, { tenantId: ids.koeln, actor: { userId: null, label: "test" } }, fn);

describe("monitoring overview", () => {
  it("gives every indicator the same city values as its own page, suppression included", async () => {
    await asKoeln(async (tx) => {
      const inds = await listIndicators(tx, { publicOnly: true });
      const { withData } = await indicatorsWithData(tx, inds);
      const filled = inds.filter((i) => withData.has(i.code));
      expect(filled.length).toBeGreaterThan(5);
      const many = await manyIndicatorValues(tx, filled, { level: "stadt", group: "gesamt" });
      for (const i of filled) {
        const one = await indicatorValues(tx, i, { level: "stadt", group: "gesamt" }, { reveal: false });
        expect(many.get(i.code) ?? [], i.code).toEqual(one);
      }
      const { tiles, empty } = await monitoringOverview(tx);
      expect(tiles.map((t) => t.code).sort()).toEqual(filled.map((i) => i.code).sort());
      expect(empty.map((e) => e.code).sort()).toEqual(
        inds
          .filter((i) => !withData.has(i.code))
          .map((i) => i.code)
          .sort(),
      );
      // A tile's headline is its series' latest value.
      for (const t of tiles.filter((x) => x.latest?.value != null))
        expect(t.series.findLast((p) => p.value !== null)).toEqual({
          period: t.latest!.period,
          value: t.latest!.value,
        });
    });
  });

  it("shows tiles with values to the public, and the indicators without values to staff only", async () => {
    const { tiles, empty } = await asKoeln((tx) => monitoringOverview(tx));
    const html = await (await fetch(`${s.url}/t/koeln/monitoring`)).text();
    expect(html).not.toContain("Für diese Auswahl gibt es keine Werte");
    expect(html).not.toContain("ohne Werte (nur für die Verwaltung sichtbar)");
    const links = [...html.matchAll(/href="\/t\/koeln\/monitoring\/indikator\/([a-z0-9_]+)"/g)].map((m) => m[1]);
    expect(new Set(links)).toEqual(new Set(tiles.map((t) => t.code)));
    // The sparklines are drawn on the server.
    expect(html).toMatch(/<svg class="sparkline"[^>]*><polyline points="[\d.]+,[\d.]+ [\d., ]+"/);
    const viewer = new Client(s.url);
    await viewer.login("viewer.koeln@example.org", "Teilhabe-Demo-2026");
    const staffHtml = await (await viewer.get("/t/koeln/monitoring")).text();
    if (empty.length) {
      expect(staffHtml).toContain("ohne Werte (nur für die Verwaltung sichtbar)");
      for (const e of empty) expect(staffHtml).toContain(e.name);
    }
  });
});
