import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Database } from "~/kernel/db/client";
import { rows, withSystem } from "~/kernel/db/context";
import { login } from "~/kernel/auth/service";
import { verifyLoginCode } from "~/kernel/auth/second-factor";
import { totpCode } from "~/kernel/auth/totp";
import { createTestDb } from "../../../../tests/support/db";
import { must } from "../../../../tests/support/errors";
import { withCase } from "../core/context";
import { caseload, openClient } from "../core/clients";
import { householdOf } from "../households/service";
import { DEMO_NETWORK, DEMO_STAFF, demoLogins, demoTotpSecret, seedDemo } from "./demo";
import { logins as moduleLogins, seedDemo as seedModuleDemo } from "../demo";

// The demo network on a fresh test database (kernel demo tenants only), loaded twice: the second run
// must change nothing, in any table.

let db: Database;
let cleanup: () => Promise<void>;
let networkId: string;
const logged: string[] = [];

async function tableCounts(): Promise<Record<string, number>> {
  return withSystem(db, async (tx) => {
    const tables = await rows<{ s: string; t: string }>(
      tx,
      sql`SELECT table_schema AS s, table_name AS t FROM information_schema.tables
        WHERE table_schema IN ('public', 'case_keys') AND table_type = 'BASE TABLE' ORDER BY 1, 2`,
    );
    const out: Record<string, number> = {};
    for (const { s, t } of tables) {
      const [r] = await rows<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM ${sql.identifier(s)}.${sql.identifier(t)}`,
      );
      out[`${s}.${t}`] = r.n;
    }
    return out;
  });
}

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true }));
  await seedModuleDemo(db, (m) => logged.push(m));
  const [n] = await withSystem(db, (tx) =>
    rows<{ id: string }>(tx, sql`SELECT id FROM case_networks WHERE name = ${DEMO_NETWORK}`),
  );
  networkId = n.id;
});
afterAll(() => cleanup());

const asStaff = <T>(email: string, fn: Parameters<typeof withCase<T>>[2]) =>
  withSystem(db, (tx) => rows<{ id: string }>(tx, sql`SELECT id FROM users WHERE email = ${email}`)).then(([u]) =>
    withCase(db, { userId: u.id, networkId, label: email }, fn),
  );

describe("the case-work demo", () => {
  it("is the Integration Point of the Vorlage with its four sites and the seed's institutions", async () => {
    const net = await withSystem(db, (tx) =>
      rows<{ founding_reference: string; is_demo: boolean; host: string }>(
        tx,
        sql`SELECT n.founding_reference, n.is_demo, t.slug AS host FROM case_networks n JOIN tenants t ON t.id = n.host_tenant_id
          WHERE n.id = ${networkId}::uuid`,
      ),
    );
    expect(net[0]).toMatchObject({ is_demo: true, host: "staedteregion-aachen" });
    expect(net[0].founding_reference).toContain("Vorlage FB 50/0144/WP17");
    const sites = await withSystem(db, (tx) =>
      rows<{ name: string }>(tx, sql`SELECT name FROM case_sites WHERE network_id = ${networkId}::uuid ORDER BY name`),
    );
    expect(sites.map((s) => s.name)).toEqual(["Aachen", "Alsdorf", "Eschweiler", "Simmerath"]);
    const inst = await withSystem(db, (tx) =>
      rows<{ kind: string; name: string; slug: string }>(
        tx,
        sql`SELECT i.kind, i.name, t.slug FROM case_institutions i JOIN tenants t ON t.id = i.home_tenant_id
          WHERE i.network_id = ${networkId}::uuid`,
      ),
    );
    expect(new Set(inst.map((i) => i.kind))).toEqual(
      new Set([
        "jobcenter",
        "agentur_fuer_arbeit",
        "auslaenderbehoerde",
        "jugendamt",
        "sozialamt",
        "ihk",
        "hwk",
        "provider",
        "volunteer_network",
      ]),
    );
    expect(inst.find((i) => i.kind === "jugendamt")).toMatchObject({
      name: "Jugendamt der Stadt Aachen",
      slug: "aachen",
    });
    expect(inst.find((i) => i.kind === "jobcenter")).toMatchObject({ slug: "staedteregion-aachen" });
    expect(logged.join("\n")).toMatch(/Demo-Netzwerk „Integration Point StädteRegion Aachen“ mit 30 erfundenen/);
  });

  it("has about 30 invented clients, encrypted, readable by their case worker, with consents and one approved ABH basis", async () => {
    const [c] = await withSystem(db, (tx) =>
      rows<{ clients: number; consents: number; sites: number; plain: number }>(
        tx,
        sql`SELECT (SELECT count(*)::int FROM case_clients WHERE network_id = ${networkId}::uuid) AS clients,
          (SELECT count(*)::int FROM case_consents WHERE network_id = ${networkId}::uuid) AS consents,
          (SELECT count(DISTINCT site_id)::int FROM case_clients WHERE network_id = ${networkId}::uuid) AS sites,
          (SELECT count(*)::int FROM case_client_data WHERE position(convert_to('Beispiel', 'UTF8') IN ciphertext) > 0) AS plain`,
      ),
    );
    expect(c).toEqual({ clients: 30, consents: 30, sites: 4, plain: 0 });
    const bases = await withSystem(db, (tx) =>
      rows<{ kind: string; approved: boolean; same: boolean }>(
        tx,
        sql`SELECT i.kind, b.approved_at IS NOT NULL AS approved, b.approved_by = b.requested_by AS same
          FROM case_legal_bases b JOIN case_institutions i ON i.id = b.recipient_id WHERE b.network_id = ${networkId}::uuid`,
      ),
    );
    expect(bases).toEqual([{ kind: "auslaenderbehoerde", approved: true, same: false }]);
    // The Jobcenter's case worker in Aachen reads the identity of the twelve clients taken in there.
    const names = await asStaff("fallarbeit.jobcenter@example.org", async (tx, me) => {
      const out: string[] = [];
      for (const row of await caseload(tx, me!, { limit: 200 })) {
        const identity = must(await openClient(tx, me, row.id)).documents.identity as
          { familyName: string } | undefined;
        if (identity && row.siteId === me!.siteId) out.push(identity.familyName);
      }
      return out;
    });
    expect(names.length).toBe(12);
    for (const n of names) expect(n).toMatch(/^Beispiel-/);
    // The volunteer sees no client's identity.
    const volunteer = await asStaff("fallarbeit.ehrenamt@example.org", (tx) =>
      rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM case_client_data WHERE category = 'identity'`),
    );
    expect(volunteer[0].n).toBe(0);
  });

  it("gives each demo staff account a second factor whose printed secret logs in", async () => {
    const printed = moduleLogins();
    expect(printed).toEqual(demoLogins());
    expect(printed.map((l) => l.email)).toEqual(DEMO_STAFF.map((s) => s.email));
    for (const l of printed) expect(l.totpSecret).toBe(demoTotpSecret(l.email));
    const who = printed.find((l) => l.email === "fallarbeit.abh@example.org")!;
    const first = await login(db, who.email, who.password, "127.0.0.1");
    expect(first).toMatchObject({ ok: false, reason: "second_factor" });
    const pending = (first as { pendingToken: string }).pendingToken;
    const r = await verifyLoginCode(db, pending, totpCode(who.totpSecret!, Date.now()), "127.0.0.1");
    expect(r.ok).toBe(true);
  });

  it("has published the quarter's suppressed counts to the StädteRegion's monitoring", async () => {
    const obs = await withSystem(db, (tx) =>
      rows<{ area: string; value: number | null; symbol: string | null }>(
        tx,
        sql`SELECT a.name AS area, o.value, o.symbol FROM mon_observations o JOIN mon_indicators i ON i.id = o.indicator_id
          JOIN mon_areas a ON a.id = o.area_id JOIN tenants t ON t.id = o.tenant_id
          WHERE t.slug = 'staedteregion-aachen' AND i.code = 'ip_klienten' AND o.group_code = 'gesamt' AND o.period = '2026-Q3'`,
      ),
    );
    expect(obs.map((o) => o.area).sort()).toEqual(["Aachen", "Alsdorf", "Eschweiler", "Simmerath"]);
    // Simmerath has 3 persons in the quarter, at the threshold: but its groups are small, so the
    // complementary protection of the table decides; whatever is shown is 0 or at least 3.
    for (const o of obs) expect(o.value === null ? o.symbol : o.value >= 3 || o.value === 0).toBeTruthy();
  });

  it("puts a family of four in Aachen and one of three in Alsdorf into households, with roles", async () => {
    const sizes = await withSystem(db, (tx) =>
      rows<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM case_clients WHERE network_id = ${networkId}::uuid AND household_id IS NOT NULL
          GROUP BY household_id ORDER BY n DESC`,
      ),
    );
    expect(sizes.map((s) => s.n)).toEqual([4, 3]);
    const view = await asStaff("fallarbeit.jobcenter@example.org", async (tx, me) => {
      const [c] = await rows<{ id: string }>(
        tx,
        sql`SELECT id FROM case_clients WHERE household_id IS NOT NULL AND site_id = ${me!.siteId}::uuid LIMIT 1`,
      );
      return must(await householdOf(tx, me, c.id));
    });
    expect(view.members.map((m) => m.role).sort()).toEqual(["child", "child", "head", "partner"]);
    expect(new Set(view.members.map((m) => m.name!.split(",")[0]))).toEqual(new Set(["Beispiel-Ahorn"]));
  });

  it("changes nothing when loaded a second time", async () => {
    const before = await tableCounts();
    await seedModuleDemo(db, () => {});
    await seedDemo(db, () => {});
    expect(await tableCounts()).toEqual(before);
  });
});
