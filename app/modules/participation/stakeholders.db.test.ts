import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageOf } from "../../../tests/support/errors";
import { sql } from "drizzle-orm";
import { createTestDb, tenantIds } from "../../../tests/support/db";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withTenant } from "~/kernel/db/context";
import { addStakeholder, fieldOf, listStakeholders, rateStakeholder, removeStakeholder } from "./stakeholders";

// The stakeholder register and its Vier-Felder-Analyse (issue 12 item 7), on Aachen's demo data.
let db: Database;
let cleanup: () => Promise<void>;
let aachen: string, koeln: string;
class Rollback extends Error {}

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true, modules: true }));
  ({ aachen, koeln } = await tenantIds(db));
});
afterAll(async () => {
  await cleanup();
});

const inTenant = <T>(tenantId: string, fn: (tx: Tx) => Promise<T>) =>
  withTenant(db, { tenantId, actor: { userId: null, label: "Test" } }, fn);
/** Runs `fn` in Aachen and rolls it back, so the tests do not see each other's entries. */
const tryInAachen = async (fn: (tx: Tx) => Promise<void>) => {
  await inTenant(aachen, async (tx) => {
    await fn(tx);
    throw new Rollback();
  }).catch((e) => {
    if (!(e instanceof Rollback)) throw e;
  });
};
const orgId = async (tx: Tx, name: string) =>
  (await rows<{ id: string }>(tx, sql`SELECT id FROM organisations WHERE name = ${name}`))[0]?.id;

describe("the four fields", () => {
  it("put influence 3–4 above and attitude 3–4 to the right, with no middle", () => {
    expect([fieldOf(4, 4), fieldOf(3, 2), fieldOf(2, 3), fieldOf(1, 1)]).toEqual([
      "promoters",
      "opponents",
      "supporters",
      "sceptics",
    ]);
  });

  it("sort the demo's organisations into their fields", async () => {
    await inTenant(aachen, async (tx) => {
      const list = await listStakeholders(tx);
      expect(list.map((s) => [s.name, s.field])).toEqual([
        ["Jobcenter StädteRegion Aachen", "promoters"],
        ["Integrationsrat der Stadt Aachen", "promoters"],
        ["IHK Aachen", "opponents"],
        ["Diakonisches Werk im Kirchenkreis Aachen e.V.", "supporters"],
      ]);
    });
  });
});

describe("an entry", () => {
  it("is an organisation once, or a person only with a legal basis", async () => {
    await tryInAachen(async (tx) => {
      const awo = (await orgId(tx, "Arbeiterwohlfahrt Kreisverband Aachen-Stadt e.V."))!;
      expect((await addStakeholder(tx, { organisationId: awo, influence: 2, attitude: 2 })).ok).toBe(true);
      expect(messageOf(await addStakeholder(tx, { organisationId: awo, influence: 4, attitude: 4 }))).toBe(
        "Diese Organisation steht schon im Akteursregister.",
      );
      await expect(addStakeholder(tx, { personName: "Erika Beispiel", influence: 3, attitude: 3 })).rejects.toThrow();
      const person = await addStakeholder(tx, {
        personName: "Erika Beispiel",
        legalBasis: "Einwilligung vom 12.03.2026",
        influence: 3,
        attitude: 1,
      });
      expect(person.ok).toBe(true);
      const list = await listStakeholders(tx);
      expect(list.find((s) => s.name === "Erika Beispiel")).toMatchObject({ isPerson: true, field: "opponents" });
    });
  });

  it("cannot be a person without a legal basis even past the service (CHECK)", async () => {
    await expect(
      tryInAachen(async (tx) => {
        await tx.execute(
          sql`INSERT INTO participation_stakeholders (tenant_id, person_name, influence, attitude)
              VALUES (app_tenant_id(), 'Ohne Grundlage', 1, 1)`,
        );
      }),
    ).rejects.toMatchObject({ cause: { code: "23514" } });
  });

  it("cannot name another tenant's organisation", async () => {
    const kolner = await inTenant(koeln, (tx) => orgId(tx, "Kölner Flüchtlingsrat e.V."));
    await tryInAachen(async (tx) => {
      expect(messageOf(await addStakeholder(tx, { organisationId: kolner!, influence: 1, attitude: 4 }))).toBe(
        "Bitte entweder eine Organisation aus dem Register wählen oder den Namen einer Person angeben, nicht beides.",
      );
    });
  });

  it("is reassessed, and removed without the person's name staying in the audit log", async () => {
    await tryInAachen(async (tx) => {
      const id = (
        await addStakeholder(tx, {
          personName: "Hans Vergessen",
          legalBasis: "Einwilligung (Beispiel)",
          influence: 1,
          attitude: 1,
        })
      ).ok
        ? (await listStakeholders(tx)).find((s) => s.name === "Hans Vergessen")!.id
        : "";
      expect(messageOf(await rateStakeholder(tx, id, { influence: 5, attitude: 1 }))).toBe(
        "Bitte den Einfluss von 1 (gering) bis 4 (hoch) wählen.",
      );
      expect((await rateStakeholder(tx, id, { influence: "4", attitude: "4" })).ok).toBe(true);
      expect((await listStakeholders(tx)).find((s) => s.id === id)?.field).toBe("promoters");
      expect((await removeStakeholder(tx, id)).ok).toBe(true);
      expect(messageOf(await removeStakeholder(tx, id))).toBe("Diesen Eintrag im Akteursregister gibt es nicht.");
      const [left] = await rows<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'participation_stakeholder' AND entity_id = ${id}
              AND (coalesce(before::text, '') || coalesce(after::text, '')) LIKE '%Vergessen%'`,
      );
      expect(left.n).toBe(0);
    });
  });

  it("of another tenant is neither listed, reassessed nor removed", async () => {
    const [foreign] = await inTenant(koeln, async (tx) => {
      const org = (await orgId(tx, "Kölner Flüchtlingsrat e.V."))!;
      await addStakeholder(tx, { organisationId: org, influence: 2, attitude: 4 });
      return listStakeholders(tx);
    });
    await tryInAachen(async (tx) => {
      expect((await listStakeholders(tx)).map((s) => s.id)).not.toContain(foreign.id);
      expect(messageOf(await rateStakeholder(tx, foreign.id, { influence: 1, attitude: 1 }))).toBe(
        "Diesen Eintrag im Akteursregister gibt es nicht.",
      );
      expect((await removeStakeholder(tx, foreign.id)).ok).toBe(false);
    });
    await inTenant(koeln, async (tx) => expect((await listStakeholders(tx))[0]).toMatchObject({ attitude: 4 }));
  });
});
