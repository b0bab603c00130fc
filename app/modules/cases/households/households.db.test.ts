import "../routes/strings";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withSystem } from "~/kernel/db/context";
import { users } from "~/kernel/db/schema";
import { createTestDb } from "../../../../tests/support/db";
import { messageOf, must } from "../../../../tests/support/errors";
import { withCase, type Me } from "../core/context";
import { deleteClient, intakeClient, setClientClosed, writeCategory } from "../core/clients";
import { recordConsent } from "../core/bases";
import { addStaff } from "../core/network";
import { makeNetwork, type TestNetwork } from "../search/network.fixture";
import { runRetention } from "../retention/service";
import { createHousehold, householdCandidates, householdOf, leaveHousehold, linkToHousehold } from "./service";

// Households (docs/cases.md "Households"): who may link whom, what the family view shows to whom,
// and that anonymisation and deletion leave no household structure behind (migration 0885).

let db: Database;
let cleanup: () => Promise<void>;
let net: TestNetwork;
let otherSiteUser: string;
type Who = "jobcenter" | "sozialamt" | "lead" | "abh" | "volunteer" | "dpo" | "auditor" | "otherSite";
const as = <T>(who: Who, fn: (tx: Tx, me: Me | null) => Promise<T>) =>
  withCase(
    db,
    { userId: who === "otherSite" ? otherSiteUser : net.users[who], networkId: net.networkId, label: who },
    fn,
  );

const take = (who: Who, familyName: string, birthDate = "1985-04-02") =>
  as(
    who,
    async (tx, me) =>
      must(
        await intakeClient(tx, me, {
          identity: { familyName, givenNames: "Fiktiv", birthDate },
          intakeDate: "2026-01-05",
        }),
      ).id,
  );
const sys = <T>(q: ReturnType<typeof sql>) => withSystem(db, (tx) => rows<T>(tx, q));
const householdIdOf = async (id: string) =>
  (await sys<{ h: string | null }>(sql`SELECT household_id AS h FROM case_clients WHERE id = ${id}::uuid`))[0].h;
const householdCount = async () =>
  (
    await sys<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM case_households WHERE network_id = ${net.networkId}::uuid`,
    )
  )[0].n;
const consent = (clientId: string, categories: string[]) =>
  as("jobcenter", async (tx, me) =>
    must(
      await recordConsent(tx, me, clientId, {
        purpose: "Gemeinsame Beratung der Familie im Integration Point",
        categories,
        recipients: [net.institutions.sozialamt!],
        language: "ar",
        interpreter: "Sprachmittlung (Test)",
        signedBy: "client",
        givenOn: "2026-01-05",
        validUntil: "2027-01-04",
      }),
    ),
  );

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true }));
  net = await makeNetwork(db, "IP Haushaltstest");
  otherSiteUser = await withSystem(db, async (tx) => {
    const [site] = await rows<{ id: string }>(
      tx,
      sql`SELECT id FROM case_sites WHERE network_id = ${net.networkId}::uuid AND name = 'Alsdorf'`,
    );
    const [u] = await tx.insert(users).values({ email: "alsdorf@haushalt.example.org", displayName: "A" }).returning();
    await addStaff(tx, net.networkId, {
      userId: u.id,
      institutionId: net.institutions.jobcenter!,
      siteId: site.id,
      role: "specialist",
    });
    return u.id;
  });
});
afterAll(() => cleanup());

describe("a household of the owning case worker", () => {
  let head = "";
  let partner = "";
  let child = "";
  let hh = "";

  it("is created with one client, takes others in and lists them with name and role, each logged as a read", async () => {
    [head, partner, child] = [
      await take("jobcenter", "Sentinel-Hausstand"),
      await take("jobcenter", "Sentinel-Partnerin"),
      await take("jobcenter", "Sentinel-Kind", "2015-09-01"),
    ];
    hh = must(await as("jobcenter", (tx, me) => createHousehold(tx, me, head))).householdId;
    expect(messageOf(await as("jobcenter", (tx, me) => createHousehold(tx, me, head)))).toContain(
      "bereits zu einem Haushalt",
    );
    // The partner is added from the head's page; the child joins from its own page.
    expect(must(await as("jobcenter", (tx, me) => linkToHousehold(tx, me, head, partner))).householdId).toBe(hh);
    expect(must(await as("jobcenter", (tx, me) => linkToHousehold(tx, me, child, head))).householdId).toBe(hh);
    expect(messageOf(await as("jobcenter", (tx, me) => linkToHousehold(tx, me, child, partner)))).toContain(
      "bereits zu diesem Haushalt",
    );
    await as("jobcenter", async (tx, me) => {
      must(await writeCategory(tx, me, head, "family", { householdRole: "head" }));
      must(await writeCategory(tx, me, child, "family", { householdRole: "child" }));
    });
    const view = must(await as("jobcenter", (tx, me) => householdOf(tx, me, child)));
    expect(view.householdId).toBe(hh);
    // The client itself first, then the others by pseudonym.
    expect(view.members[0]).toMatchObject({ id: child, name: "Sentinel-Kind, Fiktiv", role: "child", self: true });
    const byId = new Map(view.members.map((m) => [m.id, m]));
    expect(byId.get(head)).toMatchObject({ name: "Sentinel-Hausstand, Fiktiv", role: "head", self: false });
    expect(byId.get(partner)).toMatchObject({ name: "Sentinel-Partnerin, Fiktiv", self: false });
    expect(byId.get(partner)?.role).toBeUndefined();
    expect(view.members.every((m) => m.removable && m.plan)).toBe(true);
    expect(view.members.map((m) => m.id).sort()).toEqual([head, partner, child].sort());
    const reads = await sys<{ client_id: string; categories: string[] }>(
      sql`SELECT client_id, categories FROM case_access_events WHERE action = 'read' AND reason = 'open_case'
        AND client_id = ANY (${`{${head},${partner},${child}}`}::uuid[])`,
    );
    expect(reads.map((r) => r.client_id).sort()).toEqual([head, partner, child].sort());
    for (const r of reads) expect(r.categories.sort()).toEqual(["family", "identity"]);
  });

  it("audits every change by ids only and logs it as a write of 'family'", async () => {
    const entries = await sys<{ entity_id: string; after: unknown }>(
      sql`SELECT entity_id, after FROM audit_log WHERE entity = 'case_household'`,
    );
    expect(entries.length).toBe(3);
    expect(entries.every((e) => e.entity_id === hh)).toBe(true);
    expect(JSON.stringify(entries)).not.toContain("Sentinel");
    const writes = await sys<{ client_id: string; categories: string[] }>(
      sql`SELECT client_id, categories FROM case_access_events WHERE action = 'write' AND categories = '{family}'
        AND reason = 'edit' AND client_id = ANY (${`{${head},${partner},${child}}`}::uuid[])`,
    );
    // create (head), add (partner), join (child), and the two family documents written.
    expect(writes.length).toBe(5);
  });

  it("offers as candidates only the actor's own writable clients without a household, logged as listed", async () => {
    const single = await take("jobcenter", "Sentinel-Einzeln");
    const elsewhere = await take("otherSite", "Sentinel-Alsdorf");
    const cands = await as("jobcenter", (tx, me) => householdCandidates(tx, me, head));
    expect(cands.map((c) => c.id)).toEqual([single]);
    expect(cands[0].name).toBe("Sentinel-Einzeln, Fiktiv");
    // From a client without a household, members of households are offered too (to join them).
    const fromSingle = await as("jobcenter", (tx, me) => householdCandidates(tx, me, single));
    expect(fromSingle.map((c) => c.id).sort()).toEqual([head, partner, child].sort());
    expect(fromSingle.every((c) => c.inHousehold)).toBe(true);
    expect(fromSingle.map((c) => c.id)).not.toContain(elsewhere);
    // The other site's case worker of the same institution may not write the family of either.
    expect(messageOf(await as("otherSite", (tx, me) => linkToHousehold(tx, me, elsewhere, head)))).toContain(
      "nicht bearbeiten",
    );
    expect(messageOf(await as("jobcenter", (tx, me) => linkToHousehold(tx, me, head, elsewhere)))).toContain(
      "nicht bearbeiten",
    );
  });

  it("shows the household to nobody without read on the client's family", async () => {
    for (const who of ["sozialamt", "lead", "abh", "volunteer", "dpo", "auditor", "otherSite"] as const) {
      const r = await as(who, (tx, me) => householdOf(tx, me, child));
      expect(r.ok, who).toBe(false);
      expect(await as(who, (tx, me) => householdCandidates(tx, me, child)), who).toEqual([]);
      expect((await as(who, (tx, me) => linkToHousehold(tx, me, child, head))).ok, who).toBe(false);
    }
  });

  it("shows another institution with a basis for one member's family only that member – no count of the others", async () => {
    await consent(head, ["identity", "family"]);
    // A basis for the partner's identity but not its family: the partner still does not appear.
    await consent(partner, ["identity"]);
    const view = must(await as("sozialamt", (tx, me) => householdOf(tx, me, head)));
    expect(view.members.map((m) => [m.id, m.name, m.role, m.removable, m.plan])).toEqual([
      [head, "Sentinel-Hausstand, Fiktiv", "head", false, false],
    ]);
    expect(JSON.stringify(view)).not.toContain(partner);
    expect(JSON.stringify(view)).not.toContain(child);
    // It may not take anyone in or out.
    expect((await as("sozialamt", (tx, me) => leaveHousehold(tx, me, head, head))).ok).toBe(false);
    expect(await householdIdOf(head)).toBe(hh);
  });

  it("refuses a client of another institution with a clear message, and so does the database", async () => {
    const foreign = await take("sozialamt", "Sentinel-Sozialamt");
    // Unseen by the Jobcenter: "not found"; seen (the Sozialamt names it in a consent): another owner.
    expect(messageOf(await as("jobcenter", (tx, me) => linkToHousehold(tx, me, head, foreign)))).toContain(
      "gibt es nicht",
    );
    await as("sozialamt", async (tx, me) =>
      must(
        await recordConsent(tx, me, foreign, {
          purpose: "Gemeinsame Beratung der Familie im Integration Point",
          categories: ["identity", "family"],
          recipients: [net.institutions.jobcenter!],
          language: "ar",
          interpreter: "Sprachmittlung (Test)",
          signedBy: "client",
          givenOn: "2026-01-05",
          validUntil: "2027-01-04",
        }),
      ),
    );
    expect(messageOf(await as("jobcenter", (tx, me) => linkToHousehold(tx, me, head, foreign)))).toContain(
      "anderen Stelle geführt",
    );
    await expect(
      withSystem(db, (tx) =>
        tx.execute(sql`UPDATE case_clients SET household_id = ${hh}::uuid WHERE id = ${foreign}::uuid`),
      ),
    ).rejects.toMatchObject({ cause: { code: "23503" } });
  });

  it("takes members out; the last one out removes the household", async () => {
    expect(must(await as("jobcenter", (tx, me) => leaveHousehold(tx, me, head, child)))).toBeUndefined();
    expect(await householdIdOf(child)).toBeNull();
    expect(messageOf(await as("jobcenter", (tx, me) => leaveHousehold(tx, me, head, child)))).toContain(
      "nicht zu diesem Haushalt",
    );
    must(await as("jobcenter", (tx, me) => leaveHousehold(tx, me, head, partner)));
    const before = await householdCount();
    must(await as("jobcenter", (tx, me) => leaveHousehold(tx, me, head, head)));
    expect(await householdCount()).toBe(before - 1);
    expect(must(await as("jobcenter", (tx, me) => householdOf(tx, me, head))).householdId).toBeNull();
  });
});

describe("retention and deletion of household members", () => {
  it("ends the membership on anonymisation and removes the household with its last member", async () => {
    const [a, b] = [await take("jobcenter", "Sentinel-Frueh"), await take("jobcenter", "Sentinel-Spaet")];
    const hh = must(await as("jobcenter", (tx, me) => linkToHousehold(tx, me, a, b))).householdId;
    must(await as("jobcenter", (tx, me) => setClientClosed(tx, me, a, "2026-02-01")));
    must(await as("jobcenter", (tx, me) => setClientClosed(tx, me, b, "2027-06-01")));
    // Three years after a's closing, a is anonymised: out of the household, which b keeps.
    await runRetention(db, { today: "2029-02-01" });
    expect(await householdIdOf(a)).toBeNull();
    expect(await householdIdOf(b)).toBe(hh);
    await runRetention(db, { today: "2030-06-01" });
    expect(await householdIdOf(b)).toBeNull();
    expect(await sys(sql`SELECT id FROM case_households WHERE id = ${hh}::uuid`)).toEqual([]);
  });

  it("removes the household when its last member is deleted", async () => {
    const [a, b] = [await take("jobcenter", "Sentinel-Weg"), await take("jobcenter", "Sentinel-Auch-Weg")];
    const hh = must(await as("jobcenter", (tx, me) => linkToHousehold(tx, me, a, b))).householdId;
    must(await as("jobcenter", (tx, me) => deleteClient(tx, me, a)));
    expect(await sys(sql`SELECT id FROM case_households WHERE id = ${hh}::uuid`)).toHaveLength(1);
    must(await as("jobcenter", (tx, me) => deleteClient(tx, me, b)));
    expect(await sys(sql`SELECT id FROM case_households WHERE id = ${hh}::uuid`)).toEqual([]);
  });
});
