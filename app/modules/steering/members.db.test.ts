import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb } from "../../../tests/support/db";
import type { Database } from "~/kernel/db/client";
import { rows, withSystem, withTenant } from "~/kernel/db/context";
import { createTenant } from "~/kernel/tenancy/service";
import type { TenantKind } from "~/kernel/tenancy/laender";
import { memberConcepts } from "./services/members";

// A Land with a Kreis of three towns and a kreisfreie Stadt: adopted concepts of different ages,
// one town without, one draft, one town that is not public.
let db: Database, cleanup: () => Promise<void>;
const id: Record<string, string> = {};
const TODAY = "2026-12-03";

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
  await withSystem(db, async (tx) => {
    const mk = async (slug: string, kind: TenantKind, parentSlug?: string, isPublic = true, ags = "05999") => {
      id[slug] = (await createTenant(tx, { slug, name: `Stadt ${slug}`, kind, ags, parentSlug, isPublic })).id;
    };
    await mk("land", "land");
    await mk("kreis", "kreis", "land");
    await mk("alt", "kommune", "kreis");
    await mk("bald", "kommune", "kreis");
    await mk("ohne", "kommune", "kreis");
    await mk("privat", "kommune", "kreis", false);
    await mk("frei", "kommune", "land");
    // Hessen has no three-year rule; Bremen is a Stadtstaat with Bremerhaven in it.
    await mk("hessen", "land", undefined, true, "06");
    await mk("marburg", "kommune", "hessen", true, "06534014");
    await mk("bremen", "stadtstaat", undefined, true, "04011000");
    await mk("bremerhaven", "kommune", "bremen", true, "04012000");
    const edition = (t: string, title: string, status: string, adoptedOn: string | null) =>
      tx.execute(sql`INSERT INTO concept_editions (tenant_id, title, status, adopted_on, adopted_by)
        VALUES (${id[t]}, ${title}, ${status}, ${adoptedOn}, 'Rat')`);
    await edition("alt", "Konzept 2019", "abgeloest", "2019-05-01");
    await edition("alt", "Konzept 2022", "beschlossen", "2022-06-30");
    await edition("bald", "Konzept 2024", "beschlossen", "2024-02-15");
    await edition("ohne", "Entwurf 2026", "entwurf", null);
    await edition("privat", "Geheim", "beschlossen", "2018-01-01");
    await edition("frei", "Konzept 2025", "beschlossen", "2025-03-01");
    await edition("kreis", "Kreiskonzept", "beschlossen", "2021-01-01");
    await edition("marburg", "Marburger Konzept 2015", "beschlossen", "2015-09-01");
  });
});
afterAll(async () => {
  await cleanup();
});

const of = (t: string) =>
  withTenant(db, { tenantId: id[t], actor: { userId: null, label: "Test" } }, (tx) => memberConcepts(tx, TODAY));

describe("which municipalities' concepts are past the three-year rule", () => {
  it("a Land sees every public municipality below it, past the rule first, with the adopted edition only", async () => {
    const list = await of("land");
    expect(
      list.map((m) => [m.slug, m.parent, m.edition?.title ?? null, m.freshness.state, m.freshness.validUntil]),
    ).toEqual([
      ["kreis", "Stadt land", "Kreiskonzept", "expired", "2024-01-01"],
      ["alt", "Stadt kreis", "Konzept 2022", "expired", "2025-06-30"],
      ["ohne", "Stadt kreis", null, "none", null],
      ["bald", "Stadt kreis", "Konzept 2024", "warning", "2027-02-15"],
      ["frei", "Stadt land", "Konzept 2025", "ok", "2028-03-01"],
    ]);
  });

  it("a Kreis sees its towns only; a town has no members and sees no other town's drafts", async () => {
    expect((await of("kreis")).map((m) => m.slug).sort()).toEqual(["alt", "bald", "ohne"]);
    expect(await of("alt")).toEqual([]);
    // Member mode admits adopted editions only: the Kreis does not see a town's draft or superseded edition.
    const seen = await withTenant(db, { tenantId: id.kreis, actor: { userId: null, label: "Test" } }, async (tx) => {
      await memberConcepts(tx, TODAY);
      return rows<{ title: string }>(tx, sql`SELECT title FROM concept_editions ORDER BY title`);
    });
    expect(seen.map((r) => r.title)).toEqual(["Konzept 2022", "Konzept 2024", "Kreiskonzept"]);
  });

  it("judges the rule only where the member's Land has it: Hessen and Bremen have none", async () => {
    const hessen = await of("hessen");
    // A concept of 2015 is not "past the rule" in Hessen: the rule does not apply there at all.
    expect(hessen.map((m) => [m.slug, m.land, m.freshness.applies, m.freshness.validUntil])).toEqual([
      ["marburg", "Hessen", false, null],
    ]);
    // A Stadtstaat sees the towns in it like a Land does.
    const bremen = await of("bremen");
    expect(bremen.map((m) => [m.slug, m.land, m.freshness.applies, m.edition])).toEqual([
      ["bremerhaven", "Bremen", false, null],
    ]);
  });
});
