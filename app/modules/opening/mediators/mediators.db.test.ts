import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import "./strings";
import { createTestDb, tenantIds } from "../../../../tests/support/db";
import { messageOf, must } from "../../../../tests/support/errors";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withTenant } from "~/kernel/db/context";
import {
  addMediator,
  assignMediator,
  assignmentsOf,
  finishRequest,
  hoursByLanguage,
  listMediators,
  recordPledge,
  requestMediation,
} from "./service";

// The language-mediator pool (issue 15 item 5) on PGlite with the demo data.
let db: Database;
let cleanup: () => Promise<void>;
let aachen: string, koeln: string;

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true, modules: true }));
  ({ aachen, koeln } = await tenantIds(db));
});
afterAll(async () => {
  await cleanup();
});
const inTenant = <T>(tenantId: string, fn: (tx: Tx) => Promise<T>) =>
  withTenant(db, { tenantId, actor: { userId: null, label: "Test" } }, fn);

describe("assignment", () => {
  it("only a pledged, active mediator who speaks the language; the database refuses the rest too", async () => {
    const ids = await inTenant(koeln, async (tx) => {
      const unpledged = must(
        await addMediator(tx, { name: "Test Ohne Erklärung", kind: "contracted", languages: ["ar"] }),
      ).id;
      const pledged = must(
        await addMediator(tx, {
          name: "Test Mit Erklärung",
          kind: "employed",
          languages: ["ar", "gsg"],
          pledgedOn: "2026-01-05",
        }),
      ).id;
      const r = must(
        await requestMediation(tx, {
          department: "Sozialamt",
          language: "ar",
          onDate: "2026-12-01",
          place: "Raum 1",
          purpose: "Wohngeld",
        }),
      );
      expect(r.reference).toBe("SM-2026-0001");
      expect(messageOf(await assignMediator(tx, r.id, unpledged))).toMatch(/Verschwiegenheitserklärung/);
      const tr = must(
        await requestMediation(tx, { department: "Sozialamt", language: "tr", onDate: "2026-12-02", place: "Raum 2" }),
      );
      expect(tr.reference).toBe("SM-2026-0002");
      expect(messageOf(await assignMediator(tx, tr.id, pledged))).toMatch(/spricht die angefragte Sprache nicht/);
      expect(messageOf(await finishRequest(tx, r.id, "done", 2))).toMatch(/Erst eine Sprachmittlung vergeben/);
      must(await assignMediator(tx, r.id, pledged));
      expect(messageOf(await finishRequest(tx, r.id, "done", 0))).toMatch(/Stunden/);
      must(await finishRequest(tx, r.id, "done", 1.5));
      expect(messageOf(await assignMediator(tx, r.id, pledged))).toMatch(/erledigt oder abgesagt/);
      must(await recordPledge(tx, unpledged, "2026-02-01"));
      return {
        unpledged2: must(await addMediator(tx, { name: "Test Noch Einmal", kind: "contracted", languages: ["tr"] })).id,
        tr: tr.id,
      };
    });
    // Written directly, past the service: the trigger refuses an unpledged mediator.
    await expect(
      inTenant(koeln, (tx) =>
        tx.execute(
          sql`UPDATE opening_mediation_requests SET mediator_id = ${ids.unpledged2}, status = 'assigned' WHERE id = ${ids.tr}`,
        ),
      ),
    ).rejects.toMatchObject({ cause: { constraint: "opening_mediation_requests_pledged" } });
  });

  it("counts hours per language and year from finished assignments (Aachen's demo)", async () => {
    const h = await inTenant(aachen, (tx) => hoursByLanguage(tx));
    expect(h).toEqual([
      { year: 2025, language: "ar", hours: 3.5, assignments: 2 },
      { year: 2025, language: "tr", hours: 2.5, assignments: 1 },
      { year: 2025, language: "uk", hours: 1, assignments: 1 },
    ]);
  });
});

describe("who sees what", () => {
  it("a requesting department sees listed mediators without contact details; the pool's managers see all", async () => {
    await inTenant(aachen, async (tx) => {
      const listed = await listMediators(tx, { listedOnly: true });
      expect(listed.map((m) => m.name)).not.toContain("Deniz Beispiel");
      expect(listed.every((m) => m.email === null && m.phone === null)).toBe(true);
      const all = await listMediators(tx, { listedOnly: false });
      expect(all.map((m) => m.name)).toContain("Deniz Beispiel");
      const sign = await listMediators(tx, { listedOnly: true, language: "gsg" });
      expect(sign.map((m) => m.name)).toEqual(["Gebärdensprachdolmetschdienst (Beispiel)"]);
    });
  });

  it("a mediator sees date, time, place, language, reference and status – never the purpose or the department", async () => {
    await inTenant(aachen, async (tx) => {
      const [u] = await rows<{ id: string }>(tx, sql`SELECT id FROM users WHERE email = 'viewer.aachen@example.org'`);
      const mine = await assignmentsOf(tx, u.id);
      expect(mine.length).toBeGreaterThan(0);
      for (const a of mine)
        expect(Object.keys(a).sort()).toEqual(["atTime", "language", "onDate", "place", "reference", "status"]);
      expect(JSON.stringify(mine)).not.toMatch(/Beispiel: |Bürgerservice"/);
      expect(mine.map((a) => a.reference)).toContain("SM-2026-0001");
    });
  });

  it("another tenant sees none of Aachen's pool", async () => {
    const koelnPool = await inTenant(koeln, (tx) => listMediators(tx, { listedOnly: false }));
    expect(koelnPool.some((m) => m.name === "Amina Beispiel")).toBe(false);
  });
});
